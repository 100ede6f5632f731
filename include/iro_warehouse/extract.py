"""Extract the case system into the ``raw`` schema, keeping every version.

Each source table is a current-state snapshot. ``raw.<table>`` keeps every
version of every row ever received:

* every contract column as ``text``, as received after the source profile's
  normalisation (``normalise``: with the default ``ssd`` profile, exactly as
  received); a contract-2 column the source does not supply is null;
* ``_row_hash`` and ``_copy`` (1, 2, ... for identical copies of one row
  within an extract). The hash is the md5 of the row of contract-1 columns,
  followed by the row of contract-2 columns when any of them is not null: so
  rows hashed before contract 2 existed keep their hash, and a warehouse
  migrated in place writes no new version of an unchanged row;
* ``_extract_id`` and ``_valid_from`` (the extract, and its date, that brought
  the version) and ``_valid_to`` (the extract date on which it changed or
  vanished; null while current);
* ``_is_deleted``: a tombstone version recording that a primary key vanished
  from the source at ``_valid_from``.

``raw.extracts`` has one row per extract: its date, the source kind and
profile, the row counts, and ``not_supplied``: the contract columns (and
tables, ``column_name`` null) the extract did not supply, each with its
reason, ``missing`` or ``placeholder`` (see ``source`` and ``profile``).

A version is *as known at* day D when ``_valid_from <= D`` and (``_valid_to``
is null or ``_valid_to > D``) and it is not a tombstone.

An extract is one transaction in the warehouse: either every table of it is
visible, or none is. Only changed rows are written (hash comparison). Loading
the same extract date again first undoes that date's batch, so a rerun leaves
raw exactly as one run would. An extract date after tomorrow (London) is
refused before anything is written.

Raw is owned by the loader role (``Settings.roles.loader``), so any login
that is a member can run the nightly: a member that is not a superuser works
as the loader (``set local role``) after handing the loader any raw table it
owns itself; a superuser hands every raw table to the loader.

No error of this module quotes a row: PostgreSQL's ``DETAIL`` and ``CONTEXT``
(which do) are never logged or raised; messages name the table, the column,
the line and the rule.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import cursor as Cursor

from iro_warehouse import normalise, periods, spec, warehouse
from iro_warehouse.config import RetryPolicy, Source
from iro_warehouse.source import NotSupplied, StructuralFault, stage
from iro_warehouse.source import connection as source_connection
from iro_warehouse.warehouse import EXTRACT_LOCK_KEY

__all__ = ["ExtractResult", "StructuralFault", "TableChanges", "load_extract"]

log = logging.getLogger(__name__)

RAW_SCHEMA = "raw"
METADATA_COLUMNS = (
    ("_row_hash", "text not null"),
    ("_copy", "integer not null"),
    ("_extract_id", "bigint not null"),
    ("_valid_from", "date not null"),
    ("_valid_to", "date"),
    ("_is_deleted", "boolean not null default false"),
)


@dataclass
class TableChanges:
    received: int = 0
    inserted: int = 0
    closed: int = 0
    deleted: int = 0


@dataclass
class ExtractResult:
    extract_id: int
    extract_date: date
    skipped: bool = False
    tables: dict[str, TableChanges] = field(default_factory=dict)
    not_supplied: list[NotSupplied] = field(default_factory=list)

    def summary(self) -> str:
        if self.skipped:
            return f"extract {self.extract_date}: raw already holds later extracts; nothing loaded"
        received = sum(t.received for t in self.tables.values())
        inserted = sum(t.inserted for t in self.tables.values())
        closed = sum(t.closed for t in self.tables.values())
        deleted = sum(t.deleted for t in self.tables.values())
        text = (
            f"extract {self.extract_date} (id {self.extract_id}): {received} rows received, "
            f"{inserted} new versions, {closed} versions superseded, {deleted} rows deleted"
        )
        if self.not_supplied:
            text += "; not supplied: " + ", ".join(
                f"{n.table_name}{'.' + n.column_name if n.column_name else ''} ({n.reason})"
                for n in self.not_supplied
            )
        return text


# ---------------------------------------------------------------------------
# Raw history
# ---------------------------------------------------------------------------


def contract_2_parts() -> list[NotSupplied]:
    """Every part contract 2 added: its tables, and its columns of contract-1 tables."""
    tables = [NotSupplied(t.name, None, "missing") for t in spec.TABLES if t.contract == 2]
    columns = [
        NotSupplied(t.name, c.name, "missing")
        for t in spec.TABLES
        if t.contract == 1
        for c in t.columns
        if c.contract == 2
    ]
    return tables + columns


def ensure_raw_schema(cur: Cursor) -> None:
    """Create the raw schema and its tables if missing, and migrate them in place.

    Migration: every contract column (a table created before contract 2
    lacks the new ones) and ``raw.extracts.not_supplied`` / ``source_profile``
    are added when missing; when ``not_supplied`` is new, the extracts already
    recorded list every contract-2 part as not supplied (they had none).
    (pgcrypto, which only dbt's pseudonyms need, is set up with the roles:
    :func:`iro_warehouse.roles.setup_access`.)
    """
    cur.execute(f"create schema if not exists {RAW_SCHEMA}")
    cur.execute(
        f"""
        create table if not exists {RAW_SCHEMA}.extracts (
            extract_id bigserial primary key,
            extract_date date not null unique,
            source_kind text not null,
            loaded_at timestamptz not null default now(),
            row_counts jsonb not null default '{{}}'::jsonb
        )
        """
    )
    cur.execute(
        "select 1 from pg_attribute where attrelid = %s::regclass "
        "and attname = 'not_supplied' and not attisdropped",
        (f"{RAW_SCHEMA}.extracts",),
    )
    knew_not_supplied = cur.fetchone() is not None
    cur.execute(
        f"alter table {RAW_SCHEMA}.extracts "
        "add column if not exists not_supplied jsonb not null default '[]'::jsonb, "
        "add column if not exists source_profile text"
    )
    if not knew_not_supplied:
        # extracts recorded before contract 2 could not supply its parts: a build as
        # known at one of their days makes those figures z, not 0% of empty columns
        cur.execute(
            f"update {RAW_SCHEMA}.extracts set not_supplied = %s",
            (json.dumps([n.as_json() for n in contract_2_parts()]),),
        )
    for tbl in spec.TABLES:
        cols = [sql.SQL("{} text").format(sql.Identifier(c)) for c in tbl.column_names]
        cols += [sql.SQL(f"{name} {ddl}") for name, ddl in METADATA_COLUMNS]
        ident = sql.Identifier(RAW_SCHEMA, tbl.name)
        cur.execute(
            sql.SQL("create table if not exists {} ({})").format(ident, sql.SQL(", ").join(cols))
        )
        cur.execute(
            "select attname from pg_attribute where attrelid = %s::regclass "
            "and attnum > 0 and not attisdropped",
            (f"{RAW_SCHEMA}.{tbl.name}",),
        )
        have = {r[0] for r in cur.fetchall()}
        for name in tbl.column_names:
            if name not in have:
                cur.execute(
                    sql.SQL("alter table {} add column {} text").format(ident, sql.Identifier(name))
                )
        cur.execute(
            sql.SQL("create index if not exists {} on {} (_valid_from, _valid_to)").format(
                sql.Identifier(f"{tbl.name}__validity"), ident
            )
        )
        cur.execute(
            sql.SQL("create index if not exists {} on {} ({})").format(
                sql.Identifier(f"{tbl.name}__key"), ident, sql.Identifier(tbl.primary_key)
            )
        )


def _raw_tables() -> list[str]:
    return [f"{RAW_SCHEMA}.extracts", *(f"{RAW_SCHEMA}.{t.name}" for t in spec.TABLES)]


def _prepare_warehouse(cur: Cursor, loader: str | None) -> None:
    """Raw created, migrated and owned by the loader role.

    A login that is a member of ``loader`` (not a superuser) first hands the
    loader the raw tables it owns itself, then works as the loader (``set
    local role``), so what it creates belongs to the loader and any other
    member can run the next extract. A superuser (the private server's
    ``iro``) works as itself and hands every raw table to the loader. Without
    a loader role (it is created by ``iro grant`` and the nightly), or for a
    login outside it, raw is the login's, as before.
    """
    cur.execute(
        "select r.rolsuper, current_user, "
        "exists (select 1 from pg_roles where rolname = %(l)s), "
        "case when exists (select 1 from pg_roles where rolname = %(l)s) "
        "then pg_has_role(current_user, %(l)s, 'MEMBER') else false end "
        "from pg_roles as r where r.rolname = current_user",
        {"l": loader or ""},
    )
    superuser, me, loader_exists, member = cur.fetchone()
    if not loader or not loader_exists or me == loader or not (superuser or member):
        ensure_raw_schema(cur)
        return
    if superuser:
        ensure_raw_schema(cur)
        _hand_to_loader(cur, loader, only_owner=None)
        return
    _hand_to_loader(cur, loader, only_owner=me)
    cur.execute(sql.SQL("set local role {}").format(sql.Identifier(loader)))
    _refuse_foreign_owners(cur, loader)
    ensure_raw_schema(cur)


def _owners(cur: Cursor) -> dict[tuple[str, str], str]:
    """{(kind, name): owner} of the raw schema and its tables."""
    cur.execute(
        "select 'table', n.nspname || '.' || c.relname, pg_get_userbyid(c.relowner) "
        "from pg_class as c join pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname || '.' || c.relname = any(%s) and c.relkind in ('r', 'p') "
        "union all select 'schema', nspname, pg_get_userbyid(nspowner) from pg_namespace "
        "where nspname = %s",
        (_raw_tables(), RAW_SCHEMA),
    )
    return {(kind, name): owner for kind, name, owner in cur.fetchall()}


def _hand_to_loader(cur: Cursor, loader: str, only_owner: str | None) -> None:
    # the schema first: a table's new owner must be able to create in its schema
    for (kind, name), owner in sorted(_owners(cur).items(), key=lambda i: i[0][0] != "schema"):
        if owner != loader and (only_owner is None or owner == only_owner):
            cur.execute(
                sql.SQL("alter {} {} owner to {}").format(
                    sql.SQL(kind), sql.Identifier(*name.split(".")), sql.Identifier(loader)
                )
            )


def _refuse_foreign_owners(cur: Cursor, loader: str) -> None:
    foreign = {key: owner for key, owner in _owners(cur).items() if owner != loader}
    if foreign:
        (kind, name), owner = sorted(foreign.items())[0]
        raise StructuralFault(
            f"warehouse {kind} {name} is owned by {owner}, not by the loader role {loader}: "
            f"run the nightly once as {owner} (or a superuser) to hand raw to {loader}, or "
            f"`alter ... owner to {loader}` the {len(foreign)} raw object(s) it owns"
        )


def _undo_extract(cur: Cursor, extract_date: date) -> None:
    """Remove the batch of ``extract_date`` so it can be loaded again."""
    for tbl in spec.TABLES:
        ident = sql.Identifier(RAW_SCHEMA, tbl.name)
        cur.execute(sql.SQL("delete from {} where _valid_from = %s").format(ident), (extract_date,))
        cur.execute(
            sql.SQL("update {} set _valid_to = null where _valid_to = %s").format(ident),
            (extract_date,),
        )


def _hashed_text(tbl: spec.Table) -> sql.Composable:
    """The text hashed for a row of ``_incoming`` (as ``i``): see the module docstring."""
    first = [sql.Identifier("i", c.name) for c in tbl.columns_of(1)]
    later = [sql.Identifier("i", c.name) for c in tbl.columns if c.contract > 1]
    if not first:  # a contract-2 table: every column
        return sql.SQL("row({})::text").format(sql.SQL(", ").join(later))
    text = sql.SQL("row({})::text").format(sql.SQL(", ").join(first))
    if not later:
        return text
    return sql.SQL("{} || case when num_nonnulls({}) = 0 then '' else row({})::text end").format(
        text, sql.SQL(", ").join(later), sql.SQL(", ").join(later)
    )


def _apply_table(cur: Cursor, tbl: spec.Table, extract_id: int, extract_date: date) -> TableChanges:
    """Merge ``_incoming`` (the snapshot of ``tbl``) into ``raw.<tbl>``."""
    ident = sql.Identifier(RAW_SCHEMA, tbl.name)
    pk = sql.Identifier(tbl.primary_key)
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in tbl.column_names)
    changes = TableChanges()
    cur.execute(
        sql.SQL(
            """
            create temporary table _versions on commit drop as
            select i.*, md5({hashed}) as _row_hash
            from _incoming as i
            """
        ).format(hashed=_hashed_text(tbl))
    )
    cur.execute(
        """
        create temporary table _numbered on commit drop as
        select v.*, row_number() over (partition by v._row_hash)::int as _copy
        from _versions as v
        """
    )
    cur.execute("drop table _versions")
    cur.execute("select count(*) from _numbered")
    changes.received = cur.fetchone()[0]
    # versions that vanished or changed: close them
    cur.execute(
        sql.SQL(
            """
            update {raw} as r set _valid_to = %(d)s
            where r._valid_to is null and not r._is_deleted
              and not exists (
                select 1 from _numbered as n
                where n._row_hash = r._row_hash and n._copy = r._copy
              )
            """
        ).format(raw=ident),
        {"d": extract_date},
    )
    changes.closed = cur.rowcount
    # new versions
    cur.execute(
        sql.SQL(
            """
            insert into {raw} ({cols}, _row_hash, _copy, _extract_id, _valid_from)
            select {cols}, n._row_hash, n._copy, %(x)s, %(d)s
            from _numbered as n
            where not exists (
                select 1 from {raw} as r
                where r._valid_to is null and not r._is_deleted
                  and r._row_hash = n._row_hash and r._copy = n._copy
            )
            """
        ).format(raw=ident, cols=cols),
        {"x": extract_id, "d": extract_date},
    )
    changes.inserted = cur.rowcount
    # tombstones of keys that reappeared end
    cur.execute(
        sql.SQL(
            """
            update {raw} as r set _valid_to = %(d)s
            where r._is_deleted and r._valid_to is null
              and exists (select 1 from _numbered as n where n.{pk} = r.{pk})
            """
        ).format(raw=ident, pk=pk),
        {"d": extract_date},
    )
    # keys that vanished from the source altogether get a tombstone
    cur.execute(
        sql.SQL(
            """
            insert into {raw} ({pk}, _row_hash, _copy, _extract_id, _valid_from, _is_deleted)
            select distinct r.{pk}, 'deleted', 1, %(x)s, %(d)s, true
            from {raw} as r
            where r._valid_to = %(d)s and not r._is_deleted and r.{pk} is not null
              and not exists (select 1 from _numbered as n where n.{pk} = r.{pk})
              and not exists (
                select 1 from {raw} as t
                where t.{pk} = r.{pk} and t._is_deleted and t._valid_to is null
              )
            """
        ).format(raw=ident, pk=pk),
        {"x": extract_id, "d": extract_date},
    )
    changes.deleted = cur.rowcount
    cur.execute("drop table _numbered")
    cur.execute("drop table _incoming")
    return changes


def check_extract_date(extract_date: date, today: date | None = None) -> None:
    """Refuse an extract date after tomorrow (London): raw refuses every earlier date after it."""
    today = today or datetime.now(ZoneInfo(periods.TIMEZONE)).date()
    tomorrow = today + timedelta(days=1)
    if extract_date > tomorrow:
        raise StructuralFault(
            f"extract date {extract_date} is after tomorrow ({tomorrow}, London): an extract "
            "is dated the day it was taken; nothing was loaded (check the date typed)"
        )


def load_extract(
    source: Source,
    warehouse_url: str,
    extract_date: date,
    *,
    retry: RetryPolicy | None = None,
    loader_role: str | None = None,
) -> ExtractResult:
    """Load one snapshot of the case system into raw, as one transaction.

    A connection to the source or the warehouse that drops mid-extract rolls
    the whole transaction back (nothing is half-loaded); the extract is then
    tried again from the start (``retry``: ``IRO_CONNECT_ATTEMPTS`` times with
    exponential backoff) before the error goes up to Airflow's task retries.
    An error of a statement itself is never retried: an error of the data
    (a value PostgreSQL refuses, a key too long to index) is a
    :class:`StructuralFault` naming the table. ``loader_role``: the role that
    owns raw (see :func:`_prepare_warehouse`).
    """
    check_extract_date(extract_date)
    policy = retry or RetryPolicy()
    return warehouse.call_with_retry(
        lambda: _load_extract_once(source, warehouse_url, extract_date, policy, loader_role),
        policy,
        f"extract {extract_date} interrupted; nothing was loaded",
    )


#: SQLSTATE classes of an error of the data being loaded: data exception, program limit
_DATA_ERRORS = ("22", "54")


class LoadInterrupted(psycopg2.OperationalError):
    """A connection lost during the extract, its message without PostgreSQL's DETAIL/CONTEXT."""


@contextmanager
def loading(what: str) -> Iterator[None]:
    """Errors while doing ``what``, without PostgreSQL's DETAIL/CONTEXT (they quote rows).

    A dropped connection stays transient (:class:`LoadInterrupted`, an
    ``OperationalError``: retried); an error of the data is a structural
    fault; anything else a ``RuntimeError``. The original exception is not
    chained (``from None``), so its text never reaches a log.
    """
    try:
        yield
    except LoadInterrupted:
        raise
    except psycopg2.Error as exc:
        text = warehouse.first_line(exc)
        if warehouse.is_transient(exc):
            raise LoadInterrupted(f"connection lost while {what}: {text}") from None
        code = getattr(exc, "pgcode", None) or ""
        if code.startswith(_DATA_ERRORS):
            raise StructuralFault(
                f"{what}: the warehouse refused a value ({text}; SQLSTATE {code})"
            ) from None
        raise RuntimeError(f"{what} failed: {text} (SQLSTATE {code or 'none'})") from None


def _load_extract_once(
    source: Source,
    warehouse_url: str,
    extract_date: date,
    retry: RetryPolicy,
    loader_role: str | None,
) -> ExtractResult:
    log.info(
        "extracting %s (profile %s) into raw for extract date %s",
        source.describe(),
        source.profile.describe(),
        extract_date,
    )
    with (
        source_connection(source, retry) as src,
        warehouse.transaction(warehouse_url, app="iro_extract", retry=retry) as cur,
        loading("preparing raw"),
    ):
        warehouse.advisory_xact_lock(cur, EXTRACT_LOCK_KEY)
        _prepare_warehouse(cur, loader_role)
        cur.execute(f"select max(extract_date) from {RAW_SCHEMA}.extracts")
        latest = cur.fetchone()[0]
        if latest is not None and extract_date < latest:
            cur.execute(
                f"select extract_id from {RAW_SCHEMA}.extracts where extract_date = %s",
                (extract_date,),
            )
            row = cur.fetchone()
            if row is None:
                raise StructuralFault(
                    f"raw already holds a later extract ({latest}) than {extract_date}; "
                    "history is append-only. Compute past figures with --as-known-at."
                )
            log.info("raw already holds extracts after %s; keeping history", extract_date)
            return ExtractResult(row[0], extract_date, skipped=True)
        if latest == extract_date:
            # a rerun of the latest extract: replace its batch, keep its id
            _undo_extract(cur, extract_date)
        cur.execute(
            f"insert into {RAW_SCHEMA}.extracts (extract_date, source_kind) "
            "values (%s, %s) on conflict (extract_date) "
            "do update set source_kind = excluded.source_kind returning extract_id",
            (extract_date, source.kind),
        )
        extract_id = cur.fetchone()[0]
        result = ExtractResult(extract_id, extract_date)
        normalise.prepare(cur, source.profile)
        for tbl in spec.TABLES:
            with loading(f"loading source table {tbl.name}"):
                staged = stage(cur, tbl, source, src)
                normalise.build_incoming(cur, staged, source.profile)
                result.not_supplied += staged.not_supplied
                result.tables[tbl.name] = _apply_table(cur, tbl, extract_id, extract_date)
            log.info(
                "%s: %d rows received, %d new versions, %d superseded, %d deleted",
                tbl.name,
                *vars(result.tables[tbl.name]).values(),
            )
        cur.execute(
            f"update {RAW_SCHEMA}.extracts set row_counts = %s, not_supplied = %s, "
            "source_profile = %s where extract_id = %s",
            (
                json.dumps({k: vars(v) for k, v in result.tables.items()}),
                json.dumps([n.as_json() for n in result.not_supplied]),
                source.profile.describe(),
                extract_id,
            ),
        )
    log.info(result.summary())
    return result

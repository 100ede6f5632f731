"""Extract the case system into the ``raw`` schema, keeping every version.

Each source table is a current-state snapshot. ``raw.<table>`` keeps every
version of every row ever received:

* every contract column as ``text``, exactly as received;
* ``_row_hash`` (md5 of the contract columns) and ``_copy`` (1, 2, ... for
  identical copies of one row within an extract);
* ``_extract_id`` and ``_valid_from`` (the extract, and its date, that brought
  the version) and ``_valid_to`` (the extract date on which it changed or
  vanished; null while current);
* ``_is_deleted``: a tombstone version recording that a primary key vanished
  from the source at ``_valid_from``.

A version is *as known at* day D when ``_valid_from <= D`` and (``_valid_to``
is null or ``_valid_to > D``) and it is not a tombstone.

An extract is one transaction in the warehouse: either every table of it is
visible, or none is. Only changed rows are written (hash comparison). Loading
the same extract date again first undoes that date's batch, so a rerun leaves
raw exactly as one run would.
"""

from __future__ import annotations

import csv
import json
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import connection as PgConnection

from iro_warehouse import spec, warehouse
from iro_warehouse.config import RetryPolicy, Source
from iro_warehouse.warehouse import EXTRACT_LOCK_KEY

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


class StructuralFault(RuntimeError):
    """The source cannot be read as the contract says: the run must stop."""


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

    def summary(self) -> str:
        if self.skipped:
            return f"extract {self.extract_date}: raw already holds later extracts; nothing loaded"
        received = sum(t.received for t in self.tables.values())
        inserted = sum(t.inserted for t in self.tables.values())
        closed = sum(t.closed for t in self.tables.values())
        deleted = sum(t.deleted for t in self.tables.values())
        return (
            f"extract {self.extract_date} (id {self.extract_id}): {received} rows received, "
            f"{inserted} new versions, {closed} versions superseded, {deleted} rows deleted"
        )


# ---------------------------------------------------------------------------
# Reading the source into a temporary table of the warehouse connection
# ---------------------------------------------------------------------------


def _stage_from_csv(cur, tbl: spec.Table, csv_dir: Path) -> None:
    path = csv_dir / f"{tbl.name}.csv"
    if not path.is_file():
        raise StructuralFault(f"source table {tbl.name} is missing: no file {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f), None)
    except UnicodeDecodeError as exc:
        raise StructuralFault(
            f"source table {tbl.name}: {path} is not readable as UTF-8 ({exc.reason} at byte "
            f"{exc.start} of the header)"
        ) from None
    if header is None:
        raise StructuralFault(f"source table {tbl.name}: {path} is empty (no header row)")
    header = [h.strip() for h in header]
    _check_columns(tbl, header, f"{path.name} header")
    temp_cols = [f"c{i}" for i in range(len(header))]
    cur.execute(
        sql.SQL("create temporary table _incoming_file ({}) on commit drop").format(
            sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in temp_cols)
        )
    )
    cur.execute("savepoint before_copy")
    try:
        with path.open("rb") as f:
            cur.copy_expert(
                "copy _incoming_file from stdin with (format csv, header true, encoding 'UTF8')",
                f,
            )
    except psycopg2.DataError as exc:
        cur.execute("rollback to savepoint before_copy")
        detail = (exc.diag.message_primary or str(exc)).strip()
        where = (exc.diag.context or "").strip()
        raise StructuralFault(
            f"source table {tbl.name}: {path} is unreadable: {detail} ({where})"
        ) from None
    position = {name: i for i, name in enumerate(header)}
    cur.execute(
        sql.SQL(
            "create temporary table _incoming on commit drop as select {} from _incoming_file"
        ).format(
            sql.SQL(", ").join(
                sql.SQL("{} as {}").format(
                    sql.Identifier(temp_cols[position[c]]), sql.Identifier(c)
                )
                for c in tbl.column_names
            )
        )
    )
    cur.execute("drop table _incoming_file")


def _check_columns(tbl: spec.Table, present: list[str], where: str) -> None:
    missing = [c for c in tbl.column_names if c not in present]
    if missing:
        raise StructuralFault(
            f"source table {tbl.name} is missing column(s) {', '.join(missing)} (looked in {where})"
        )


def _stage_from_postgres(cur, tbl: spec.Table, src: PgConnection, schema: str) -> None:
    with src.cursor() as scur:
        scur.execute(
            "select column_name from information_schema.columns "
            "where table_schema = %s and table_name = %s",
            (schema, tbl.name),
        )
        present = [r[0] for r in scur.fetchall()]
        if not present:
            raise StructuralFault(
                f"source table {tbl.name} is missing from schema {schema} of the case system"
            )
        _check_columns(tbl, present, f"{schema}.{tbl.name}")
        select = sql.SQL("copy (select {} from {}.{}) to stdout with (format csv)").format(
            sql.SQL(", ").join(
                sql.SQL("{}::text").format(sql.Identifier(c)) for c in tbl.column_names
            ),
            sql.Identifier(schema),
            sql.Identifier(tbl.name),
        )
        with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024, mode="w+b") as buf:
            scur.copy_expert(select, buf)
            buf.seek(0)
            _create_incoming(cur, tbl)
            cur.copy_expert(
                sql.SQL("copy _incoming ({}) from stdin with (format csv)").format(
                    sql.SQL(", ").join(sql.Identifier(c) for c in tbl.column_names)
                ),
                buf,
            )


def _create_incoming(cur, tbl: spec.Table) -> None:
    cur.execute(
        sql.SQL("create temporary table _incoming ({}) on commit drop").format(
            sql.SQL(", ").join(
                sql.SQL("{} text").format(sql.Identifier(c)) for c in tbl.column_names
            )
        )
    )


@contextmanager
def _source_connection(source: Source, retry: RetryPolicy) -> Iterator[PgConnection | None]:
    if source.kind == "csv":
        if source.csv_dir is None or not source.csv_dir.is_dir():
            raise StructuralFault(f"case system unreachable: {source.describe()} does not exist")
        yield None
        return
    try:
        with warehouse.connect(source.url or "", app="iro_extract", retry=retry) as conn:
            conn.set_session(readonly=True)
            # one snapshot for every table of the extract
            conn.set_isolation_level(psycopg2.extensions.ISOLATION_LEVEL_REPEATABLE_READ)
            yield conn
    except warehouse.Unreachable as exc:
        raise StructuralFault(f"case system unreachable: {source.describe()}: {exc}") from None


# ---------------------------------------------------------------------------
# Raw history
# ---------------------------------------------------------------------------


def ensure_raw_schema(cur) -> None:
    """Create the raw schema and its tables if they are missing (and pgcrypto for dbt)."""
    warehouse.ensure_pgcrypto(cur)
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
    for tbl in spec.TABLES:
        cols = [sql.SQL("{} text").format(sql.Identifier(c)) for c in tbl.column_names]
        cols += [sql.SQL(f"{name} {ddl}") for name, ddl in METADATA_COLUMNS]
        ident = sql.Identifier(RAW_SCHEMA, tbl.name)
        cur.execute(
            sql.SQL("create table if not exists {} ({})").format(ident, sql.SQL(", ").join(cols))
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


def _undo_extract(cur, extract_date: date) -> None:
    """Remove the batch of ``extract_date`` so it can be loaded again."""
    for tbl in spec.TABLES:
        ident = sql.Identifier(RAW_SCHEMA, tbl.name)
        cur.execute(sql.SQL("delete from {} where _valid_from = %s").format(ident), (extract_date,))
        cur.execute(
            sql.SQL("update {} set _valid_to = null where _valid_to = %s").format(ident),
            (extract_date,),
        )


def _apply_table(cur, tbl: spec.Table, extract_id: int, extract_date: date) -> TableChanges:
    """Merge ``_incoming`` (the snapshot of ``tbl``) into ``raw.<tbl>``."""
    ident = sql.Identifier(RAW_SCHEMA, tbl.name)
    pk = sql.Identifier(tbl.primary_key)
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in tbl.column_names)
    in_cols = sql.SQL(", ").join(sql.Identifier("i", c) for c in tbl.column_names)
    changes = TableChanges()
    cur.execute(
        sql.SQL(
            """
            create temporary table _versions on commit drop as
            select i.*, md5(row({in_cols})::text) as _row_hash
            from _incoming as i
            """
        ).format(in_cols=in_cols)
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


def load_extract(
    source: Source,
    warehouse_url: str,
    extract_date: date,
    *,
    retry: RetryPolicy | None = None,
    role: str | None = None,
) -> ExtractResult:
    """Load one snapshot of the case system into raw, as one transaction.

    A connection to the source or the warehouse that drops mid-extract rolls
    the whole transaction back (nothing is half-loaded); the extract is then
    tried again from the start (``retry``: ``IRO_CONNECT_ATTEMPTS`` times with
    exponential backoff) before the error goes up to Airflow's task retries.
    An error of a statement itself is never retried. With ``role`` (the
    loader) the raw tables are made as, and belong to, that role.
    """
    policy = retry or RetryPolicy()
    return warehouse.call_with_retry(
        lambda: _load_extract_once(source, warehouse_url, extract_date, policy, role),
        policy,
        f"extract {extract_date} interrupted; nothing was loaded",
    )


def _load_extract_once(
    source: Source,
    warehouse_url: str,
    extract_date: date,
    retry: RetryPolicy,
    role: str | None,
) -> ExtractResult:
    log.info("extracting %s into raw for extract date %s", source.describe(), extract_date)
    with (
        _source_connection(source, retry) as src,
        warehouse.transaction(warehouse_url, app="iro_extract", retry=retry, role=role) as cur,
    ):
        warehouse.advisory_xact_lock(cur, EXTRACT_LOCK_KEY)
        ensure_raw_schema(cur)
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
        for tbl in spec.TABLES:
            if src is None:
                assert source.csv_dir is not None
                _stage_from_csv(cur, tbl, source.csv_dir)
            else:
                _stage_from_postgres(cur, tbl, src, source.schema)
            result.tables[tbl.name] = _apply_table(cur, tbl, extract_id, extract_date)
            log.info(
                "%s: %d rows received, %d new versions, %d superseded, %d deleted",
                tbl.name,
                *vars(result.tables[tbl.name]).values(),
            )
        cur.execute(
            f"update {RAW_SCHEMA}.extracts set row_counts = %s where extract_id = %s",
            (json.dumps({k: vars(v) for k, v in result.tables.items()}), extract_id),
        )
    log.info(result.summary())
    return result

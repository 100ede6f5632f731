"""Reading the source: one case-system table into a temporary table of the warehouse.

The contract's "Reading the source" rules, as far as they concern getting
the text of every value across (values are trimmed and checked later):

* Column names match without case and after trimming, through the profile's
  renames; column order does not matter and other columns are ignored. Two
  columns giving the same contract column (named twice in a CSV header, or
  differing only in case) are a structural fault.
* A missing contract-1 column or table is a structural fault (unless the
  profile declares the column absent). A missing contract-2 column or table
  is *not supplied*: read as null (the table as empty) and recorded.
* CSV: UTF-8 (a BOM is fine), CRLF or LF, blank lines (empty or white space
  only) ignored; a row with more or fewer fields than the header is a
  structural fault naming the file and line, never the row's content.
  PostgreSQL's ``COPY`` loads the file as it is (quoting means exactly what
  it meant, and a clean file costs what it always did); only when COPY
  refuses it, or a key is too long to index, does one pass of Python's
  ``csv`` module find the line (field counts, keys, UTF-8), and a file that
  is only untidy (blank lines) is loaded again without them.
* PostgreSQL: the relation is found in the catalog (so a table the login may
  not read is reported as such, not as missing); every column is read as
  text in ISO date style, a ``timestamp with time zone`` first taken in
  Europe/London time (2017-05-02 23:00 UTC is 2017-05-03 00:00:00).

Messages name the table, the file or schema, the column and the line; never
a value.
"""

from __future__ import annotations

import codecs
import csv
import re
import tempfile
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import connection as PgConnection
from psycopg2.extensions import cursor as Cursor

from iro_warehouse import spec, warehouse
from iro_warehouse.config import RetryPolicy, Source
from iro_warehouse.profile import WHITESPACE, Profile, norm_name

#: the longest primary key the warehouse can index (a btree entry holds about 2,700 bytes)
KEY_LIMIT_BYTES = 2600
#: the time zone a ``timestamp with time zone`` is read in (rules.md, Reading the source)
SOURCE_TIMEZONE = "Europe/London"
_RELKINDS = ("r", "v", "m", "f", "p")
_COPY_LINE = re.compile(r"\bline (\d+)")


class StructuralFault(RuntimeError):
    """The source cannot be read as the contract says: the run must stop."""


@dataclass(frozen=True)
class NotSupplied:
    """A contract column (or, with ``column_name`` None, a table) the extract does not supply."""

    table_name: str
    column_name: str | None
    reason: str  # "missing" | "placeholder"

    def as_json(self) -> dict[str, str | None]:
        return {
            "table_name": self.table_name,
            "column_name": self.column_name,
            "reason": self.reason,
        }


@dataclass
class Staged:
    """A source table read into the temporary table ``relation`` (all text)."""

    table: spec.Table
    relation: str
    #: contract column -> column of ``relation`` holding it (None: none, read as null)
    columns: dict[str, str | None]
    not_supplied: list[NotSupplied] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Columns: the source's names against the contract's
# ---------------------------------------------------------------------------


def duplicate_name(names: list[str]) -> tuple[str, str] | None:
    """The first two names that are one name without case and white space, if any."""
    seen: dict[str, str] = {}
    for name in names:
        key = norm_name(name)
        if key in seen:
            return seen[key], name
        seen[key] = name
    return None


def resolve(
    tbl: spec.Table, names: list[str], profile: Profile, where: str
) -> tuple[dict[str, int], list[NotSupplied]]:
    """{contract column -> position in ``names``} and the columns not supplied.

    ``names`` must hold no duplicate (see :func:`duplicate_name`).
    """
    given: dict[str, int] = {}
    for i, name in enumerate(names):
        target = profile.source_name(tbl.name, name)
        if target in given:
            raise StructuralFault(
                f"source table {tbl.name}: columns {names[given[target]].strip()} and "
                f"{name.strip()} both give column {target} (in {where}); keep one"
            )
        given[target] = i
    excused = profile.absent | profile.placeholders
    missing = [c for c in tbl.columns if c.name not in given]
    fatal = [c.name for c in missing if c.contract < 2 and (tbl.name, c.name) not in excused]
    if fatal:
        raise StructuralFault(
            f"source table {tbl.name} is missing column(s) {', '.join(fatal)} (looked in {where})"
        )
    placeholders = [c.name for c in tbl.columns if (tbl.name, c.name) in profile.placeholders]
    not_supplied = [
        NotSupplied(tbl.name, c.name, "missing") for c in missing if c.name not in placeholders
    ]
    not_supplied += [NotSupplied(tbl.name, c, "placeholder") for c in placeholders]
    return {c: given[c] for c in tbl.column_names if c in given}, not_supplied


def _create_empty(cur: Cursor, tbl: spec.Table, name: str) -> None:
    cur.execute(
        sql.SQL("create temporary table {} ({}) on commit drop").format(
            sql.Identifier(name),
            sql.SQL(", ").join(
                sql.SQL("{} text").format(sql.Identifier(c)) for c in tbl.column_names
            ),
        )
    )


def _missing_table(cur: Cursor, tbl: spec.Table, message: str) -> Staged:
    """A contract-2 table not supplied (an empty table); a contract-1 one stops the run."""
    if tbl.contract < 2:
        raise StructuralFault(message)
    _create_empty(cur, tbl, "_staged")
    # _staged holds every contract column (null where not supplied)
    columns: dict[str, str | None] = {c: c for c in tbl.column_names}
    return Staged(tbl, "_staged", columns, [NotSupplied(tbl.name, None, "missing")])


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


@dataclass
class _CsvScan:
    header: list[str]
    header_line: int
    #: the physical line each data record starts on, in order
    record_lines: array
    #: physical lines that are blank records (to leave out of the COPY)
    blank_lines: set[int]


def _is_blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and not row[0].strip(WHITESPACE))


def _bad_utf8_at(path: Path) -> tuple[int, int]:
    """(line, byte within the line) of the first byte that is not UTF-8."""
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return number, exc.start + 1
    return 0, 0


def _csv_file(csv_dir: Path, tbl: spec.Table) -> Path | None:
    """``<table>.csv`` in the folder, its name matched without case."""
    exact = csv_dir / f"{tbl.name}.csv"
    if exact.is_file():
        return exact
    wanted = f"{tbl.name}.csv"
    found = [p for p in csv_dir.iterdir() if p.name.strip().lower() == wanted and p.is_file()]
    return found[0] if len(found) == 1 else None


def _header_columns(
    path: Path, tbl: spec.Table, profile: Profile, header: list[str], line: int
) -> tuple[dict[str, int], list[NotSupplied]]:
    twice = duplicate_name(header)
    if twice:
        raise StructuralFault(
            f"source table {tbl.name}: {path.name} names column {twice[1].strip()} "
            f"twice in its header (line {line})"
        )
    return resolve(tbl, header, profile, f"{path.name} header, line {line}")


def _utf8_fault(tbl: spec.Table, path: Path) -> StructuralFault:
    line, byte = _bad_utf8_at(path)
    return StructuralFault(
        f"source table {tbl.name}: {path.name} is unreadable: not UTF-8 at line {line} "
        f"(byte {byte} of the line); save the file as UTF-8"
    )


def _read_header(path: Path, tbl: spec.Table) -> tuple[list[str], int]:
    """The header (the first record that is not blank) and its line."""
    end = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            for row in reader:
                start, end = end + 1, reader.line_num
                if not (_is_blank(row) and start == end):
                    return row, start
    except UnicodeDecodeError:
        raise _utf8_fault(tbl, path) from None
    except csv.Error as exc:
        raise StructuralFault(
            f"source table {tbl.name}: {path.name} line {end + 1} is not CSV ({exc})"
        ) from None
    raise StructuralFault(f"source table {tbl.name}: {path} is empty (no header row)")


def _scan_csv(path: Path, tbl: spec.Table, key_at: int | None) -> _CsvScan:
    """Check the file row by row (the slow path, after COPY refused it or a key is too long).

    Raises the structural fault with the file's line; returns the lines of
    the records and of the blank lines when the file is only untidy.
    """
    name = tbl.name
    header: list[str] | None = None
    header_line = 0
    lines = array("q")
    blank: set[int] = set()
    width = 0
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        end = 0
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                if _is_blank(row) and start == end:
                    blank.add(start)
                    continue
                if header is None:
                    header, header_line, width = row, start, len(row)
                    continue
                if len(row) != width:
                    raise StructuralFault(
                        f"source table {name}: {path.name} line {start} has {len(row)} fields "
                        f"where the header (line {header_line}) has {width}"
                    )
                if key_at is not None:
                    key = row[key_at]
                    if len(key) * 4 > KEY_LIMIT_BYTES and len(key.encode()) > KEY_LIMIT_BYTES:
                        raise StructuralFault(
                            f"source table {name}: {path.name} line {start}: the primary key "
                            f"{tbl.primary_key} is {len(key)} characters long, more than the "
                            f"warehouse can index ({KEY_LIMIT_BYTES} bytes)"
                        )
                lines.append(start)
        except UnicodeDecodeError:
            raise _utf8_fault(tbl, path) from None
        except csv.Error as exc:
            raise StructuralFault(
                f"source table {name}: {path.name} line {reader.line_num} is not CSV ({exc})"
            ) from None
    assert header is not None  # _read_header found it
    return _CsvScan(header, header_line, lines, blank)


def _without_lines(path: Path, skip: set[int]) -> IO[bytes]:
    """The file without the physical lines ``skip`` (blank lines), as a rewound temporary file."""
    buf = tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024, mode="w+b")  # noqa: SIM115
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            if number not in skip:
                buf.write(raw)
    buf.seek(0)
    return buf


def stage_csv(cur: Cursor, tbl: spec.Table, csv_dir: Path, profile: Profile) -> Staged:
    """Read ``<table>.csv`` into ``_staged_file`` (columns c0, c1, ... as in the header).

    The fast path is PostgreSQL's ``COPY`` of the file as it is. When COPY
    refuses it (a row with the wrong number of fields, a blank line, a byte
    that is not UTF-8), or a primary key is too long to index, the file is
    read row by row to find the line: blank lines are then left out and the
    COPY done again; anything else is a structural fault naming the line.
    """
    path = _csv_file(csv_dir, tbl)
    if path is None:
        return _missing_table(
            cur,
            tbl,
            f"source table {tbl.name} is missing: no file {csv_dir / (tbl.name + '.csv')}",
        )
    header, header_line = _read_header(path, tbl)
    positions, not_supplied = _header_columns(path, tbl, profile, header, header_line)
    key_at = positions.get(tbl.primary_key)
    temp_cols = [f"c{i}" for i in range(len(header))]
    cur.execute(
        sql.SQL("create temporary table _staged_file ({}) on commit drop").format(
            sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in temp_cols)
        )
    )
    cur.execute("savepoint before_copy")
    try:
        if header_line != 1:
            raise _Untidy
        with path.open("rb") as data:
            cur.copy_expert(_COPY_FILE, data)
        if key_at is not None and _too_long(cur, "_staged_file", temp_cols[key_at]):
            raise _Untidy
    except (psycopg2.DataError, _Untidy):
        cur.execute("rollback to savepoint before_copy")
        scan = _scan_csv(path, tbl, key_at)
        try:
            with _without_lines(path, scan.blank_lines) as data:
                cur.copy_expert(_COPY_FILE, data)
        except psycopg2.DataError as exc:
            cur.execute("rollback to savepoint before_copy")
            raise StructuralFault(
                f"source table {tbl.name}: {path.name} line {_file_line(exc, scan)} is "
                f"unreadable: {warehouse.first_line(exc)}"
            ) from None
    columns = {c: (temp_cols[positions[c]] if c in positions else None) for c in tbl.column_names}
    return Staged(tbl, "_staged_file", columns, not_supplied)


class _Untidy(Exception):
    """The file needs reading row by row (blank lines before the header, a long key)."""


_COPY_FILE = "copy _staged_file from stdin with (format csv, header true, encoding 'UTF8')"


def _too_long(cur: Cursor, relation: str, column: str) -> int:
    """How many values of ``column`` are longer than the warehouse can index."""
    cur.execute(
        sql.SQL("select count(*) from {} where octet_length({}) > %s").format(
            sql.Identifier(relation), sql.Identifier(column)
        ),
        (KEY_LIMIT_BYTES,),
    )
    return int(cur.fetchone()[0])


def _file_line(exc: psycopg2.Error, scan: _CsvScan) -> str:
    """The file's line of a COPY error (COPY counts records, the header being line 1)."""
    context = getattr(getattr(exc, "diag", None), "context", None) or ""
    found = _COPY_LINE.search(context)
    if not found:
        return "?"
    record = int(found.group(1)) - 2
    if 0 <= record < len(scan.record_lines):
        return str(scan.record_lines[record])
    return "?"


# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------


def _schema_usable(scur: Cursor, schema: str, login: str) -> None:
    scur.execute(
        "select has_schema_privilege(oid, 'USAGE') from pg_namespace where nspname = %s",
        (schema,),
    )
    row = scur.fetchone()
    if row is None:
        raise StructuralFault(f"schema {schema} does not exist in the case system")
    if not row[0]:
        raise StructuralFault(
            f"permission denied on schema {schema} of the case system: "
            f"grant usage on schema {schema} to {login}"
        )


def _find_relation(scur: Cursor, schema: str, table: str) -> tuple[int, str] | None:
    """(oid, name) of the table or view ``table`` in ``schema``, its name matched without case."""
    scur.execute(
        "select c.oid, c.relname from pg_class as c "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname = %s and lower(btrim(c.relname)) = %s and c.relkind = any(%s) "
        "order by c.relname = %s desc, c.relname",
        (schema, table, list(_RELKINDS), table),
    )
    rows = scur.fetchall()
    if not rows:
        return None
    if len(rows) > 1 and rows[0][1] != table:
        names = ", ".join(r[1] for r in rows)
        raise StructuralFault(
            f"source table {table}: schema {schema} holds several tables of that name "
            f"without case ({names}); keep one"
        )
    return rows[0][0], rows[0][1]


def _read_expression(name: str, is_tstz: bool) -> sql.Composable:
    if is_tstz:
        return sql.SQL("({} at time zone {})::timestamp::text").format(
            sql.Identifier(name), sql.Literal(SOURCE_TIMEZONE)
        )
    return sql.SQL("{}::text").format(sql.Identifier(name))


def stage_postgres(
    cur: Cursor, tbl: spec.Table, src: PgConnection, schema: str, profile: Profile
) -> Staged:
    """Read the table from the case system's schema into ``_staged`` (contract columns)."""
    with src.cursor() as scur:
        scur.execute("select current_user")
        login = scur.fetchone()[0]
        _schema_usable(scur, schema, login)
        relation = _find_relation(scur, schema, tbl.name)
        if relation is None:
            return _missing_table(
                cur,
                tbl,
                f"source table {tbl.name} is missing from schema {schema} of the case system",
            )
        oid, relname = relation
        scur.execute(
            "select a.attname, "
            "coalesce(nullif(t.typbasetype, 0), t.oid) = 'timestamptz'::regtype, "
            "has_column_privilege(a.attrelid, a.attnum, 'SELECT') "
            "from pg_attribute as a join pg_type as t on t.oid = a.atttypid "
            "where a.attrelid = %s and a.attnum > 0 and not a.attisdropped order by a.attnum",
            (oid,),
        )
        attributes = scur.fetchall()
        names = [a[0] for a in attributes]
        twice = duplicate_name(names)
        if twice:
            raise StructuralFault(
                f"source table {tbl.name}: {schema}.{relname} has columns {twice[0]} and "
                f"{twice[1]}, one name without case; keep one"
            )
        positions, not_supplied = resolve(tbl, names, profile, f"{schema}.{relname}")
        present = [c for c in tbl.column_names if c in positions]
        if not all(attributes[positions[c]][2] for c in present):
            raise StructuralFault(
                f"permission denied on table {relname} of schema {schema}: "
                f"grant select on {schema}.{relname} to {login}"
            )
        _create_empty(cur, tbl, "_staged")
        if present:
            select = sql.SQL("copy (select {} from {}) to stdout with (format csv)").format(
                sql.SQL(", ").join(
                    _read_expression(attributes[positions[c]][0], attributes[positions[c]][1])
                    for c in present
                ),
                sql.Identifier(schema, relname),
            )
            with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024, mode="w+b") as buf:
                scur.copy_expert(select, buf)
                buf.seek(0)
                cur.copy_expert(
                    sql.SQL("copy _staged ({}) from stdin with (format csv)").format(
                        sql.SQL(", ").join(sql.Identifier(c) for c in present)
                    ),
                    buf,
                )
            too_long = tbl.primary_key in present and _too_long(cur, "_staged", tbl.primary_key)
            if too_long:
                raise StructuralFault(
                    f"source table {tbl.name}: {too_long} row(s) of {schema}.{relname} have a "
                    f"primary key {tbl.primary_key} longer than the warehouse can index "
                    f"({KEY_LIMIT_BYTES} bytes)"
                )
    # _staged holds every contract column (null where not supplied)
    columns: dict[str, str | None] = {c: c for c in tbl.column_names}
    return Staged(tbl, "_staged", columns, not_supplied)


# ---------------------------------------------------------------------------
# The source as a whole
# ---------------------------------------------------------------------------


@contextmanager
def connection(source: Source, retry: RetryPolicy) -> Iterator[PgConnection | None]:
    """The case system's connection (None for a CSV folder), one snapshot for every table."""
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
            with conn.cursor() as cur:
                # dates as text are read in ISO form whatever the server's default
                cur.execute("set datestyle = 'ISO, YMD'")
            yield conn
    except warehouse.Unreachable as exc:
        raise StructuralFault(f"case system unreachable: {source.describe()}: {exc}") from None


def stage(cur: Cursor, tbl: spec.Table, source: Source, src: PgConnection | None) -> Staged:
    """One source table into a temporary table of the warehouse connection ``cur``."""
    if src is None:
        assert source.csv_dir is not None
        return stage_csv(cur, tbl, source.csv_dir, source.profile)
    return stage_postgres(cur, tbl, src, source.schema, source.profile)

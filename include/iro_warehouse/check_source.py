"""``iro check-source``: read the configured source with its profile, before anything is built.

Per table it reports the rows read, the columns not supplied (missing, or
the profile's placeholders), how many values the profile could not map to
a code of their list (counts only: no value is ever printed, they may be
personal), and the columns that look like placeholders: null on every row,
or one value on every row that has one (a script writing a constant). A
column the profile already declares a placeholder is marked so.

The source is read exactly as the extract reads it (``source`` and
``normalise``) into temporary tables of one warehouse transaction, which is
rolled back: nothing is written. A structural fault stops it as it would
stop the nightly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from psycopg2 import sql
from psycopg2.extensions import cursor as Cursor

from iro_warehouse import normalise, spec, warehouse
from iro_warehouse.config import RetryPolicy, Source
from iro_warehouse.profile import WHITESPACE
from iro_warehouse.source import NotSupplied, Staged, connection, stage

_TRIM = sql.Literal(WHITESPACE)


@dataclass
class TableCheck:
    """What reading one table found (counts only)."""

    table: str
    rows: int = 0
    not_supplied: list[NotSupplied] = field(default_factory=list)
    #: column -> (rows, distinct values) outside the column's list after the profile
    unmapped: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: column -> "null" | "one value" (on every row, as received)
    looks_constant: dict[str, str] = field(default_factory=dict)


def _trimmed(column: str) -> sql.Composable:
    return sql.SQL("nullif(btrim({}, {}), '')").format(sql.Identifier(column), _TRIM)


def _constant_columns(cur: Cursor, staged: Staged, rows: int) -> dict[str, str]:
    present = [(c, staged.columns[c]) for c in staged.table.column_names if staged.columns[c]]
    missing = {n.column_name for n in staged.not_supplied if n.reason == "missing"}
    present = [(c, s) for c, s in present if c not in missing and s is not None]
    if not present or rows == 0:
        return {}
    parts = [sql.SQL("count(distinct {})").format(_trimmed(s)) for _, s in present if s is not None]
    cur.execute(
        sql.SQL("select {} from {}").format(
            sql.SQL(", ").join(parts), sql.Identifier(staged.relation)
        )
    )
    distinct = cur.fetchone()
    found: dict[str, str] = {}
    for (column, _), n in zip(present, distinct, strict=True):
        if n == 0:
            found[column] = "null"
        elif n == 1 and rows > 1:
            found[column] = "one value"
    return found


def _unmapped(cur: Cursor, tbl: spec.Table, skip: set[str]) -> dict[str, tuple[int, int]]:
    coded = [c for c in tbl.columns if c.codes is not None and c.name not in skip]
    if not coded:
        return {}
    parts = []
    for c in coded:
        outside = sql.SQL("{v} is not null and {v} <> all({codes})").format(
            v=_trimmed(c.name), codes=sql.Literal(list(c.codes or ()))
        )
        parts.append(sql.SQL("count(*) filter (where {})").format(outside))
        parts.append(
            sql.SQL("count(distinct {}) filter (where {})").format(_trimmed(c.name), outside)
        )
    cur.execute(sql.SQL("select {} from _incoming").format(sql.SQL(", ").join(parts)))
    counts = cur.fetchone()
    return {
        c.name: (counts[2 * i], counts[2 * i + 1]) for i, c in enumerate(coded) if counts[2 * i]
    }


def check(source: Source, warehouse_url: str, retry: RetryPolicy | None = None) -> list[TableCheck]:
    """Read every table of ``source`` through its profile; what was found, per table."""
    policy = retry or RetryPolicy()
    found: list[TableCheck] = []
    with (
        connection(source, policy) as src,
        warehouse.connect(warehouse_url, app="iro_check_source", retry=policy) as conn,
    ):
        try:
            with conn.cursor() as cur:
                normalise.prepare(cur, source.profile)
                for tbl in spec.TABLES:
                    staged = stage(cur, tbl, source, src)
                    cur.execute(
                        sql.SQL("select count(*) from {}").format(sql.Identifier(staged.relation))
                    )
                    result = TableCheck(tbl.name, cur.fetchone()[0], staged.not_supplied)
                    result.looks_constant = _constant_columns(cur, staged, result.rows)
                    normalise.build_incoming(cur, staged, source.profile)
                    skip = {n.column_name or "" for n in staged.not_supplied}
                    result.unmapped = _unmapped(cur, tbl, skip)
                    cur.execute("drop table _incoming")
                    found.append(result)
        finally:
            conn.rollback()
    return found


def report(source: Source, checks: list[TableCheck]) -> str:
    """The checks as text for a person (counts and names only)."""
    prof = source.profile
    lines = [f"{source.describe()}, profile {prof.describe()}"]
    undeclared: list[str] = []
    unmapped_total = 0
    for t in checks:
        lines.append(f"{t.table}: {t.rows:,} rows")
        if t.not_supplied:
            names = [f"{n.column_name or '(the whole table)'} ({n.reason})" for n in t.not_supplied]
            lines.append("  not supplied: " + ", ".join(names))
        for column, (rows, values) in t.unmapped.items():
            unmapped_total += rows
            lines.append(
                f"  not mapped to a code of its list: {column}: {rows:,} rows, "
                f"{values} distinct value(s)"
            )
        for column, how in t.looks_constant.items():
            declared = (t.table, column) in prof.placeholders
            note = "declared a placeholder" if declared else "a placeholder?"
            lines.append(f"  {how} on every row: {column} ({note})")
            if not declared:
                undeclared.append(f"{t.table}.{column}")
    lines.append(
        f"{unmapped_total:,} value(s) could not be mapped: the data-quality table will list "
        "them as codes outside their list (add their spellings to the profile's values)"
        if unmapped_total
        else "every coded value maps to a code of its list"
    )
    if undeclared:
        lines.append(
            "columns that look like placeholders and are not declared: "
            + ", ".join(undeclared)
            + " (if the script never fills them truthfully, list them under placeholders)"
        )
    return "\n".join(lines)

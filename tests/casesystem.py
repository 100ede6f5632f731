"""Tiny hand-made case systems for tests: CSV folders or PostgreSQL schemas."""

from __future__ import annotations

import csv
from pathlib import Path

import psycopg2
from iro_warehouse import spec
from psycopg2 import sql

Rows = dict[str, list[dict[str, str | None]]]


def write_csv_case_system(folder: Path, rows: Rows) -> Path:
    """Every contract table as a CSV (header only where no rows are given)."""
    folder.mkdir(parents=True, exist_ok=True)
    for tbl in spec.TABLES:
        with (folder / f"{tbl.name}.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(tbl.column_names)
            for row in rows.get(tbl.name, []):
                unknown = set(row) - set(tbl.column_names)
                assert not unknown, f"{tbl.name} has no column(s) {unknown}"
                writer.writerow(["" if row.get(c) is None else row[c] for c in tbl.column_names])
    return folder


def write_pg_case_system(url: str, rows: Rows, schema: str = "public") -> None:
    """Every contract table in a PostgreSQL schema, columns typed as in the SSD."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(schema)))
        for tbl in spec.TABLES:
            ident = sql.Identifier(schema, tbl.name)
            cur.execute(sql.SQL("drop table if exists {}").format(ident))
            cols = []
            for c in tbl.columns:
                kind = {"date": "timestamp", "number": "numeric"}.get(c.kind, "text")
                cols.append(sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(kind)))
            cur.execute(sql.SQL("create table {} ({})").format(ident, sql.SQL(", ").join(cols)))
            for row in rows.get(tbl.name, []):
                names = list(row)
                cur.execute(
                    sql.SQL("insert into {} ({}) values ({})").format(
                        ident,
                        sql.SQL(", ").join(sql.Identifier(n) for n in names),
                        sql.SQL(", ").join(sql.Placeholder() * len(names)),
                    ),
                    [row[n] for n in names],
                )
    conn.close()

"""Writing to PostgreSQL (a throwaway database; skipped when no server answers)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date

import pytest
from iro_warehouse import spec
from iro_warehouse.simulate import Target, advance_to, read_params, simulate

psycopg2 = pytest.importorskip("psycopg2")

ADMIN_URL = os.environ.get("IRO_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture()
def db_url() -> Iterator[str]:
    name = f"iro_sim_test_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg2.connect(ADMIN_URL)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at {ADMIN_URL}: {exc}")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_postgres_round_trip(db_url: str) -> None:
    target = Target.from_url_or_dir(db_url, schema="case_system")
    summary = simulate(
        target, seed=1, end=date(2011, 3, 31), scale=0.05, bad_rows=18, progress=False
    )
    conn = psycopg2.connect(db_url)
    with conn.cursor() as cur:
        for t in spec.TABLES:
            cur.execute(f"select count(*) from case_system.{t.name}")
            assert cur.fetchone()[0] == summary.rows[t.name]
            cur.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = 'case_system' and table_name = %s order by ordinal_position",
                (t.name,),
            )
            cols = cur.fetchall()
            assert [c for c, _ in cols] == list(t.column_names)
            for (name, dtype), col in zip(cols, t.columns, strict=True):
                expected = {"date": "timestamp without time zone", "number": "numeric"}.get(
                    col.kind, "text"
                )
                assert dtype == expected, name
        cur.execute("select count(*), count(distinct fault) from case_system.iro_sim_bad_rows")
        assert cur.fetchone() == (18, 16)  # every class but the CSV-only ones
    conn.close()
    assert read_params(target).end == date(2011, 3, 31)
    advance_to(target, date(2011, 4, 30), progress=False)
    assert read_params(target).advances == ((date(2011, 3, 31), date(2011, 4, 30)),)


def _columns(cur, schema: str) -> dict[str, list[str]]:
    cur.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = %s order by table_name, ordinal_position",
        (schema,),
    )
    out: dict[str, list[str]] = {}
    for table, column in cur.fetchall():
        out.setdefault(table, []).append(column)
    return out


def test_postgres_contract_1(db_url: str) -> None:
    """Contract 1 over a contract-2 schema: no care plan table, no contract-2 column."""
    target = Target.from_url_or_dir(db_url, schema="cs")
    simulate(target, seed=1, end=date(2011, 3, 31), scale=0.05, progress=False)
    conn = psycopg2.connect(db_url)
    with conn.cursor() as cur:
        assert "ssd_cla_care_plan" in _columns(cur, "cs")
    summary = simulate(
        target, seed=1, end=date(2011, 3, 31), scale=0.05, contract=1, progress=False
    )
    assert "ssd_cla_care_plan" not in summary.rows
    with conn.cursor() as cur:
        columns = _columns(cur, "cs")
        case_tables = {t for t in columns if not t.startswith("iro_sim_")}
        assert case_tables == {t.name for t in spec.tables(1)}
        for t in spec.tables(1):
            assert columns[t.name] == list(t.column_names), t.name
    advance_to(target, date(2011, 4, 30), progress=False)
    assert read_params(target).contract == 1
    with conn.cursor() as cur:
        assert "ssd_cla_care_plan" not in _columns(cur, "cs")
    conn.close()

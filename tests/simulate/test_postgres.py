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
        target, seed=1, end=date(2011, 3, 31), scale=0.05, bad_rows=15, progress=False
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
        assert cur.fetchone() == (15, 14)
    conn.close()
    assert read_params(target).end == date(2011, 3, 31)
    advance_to(target, date(2011, 4, 30), progress=False)
    assert read_params(target).advances == ((date(2011, 3, 31), date(2011, 4, 30)),)

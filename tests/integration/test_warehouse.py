"""The ground floor: connections close themselves, retries only for dropped connections."""

from __future__ import annotations

import psycopg2
import pytest
from iro_warehouse import warehouse
from iro_warehouse.config import RetryPolicy


def test_a_connection_closes_itself_even_after_an_error(warehouse_url):
    with pytest.raises(psycopg2.errors.DivisionByZero):  # noqa: SIM117
        with warehouse.connect(warehouse_url) as conn:
            kept = conn
            with conn.cursor() as cur:
                cur.execute("select 1 / 0")
    assert kept.closed


def test_a_transaction_commits_or_rolls_back(warehouse_url):
    warehouse.execute(warehouse_url, "create table t (x int)")
    with pytest.raises(RuntimeError), warehouse.transaction(warehouse_url) as cur:
        cur.execute("insert into t values (1)")
        raise RuntimeError("stop")
    with warehouse.transaction(warehouse_url) as cur:
        cur.execute("insert into t values (2)")
    assert warehouse.query(warehouse_url, "select x from t") == [(2,)]


def test_an_error_of_the_statement_is_never_taken_for_a_dropped_connection(warehouse_url):
    """A 51,200-character key exceeds the index row size: ProgramLimitExceeded, not transient."""
    warehouse.execute(warehouse_url, "create table k (id text primary key)")
    calls = []

    def load():
        calls.append(1)
        warehouse.execute(
            warehouse_url,
            "insert into k select string_agg(md5(i::text), '') from generate_series(1, 1600) as i",
        )

    with pytest.raises(psycopg2.errors.ProgramLimitExceeded) as caught:
        warehouse.call_with_retry(load, RetryPolicy(attempts=5, base_seconds=0), "load")
    assert len(calls) == 1
    assert isinstance(caught.value, psycopg2.OperationalError)  # why the SQLSTATE must decide
    assert not warehouse.is_transient(caught.value)


def test_a_dropped_connection_is_transient_and_retried(warehouse_url, pg_admin_url):
    calls = []

    def work():
        calls.append(1)
        with warehouse.connect(warehouse_url) as conn, conn.cursor() as cur:
            if len(calls) == 1:
                cur.execute("select pg_backend_pid()")
                pid = cur.fetchone()[0]
                warehouse.execute(pg_admin_url, "select pg_terminate_backend(%s)", (pid,))
            cur.execute("select 42")
            return cur.fetchone()[0]

    assert warehouse.call_with_retry(work, RetryPolicy(attempts=3, base_seconds=0), "w") == 42
    assert len(calls) == 2


def test_an_unreachable_server_is_named_without_its_password():
    url = "postgresql://someone:hunter2@127.0.0.1:1/nowhere"  # allowlist secret
    with pytest.raises(warehouse.Unreachable) as caught:  # noqa: SIM117
        with warehouse.connect(url, retry=RetryPolicy(attempts=2, base_seconds=0)):
            pass
    assert "hunter2" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)


def test_builds_and_schemas(warehouse_url):
    assert warehouse.read_build(warehouse_url) is None
    with pytest.raises(ValueError, match="run the nightly first"):
        warehouse.live_build(warehouse_url)
    assert warehouse.latest_extract(warehouse_url) is None
    warehouse.execute(
        warehouse_url,
        "create schema asof_20170405_reporting; create schema asof_20170405_marts; "
        "create table asof_20170405_reporting.panel_figures_build as "
        "select date '2017-04-05' as extract_date, date '2017-04-05' as as_known_at",
    )
    build = warehouse.read_build(warehouse_url, "asof_20170405")
    assert build is not None and not build.is_live
    assert build.schema("marts") == "asof_20170405_marts"
    assert warehouse.drop_schemas(warehouse_url, "asof_20170405") == [
        "asof_20170405_marts",
        "asof_20170405_reporting",
    ]
    assert warehouse.read_build(warehouse_url, "asof_20170405") is None

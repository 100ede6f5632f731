"""Faults during the extract, against real PostgreSQL: dropped connections, a killed process.

The source is a simulated case system. To make the timing reliable, the
interrupted extracts read it through a schema of views (``slow``) in which the
last table, ``ext_iro_escalation_stages``, waits a few seconds before its first
row: by then every other table is already merged into raw inside the extract's
open transaction. The test finds that moment in ``pg_stat_activity`` and then
terminates a backend (``pg_terminate_backend``) or kills the extracting process
(``kill -9``). Afterwards no part of the batch is visible, earlier history is
unchanged, and a rerun leaves raw exactly as an uninterrupted extract does.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date

import psycopg2
import pytest
from iro_warehouse import spec
from iro_warehouse.config import RetryPolicy, Source
from iro_warehouse.extract import load_extract
from iro_warehouse.simulate import Target, advance_to, simulate
from psycopg2 import sql

from tests.conftest import PROJECT_DIR, query

D1 = date(2017, 6, 15)
D2 = date(2017, 6, 20)
SLOW_TABLE = spec.TABLES[-1].name
SLEEP_SECONDS = 4
#: load_extract takes its retry policy as an argument (the settings read the environment)
NO_RETRY = RetryPolicy(attempts=1, base_seconds=0.2)
QUICK_RETRY = RetryPolicy(attempts=3, base_seconds=0.2)


def _raw_snapshot(url: str) -> dict[str, list]:
    """Raw as content: every version of every row (extract ids left aside: a sequence
    value used by a rolled-back extract is not given back)."""
    snap: dict[str, list] = {}
    conn = psycopg2.connect(url)
    with conn, conn.cursor() as cur:
        for tbl in spec.TABLES:
            cols = [*tbl.column_names, "_row_hash", "_copy", "_valid_from", "_valid_to",
                    "_is_deleted"]  # fmt: skip
            cur.execute(
                sql.SQL("select {} from {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, cols)), sql.Identifier("raw", tbl.name)
                )
            )
            snap[tbl.name] = sorted(map(repr, cur.fetchall()))
    conn.close()
    snap["extracts"] = query(
        url, "select extract_date, source_kind, row_counts from raw.extracts order by extract_date"
    )
    return snap


def _make_slow_schema(source_url: str) -> None:
    with psycopg2.connect(source_url) as conn, conn.cursor() as cur:
        cur.execute("drop schema if exists slow cascade; create schema slow")
        for tbl in spec.TABLES:
            delay = (
                sql.SQL(" cross join (select pg_sleep({})) as s").format(sql.Literal(SLEEP_SECONDS))
                if tbl.name == SLOW_TABLE
                else sql.SQL("")
            )
            cur.execute(
                sql.SQL("create view {} as select t.* from {} as t{}").format(
                    sql.Identifier("slow", tbl.name), sql.Identifier("public", tbl.name), delay
                )
            )
    conn.close()


def _wait_for(url: str, sql_text: str, timeout: float = 60) -> tuple:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = query(url, sql_text)
        if rows:
            return rows[0]
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {sql_text}")


def _slow_copy_running(source_url: str) -> str:
    dbname = source_url.rsplit("/", 1)[1]
    return (
        "select pid from pg_stat_activity where application_name = 'iro_extract' "
        f"and datname = '{dbname}' and state = 'active' and query like '%%{SLOW_TABLE}%%'"
    )


def _extract_backend(warehouse_url: str) -> str:
    dbname = warehouse_url.rsplit("/", 1)[1]
    return (
        "select pid from pg_stat_activity where application_name = 'iro_extract' "
        f"and datname = '{dbname}'"
    )


@pytest.fixture(scope="module")
def county_source(make_database) -> dict:
    """A source at D1 and at D2 (advanced in place), and a reference warehouse holding
    uninterrupted extracts of both: raw after D1, and raw after D1 and D2."""
    source = make_database("iro_fault_cs")
    reference = make_database("iro_fault_ref")
    simulate(Target(url=source), seed=11, start=date(2015, 4, 1), end=D1, scale=0.2,
             progress=False)  # fmt: skip
    load_extract(Source(url=source), reference, D1)
    after_d1 = _raw_snapshot(reference)
    return {"source": source, "reference": reference, "after_d1": after_d1, "advanced": False}


@pytest.fixture
def at_d2(county_source) -> dict:
    """The source advanced to D2 (once), the reference holding D1 and D2."""
    if not county_source["advanced"]:
        advance_to(Target(url=county_source["source"]), D2, progress=False)
        load_extract(Source(url=county_source["source"]), county_source["reference"], D2)
        county_source["after_d2"] = _raw_snapshot(county_source["reference"])
        county_source["advanced"] = True
        _make_slow_schema(county_source["source"])
    return county_source


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch) -> None:
    monkeypatch.setenv("IRO_CONNECT_RETRY_SECONDS", "0.2")


@pytest.fixture(scope="module")
def d1_template(make_database, county_source, pg_admin_url) -> str:
    """A database holding raw after D1, to clone per test (before the source advances)."""
    url = make_database("iro_fault_tpl")
    load_extract(Source(url=county_source["source"]), url, D1)
    assert _raw_snapshot(url) == county_source["after_d1"]
    return url


def _clone(pg_admin_url: str, template_url: str, make_database) -> str:
    url = make_database("iro_fault_wh")
    name = url.rsplit("/", 1)[1]
    template = template_url.rsplit("/", 1)[1]
    conn = psycopg2.connect(pg_admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("drop database {}").format(sql.Identifier(name)))
        cur.execute(
            sql.SQL("create database {} template {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    conn.close()
    return url


@pytest.fixture
def warehouse_at_d1(d1_template, at_d2, pg_admin_url, make_database) -> str:
    return _clone(pg_admin_url, d1_template, make_database)


def _terminate_during_slow_copy(target_url: str, source_url: str, which: str) -> threading.Thread:
    """In a thread: wait until the extract reads the slow table, then terminate one backend."""

    def run() -> None:
        _wait_for(source_url, _slow_copy_running(source_url))
        url = source_url if which == "source" else target_url
        pids = query(url, _slow_copy_running(source_url) if which == "source" else
                     _extract_backend(target_url))  # fmt: skip
        for (pid,) in pids:
            query(url, "select pg_terminate_backend(%s)", (pid,))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("which", ["source", "warehouse"])
def test_a_connection_dropped_mid_extract_leaves_nothing_then_the_rerun_completes(
    which, warehouse_at_d1, at_d2
):
    slow = Source(url=at_d2["source"], schema="slow")
    killer = _terminate_during_slow_copy(warehouse_at_d1, at_d2["source"], which)
    with pytest.raises((psycopg2.OperationalError, psycopg2.InterfaceError)):
        load_extract(slow, warehouse_at_d1, D2, retry=NO_RETRY)  # no in-process retry
    killer.join(timeout=30)
    # no half-loaded batch: raw is exactly as after D1, history intact
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d1"]
    # the rerun (what Airflow's task retry does) completes and equals an uninterrupted load
    load_extract(Source(url=at_d2["source"]), warehouse_at_d1, D2)
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d2"]


def test_a_dropped_warehouse_connection_is_retried_in_process(warehouse_at_d1, at_d2, caplog):
    slow = Source(url=at_d2["source"], schema="slow")
    killer = _terminate_during_slow_copy(warehouse_at_d1, at_d2["source"], "warehouse")
    with caplog.at_level(logging.WARNING, logger="iro_warehouse"):
        result = load_extract(slow, warehouse_at_d1, D2, retry=QUICK_RETRY)
    killer.join(timeout=30)
    assert result.extract_date == D2
    assert "interrupted" in caplog.text and "nothing was loaded" in caplog.text
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d2"]


def test_the_extract_process_killed_mid_extract_leaves_nothing(warehouse_at_d1, at_d2):
    code = (
        "import sys; from datetime import date; from iro_warehouse.config import Source; "
        "from iro_warehouse.extract import load_extract; "
        "load_extract(Source(url=sys.argv[1], schema='slow'), sys.argv[2], date(2017, 6, 20))"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR / "include")}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, at_d2["source"], warehouse_at_d1], env=env, cwd=PROJECT_DIR
    )
    try:
        _wait_for(at_d2["source"], _slow_copy_running(at_d2["source"]))
        # every other table is merged inside the open transaction by now
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    # the server notices the dead client and rolls its transaction back
    deadline = time.monotonic() + 30
    while query(warehouse_at_d1, _extract_backend(warehouse_at_d1)):
        assert time.monotonic() < deadline, "the killed extract's session lingers"
        time.sleep(0.1)
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d1"]
    load_extract(Source(url=at_d2["source"]), warehouse_at_d1, D2)
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d2"]


def test_one_extract_at_a_time(warehouse_at_d1, at_d2):
    """A second extract waits on the advisory lock until the first commits."""
    slow = Source(url=at_d2["source"], schema="slow")
    errors: list[BaseException] = []

    def first() -> None:
        try:
            load_extract(slow, warehouse_at_d1, D2)
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=first)
    thread.start()
    _wait_for(at_d2["source"], _slow_copy_running(at_d2["source"]))
    dbname = warehouse_at_d1.rsplit("/", 1)[1]

    def watch() -> None:
        _wait_for(
            warehouse_at_d1,
            "select 1 from pg_stat_activity where application_name = 'iro_extract' "
            f"and datname = '{dbname}' and wait_event_type = 'Lock' "
            "and query like '%%pg_advisory_xact_lock%%'",
            timeout=SLEEP_SECONDS + 10,
        )
        seen.append(True)

    seen: list[bool] = []
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    second = load_extract(Source(url=at_d2["source"]), warehouse_at_d1, D2)
    thread.join(timeout=60)
    watcher.join(timeout=1)
    assert not errors, errors
    assert seen, "the second extract did not wait for the first"
    assert second.extract_date == D2
    assert _raw_snapshot(warehouse_at_d1) == at_d2["after_d2"]

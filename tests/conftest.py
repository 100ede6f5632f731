"""Shared fixtures: a real PostgreSQL server, throwaway databases, the real CLI.

The server is the project's private PostgreSQL (started here if needed), or
the one named by ``IRO_TEST_PG_URL`` (a URL of its maintenance database, e.g.
``postgresql://postgres@127.0.0.1:5432/postgres``). Every test that needs a
database gets a fresh one and drops it afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
from iro_warehouse import config
from iro_warehouse.pgserver import PrivateServer

PROJECT_DIR = Path(__file__).resolve().parents[1]
#: the extract date of the simulated county the end-to-end tests share
EXTRACT = date(2017, 6, 15)
ADVANCED = date(2017, 6, 20)
#: what every run of the tests has in its environment: a pseudonym key of their own
TEST_PSEUDONYM_KEY = "tests-pseudonym-key-5e0c2d9a"  # allowlist secret
TEST_ENV = {"IRO_PSEUDONYM_KEY": TEST_PSEUDONYM_KEY}


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """URL of the server's maintenance database."""
    url = os.environ.get("IRO_TEST_PG_URL")
    if url:
        return url
    # throwaway test databases: a server the suite starts may skip fsync
    os.environ.setdefault("IRO_PG_FAST", "1")
    server = PrivateServer()
    server.ensure_running()
    return server.url("postgres")


def _db_url(admin_url: str, dbname: str) -> str:
    return urlsplit(admin_url)._replace(path=f"/{dbname}").geturl()


@pytest.fixture(scope="session")
def make_database(pg_admin_url: str) -> Iterator:
    """Factory: a new empty database; all are dropped at the end of the session."""
    created: list[str] = []

    def make(prefix: str = "iro_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        conn = psycopg2.connect(pg_admin_url)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'create database "{name}"')
        conn.close()
        created.append(name)
        return _db_url(pg_admin_url, name)

    yield make
    conn = psycopg2.connect(pg_admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        for name in created:
            cur.execute(f'drop database if exists "{name}" with (force)')
    conn.close()


@pytest.fixture
def warehouse_url(make_database) -> str:
    return make_database("iro_test_wh")


@pytest.fixture
def case_system_url(make_database) -> str:
    return make_database("iro_test_cs")


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory) -> Path:
    """One migrated Airflow home for the whole session (SQLite metadata)."""
    return tmp_path_factory.mktemp("airflow_home")


def run_iro(
    args: list[str], env: dict[str, str], timeout: int = 900
) -> subprocess.CompletedProcess:
    """Run the real ``iro`` command line; output is captured and returned."""
    full_env = {**TEST_ENV, **os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "iro_warehouse.cli", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_DIR,
    )


@pytest.fixture
def iro_env(warehouse_url: str, case_system_url: str, airflow_home: Path, tmp_path: Path) -> dict:
    """Environment for ``iro`` against throwaway warehouse and case-system databases."""
    return {
        "WAREHOUSE_URL": warehouse_url,
        "CASE_SYSTEM_URL": case_system_url,
        "CASE_SYSTEM_SCHEMA": "public",
        "IRO_OUTPUT_DIR": str(tmp_path / "output"),
        "AIRFLOW_HOME": str(airflow_home),
        "IRO_PROJECT_DIR": str(PROJECT_DIR),
    }


def simulated_county(
    make_database, tmp_path_factory, name: str, *, seed: int, start: date, scale: float
) -> dict[str, str]:
    """A simulated county in throwaway databases, to ``EXTRACT``; the ``iro`` environment."""
    env = {
        "WAREHOUSE_URL": make_database(f"{name}_wh"),
        "CASE_SYSTEM_URL": make_database(f"{name}_cs"),
        "IRO_OUTPUT_DIR": str(tmp_path_factory.mktemp(f"{name}_output")),
        "AIRFLOW_HOME": str(tmp_path_factory.mktemp(f"{name}_airflow")),
        "IRO_RETRY_DELAY_SECONDS": "1",
    }
    sim = run_iro(
        ["simulate", "--seed", str(seed), "--start", start.isoformat(),
         "--end", EXTRACT.isoformat(), "--scale", str(scale), "--quiet"],
        env,
    )  # fmt: skip
    assert sim.returncode == 0, sim.stderr
    return env


def wait_for_dbt(warehouse: str, proc: subprocess.Popen, seconds: int = 600) -> None:
    """Wait until ``dbt`` is building in ``warehouse`` while ``proc`` (an ``iro run``) runs."""
    dbname = warehouse.rsplit("/", 1)[1]
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, "the run ended before dbt started"
        assert time.monotonic() < deadline, "dbt never started"
        busy = query(
            warehouse,
            "select count(*) from pg_stat_activity where datname = %s "
            "and application_name = 'dbt' and state = 'active'",
            (dbname,),
        )[0][0]
        if busy:
            return
        time.sleep(0.2)


def query(url: str, sql: str, params: tuple | dict = ()) -> list[tuple]:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall() if cur.description else []
    conn.close()
    return rows


@pytest.fixture(autouse=True)
def _no_private_state_leak(monkeypatch) -> None:
    """Tests never point at a developer's demo databases by accident."""
    monkeypatch.delenv("CASE_SYSTEM_CSV_DIR", raising=False)
    _ = config  # settings are read per call from the environment


@pytest.fixture(scope="session")
def county(make_database, tmp_path_factory) -> dict:
    """A small simulated county (scale 0.2 from 2014), run through the nightly DAG once.

    Shared by the end-to-end tests; ``tests/e2e/test_nightly.py`` later advances it.
    """
    env = simulated_county(make_database, tmp_path_factory, "iro_e2e", seed=7,
                           start=date(2014, 4, 1), scale=0.2)  # fmt: skip
    warehouse, source = env["WAREHOUSE_URL"], env["CASE_SYSTEM_URL"]
    output = Path(env["IRO_OUTPUT_DIR"])
    run = run_iro(["run", "--date", EXTRACT.isoformat()], env)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-5000:]
    return {"env": env, "warehouse": warehouse, "source": source, "output": output}

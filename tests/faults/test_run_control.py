"""Runs a careless or hostile user starts: no key, two at once, a killed caller.

Through the real ``iro run`` (the real DAG) on one small simulated county:

1. without ``IRO_PSEUDONYM_KEY`` the run refuses before anything is loaded;
2. while a run is building, a second ``iro run`` on the same Airflow home says
   plainly that a run is in progress, and touches nothing;
3. ``kill -9`` of the first ``iro run`` process alone (not its group) ends its
   child at once: nothing is published afterwards;
4. the next run completes (the kernel released the dead run's lock).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import (
    EXTRACT,
    PROJECT_DIR,
    TEST_ENV,
    query,
    run_iro,
    simulated_county,
    wait_for_dbt,
)

pytestmark = pytest.mark.slow


def _processes_with(home: Path) -> list[int]:
    """Processes whose environment names this Airflow home (the run's whole tree)."""
    found = []
    marker = f"AIRFLOW_HOME={home}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def small_county(make_database, tmp_path_factory) -> dict:
    return simulated_county(make_database, tmp_path_factory, "iro_ctl", seed=3,
                            start=date(2016, 4, 1), scale=0.05)  # fmt: skip


def test_a_run_without_a_pseudonym_key_refuses_before_loading(small_county):
    env = {**small_county, "IRO_PSEUDONYM_KEY": ""}
    done = run_iro(["run", "--date", EXTRACT.isoformat()], env)
    out = done.stdout + done.stderr
    assert done.returncode != 0
    assert "IRO_PSEUDONYM_KEY is not set" in out
    assert "extract_case_system: failed" in out
    assert query(env["WAREHOUSE_URL"], "select to_regclass('raw.extracts')") == [(None,)]


def test_a_second_run_waits_its_turn_and_a_killed_run_publishes_nothing(small_county):
    env = {**os.environ, **TEST_ENV, **small_county}
    home, output = Path(env["AIRFLOW_HOME"]), Path(env["IRO_OUTPUT_DIR"])
    first = subprocess.Popen(
        [sys.executable, "-m", "iro_warehouse.cli", "run", "--date", EXTRACT.isoformat()],
        env=env,
        cwd=PROJECT_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for_dbt(env["WAREHOUSE_URL"], first)
        second = run_iro(["run", "--date", EXTRACT.isoformat()], small_county, timeout=120)
        assert second.returncode == 3
        assert "another iro run is in progress" in second.stderr
        assert str(first.pid) in second.stderr
        assert "Traceback" not in second.stderr

        os.kill(first.pid, signal.SIGKILL)  # the caller alone, not its process group
        first.wait(timeout=30)
        deadline = time.monotonic() + 15
        while _processes_with(home) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_with(home) == [], "the run's child outlived its caller"
    finally:
        os.killpg(first.pid, signal.SIGKILL) if _processes_with(home) else None
    time.sleep(10)  # long enough for a surviving child to have published
    assert not list(output.rglob("*.csv")), "a killed run went on to publish"

    rerun = run_iro(["run", "--date", EXTRACT.isoformat()], small_county)
    assert rerun.returncode == 0, rerun.stdout[-3000:] + rerun.stderr[-3000:]
    assert list(output.rglob("panel_figures.csv"))

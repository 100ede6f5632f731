"""Faults of reading the source, through the real DAG (``iro run``).

After one good run, each fault makes the next night's run fail at the
extract: the message names the table, the file and line or the rule;
nothing is built or published; the previous files and raw history stay;
the structural fault is not retried; and no row content (names, dates of
birth, ids) reaches the task log, Airflow's files or the message.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from iro_warehouse.simulate import Target, simulate

from tests.conftest import query, run_iro
from tests.privacy.scan import find_personal_data

pytestmark = pytest.mark.slow

END = date(2017, 6, 15)
NEXT = END + timedelta(days=1)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _history(url: str) -> list[tuple]:
    return query(url, "select extract_date, row_counts, not_supplied from raw.extracts "
                      "order by 1")  # fmt: skip


@pytest.fixture(scope="module")
def night(make_database, tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("run_faults")
    good = base / "good"
    simulate(Target.csv(good), seed=9, start=date(2016, 4, 1), end=END, scale=0.05,
             progress=False)  # fmt: skip
    env = {"WAREHOUSE_URL": make_database("iro_runfault_wh"), "CASE_SYSTEM_CSV_DIR": str(good),
           "IRO_OUTPUT_DIR": str(base / "out"), "AIRFLOW_HOME": str(base / "airflow"),
           "IRO_RETRY_DELAY_SECONDS": "1"}  # fmt: skip
    first = run_iro(["run", "--date", END.isoformat()], env)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    return {"base": base, "good": good, "env": env, "files": _files(base / "out"),
            "history": _history(env["WAREHOUSE_URL"])}  # fmt: skip


def _short_row(folder: Path) -> str:
    path = folder / "ssd_person.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[4] = lines[4].rsplit(",", 1)[0]  # a person's row, one field short
    path.write_text("\n".join(lines), encoding="utf-8")
    return "ssd_person.csv line 5 has 6 fields where the header (line 1) has 7"


def _long_key(folder: Path) -> str:
    path = folder / "ssd_cla_reviews.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[3] = "R" + "7" * 50_000 + lines[3][lines[3].index(","):]
    path.write_text("\n".join(lines), encoding="utf-8")
    return "ssd_cla_reviews.csv line 4: the primary key clar_cla_review_id is 50001 characters"


@pytest.mark.parametrize("fault", [_short_row, _long_key, "future_date"])
def test_a_source_fault_fails_the_night_and_publishes_nothing(fault, night, tmp_path: Path):
    folder = tmp_path / "cs"
    shutil.copytree(night["good"], folder)
    env = {**night["env"], "CASE_SYSTEM_CSV_DIR": str(folder)}
    if fault == "future_date":
        day, expected = date(2071, 6, 30), "extract date 2071-06-30 is after tomorrow"
    else:
        day, expected = NEXT, fault(folder)
    result = run_iro(["run", "--date", day.isoformat()], env)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in out
    assert "structural fault" in out
    assert "extract_case_system: failed" in out
    assert "dbt_build: success" not in out and "publish_panel_figures: success" not in out
    assert "UP_FOR_RETRY" not in out.upper(), "a structural fault is not retried"
    assert "CONTEXT" not in out and "DETAIL" not in out
    # the previous files and raw history stay as they were
    assert _files(night["base"] / "out") == night["files"]
    assert _history(env["WAREHOUSE_URL"]) == night["history"]
    logs = [p for p in (night["base"] / "airflow").rglob("*") if p.is_file() and p.suffix != ".db"]
    assert find_personal_data(night["good"], {"iro run": out}, logs) == []

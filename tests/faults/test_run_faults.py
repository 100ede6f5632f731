"""Faults of reading the source, through the real DAG (``iro run``).

After one good run, each fault makes the next night's run fail at the
extract: the message names the table, the file and line or the rule;
nothing is built or published; the previous files and raw history stay;
the structural fault is not retried; and no row content (names, dates of
birth, ids) reaches the task log, Airflow's files or the message.
"""

from __future__ import annotations

import re
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
    lines[3] = "R" + "7" * 50_000 + lines[3][lines[3].index(",") :]
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


# --- the publication gate (rules.md, end of "Bad input"): these come last, as they load
# the next night's (broken) extract into raw.


def _dates_written_day_first(folder: Path) -> int:
    """Every date of ssd_cla_episodes.csv written dd/mm/yyyy; the number of episode rows."""
    path = folder / "ssd_cla_episodes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
    body = [iso.sub(r"\3/\2/\1", line) for line in lines[1:] if line.strip()]
    path.write_text("\n".join([lines[0], *body]) + "\n", encoding="utf-8")
    return len(body)


def _people_truncated(folder: Path) -> None:
    """A truncated ssd_person.csv: the header and no rows."""
    path = folder / "ssd_person.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def test_an_extract_that_looks_broken_is_built_but_not_published(night, tmp_path: Path):
    folder = tmp_path / "cs"
    shutil.copytree(night["good"], folder)
    episodes = _dates_written_day_first(folder)
    _people_truncated(folder)
    env = {**night["env"], "CASE_SYSTEM_CSV_DIR": str(folder)}
    result = run_iro(["run", "--date", NEXT.isoformat()], env)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "extract_case_system: success" in out and "dbt_build: success" in out
    assert "publish_panel_figures: failed" in out
    assert "UP_FOR_RETRY" not in out.upper(), "the gate does not mend itself: no retries"
    assert "nothing was published: the extract of 2017-06-16 looks broken" in out
    assert "ssd_person arrived empty" in out
    assert re.search(
        rf"ssd_cla_episodes: {episodes:,} of {episodes:,} rows \(100%\) are left out by the "
        r"bad-input rules, [\d,]+ of them by rule (invalid_date|unknown_reference)",
        out,
    )
    assert "--publish-anyway" in out
    # the previous files stay; the warehouse was built and lists every row
    assert _files(night["base"] / "out") == night["files"]
    listed = query(
        env["WAREHOUSE_URL"],
        "select count(distinct row_key) from data_quality.source_row_issues "
        "where table_name = 'ssd_cla_episodes' and rule = 'invalid_date'",
    )
    assert listed == [(episodes,)]
    logs = [p for p in (night["base"] / "airflow").rglob("*") if p.is_file() and p.suffix != ".db"]
    assert find_personal_data(night["good"], {"iro run": out}, logs) == []

    # an operator who has checked the extract publishes it anyway
    anyway = run_iro(["run", "--date", NEXT.isoformat(), "--publish-anyway"], env)
    assert anyway.returncode == 0, anyway.stdout[-3000:] + anyway.stderr[-3000:]
    assert "publishing the extract of 2017-06-16 anyway, as asked" in anyway.stdout + anyway.stderr
    assert _files(night["base"] / "out") != night["files"]

"""Each source profile through the real DAG: the same county gives the same figures.

One small county is simulated in the contract's own form and, for each
shipped profile and a council's own profile file, in that case system's
style (``iro simulate --profile``); each is run through ``iro run`` with its
``CASE_SYSTEM_PROFILE``. ``reporting.panel_figures`` must be identical,
except the measures whose inputs the profile declares placeholders (or
absent): those read as null and are listed as not supplied, so the dbt
models make them ``z``. One episode's start reason carries, in every copy,
a description no profile maps: it is listed in the data-quality table as a
code outside its list, never guessed, and left out alike everywhere.

Source kinds: systemc and the council's file from CSV, mosaic and eclipse
from PostgreSQL (mosaic's and eclipse's scripts write to a database).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from iro_warehouse import profile
from iro_warehouse.simulate import Target, simulate

from tests.conftest import query, run_iro
from tests.integration.test_profiles import council_profile_file

pytestmark = pytest.mark.slow

END = date(2017, 6, 15)
SIM = ["--seed", "5", "--start", "2015-04-01", "--end", END.isoformat(), "--scale", "0.1",
       "--quiet"]  # fmt: skip
UNMAPPED = "Legal status changed (this wording is in no profile)"
#: measures computed from a column, for the columns a profile may leave out
MEASURES_OF = {
    ("ssd_cla_reviews", "clar_cla_review_last_iro_contact_date"):
        {"cla_iro_contact_between_reviews_pct"},
    ("ssd_cp_reviews", "cppr_cp_review_participation"): {"cp_review_participation_pct"},
    ("ssd_cp_reviews", "cppr_cp_review_quorate"): {"cp_review_quorate_pct"},
    ("ssd_cla_reviews", "clar_cla_review_cancelled"): {"cla_reviews_cancelled"},
}  # fmt: skip
CASES = [("systemc", "csv"), ("mosaic", "postgres"), ("eclipse", "postgres"),
         ("council", "csv")]  # fmt: skip


def _figures(url: str) -> dict[tuple, tuple]:
    rows = query(
        url,
        "select period_type, period_label, measure_id, numerator, denominator, value, "
        "published_value from reporting.panel_figures",
    )
    return {r[:3]: r[3:] for r in rows}


def _plant_csv(folder: Path, key: str) -> None:
    path = folder / "ssd_cla_episodes.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    header = [h.strip().lower() for h in rows[0]]
    at_key = header.index("clae_cla_episode_id")
    at_reason = header.index("clae_cla_episode_start_reason")
    hits = [r for r in rows[1:] if r[at_key] == key]
    assert len(hits) == 1
    hits[0][at_reason] = UNMAPPED
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def _plant_postgres(url: str, key: str) -> None:
    conn = psycopg2.connect(url)
    with conn, conn.cursor() as cur:
        cur.execute(
            "update ssd_cla_episodes set clae_cla_episode_start_reason = %s "
            "where clae_cla_episode_id = %s",
            (UNMAPPED, key),
        )
        assert cur.rowcount == 1
    conn.close()


def _run(env: dict[str, str]) -> None:
    result = run_iro(["run", "--date", END.isoformat()], env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.fixture(scope="module")
def canonical(make_database, tmp_path_factory, airflow_home) -> dict:
    base = tmp_path_factory.mktemp("profiles")
    folder = base / "canonical"
    env = {"WAREHOUSE_URL": make_database("iro_prof_wh"), "CASE_SYSTEM_CSV_DIR": str(folder),
           "IRO_OUTPUT_DIR": str(base / "out"), "AIRFLOW_HOME": str(airflow_home),
           "IRO_RETRY_DELAY_SECONDS": "1"}  # fmt: skip
    sim = run_iro(["simulate", *SIM, "--csv-dir", str(folder)], env)
    assert sim.returncode == 0, sim.stderr
    with (folder / "ssd_cla_episodes.csv").open(encoding="utf-8", newline="") as f:
        key = next(r["clae_cla_episode_id"] for r in csv.DictReader(f)
                   if r["clae_cla_episode_start_reason"] == "L")  # fmt: skip
    _plant_csv(folder, key)
    _run(env)
    return {"base": base, "key": key, "figures": _figures(env["WAREHOUSE_URL"]),
            "airflow_home": airflow_home}  # fmt: skip


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_a_county_in_a_case_systems_style_gives_the_same_figures(
    name: str, kind: str, canonical: dict, make_database, tmp_path: Path
):
    which = str(council_profile_file(tmp_path)) if name == "council" else name
    warehouse = make_database("iro_prof_wh")
    env = {"WAREHOUSE_URL": warehouse, "CASE_SYSTEM_PROFILE": which,
           "IRO_OUTPUT_DIR": str(tmp_path / "out"), "IRO_RETRY_DELAY_SECONDS": "1",
           "AIRFLOW_HOME": str(canonical["airflow_home"])}  # fmt: skip
    if kind == "csv":
        env["CASE_SYSTEM_CSV_DIR"] = str(tmp_path / "cs")
        where = ["--csv-dir", env["CASE_SYSTEM_CSV_DIR"]]
    else:
        env["CASE_SYSTEM_URL"] = make_database("iro_prof_cs")
        where = ["--url", env["CASE_SYSTEM_URL"]]
    sim = run_iro(["simulate", *SIM, "--profile", which, *where], env)
    assert sim.returncode == 0, sim.stderr
    if kind == "csv":
        _plant_csv(tmp_path / "cs", canonical["key"])
    else:
        _plant_postgres(env["CASE_SYSTEM_URL"], canonical["key"])
    _run(env)

    prof = profile.load(which)
    not_supplied = prof.placeholders | prof.absent
    dependent = set().union(*(MEASURES_OF.get(ref, set()) for ref in not_supplied))
    figures = _figures(warehouse)
    assert figures.keys() == canonical["figures"].keys()
    differing = sorted(
        k for k, v in figures.items() if v != canonical["figures"][k] and k[2] not in dependent
    )
    assert differing == [], differing[:20]
    # the measures of what the profile does not supply: z once the dbt models read
    # raw.extracts.not_supplied (contract 2's not_supplied rule)
    if query(warehouse, "select count(*) from data_quality.source_row_issues "
             "where rule = 'not_supplied'")[0][0]:  # fmt: skip
        assert {v[3] for k, v in figures.items() if k[2] in dependent} <= {"z"}
    # the description no profile maps is a code outside its list, not a guess
    assert query(
        warehouse,
        "select rule from data_quality.source_row_issues where table_name = 'ssd_cla_episodes' "
        "and row_key = %s",
        (canonical["key"],),
    ) == [("code_not_in_list",)]
    listed = query(warehouse, "select not_supplied from raw.extracts")[0][0]
    assert {(n["table_name"], n["column_name"]) for n in listed} == not_supplied


def test_simulate_keeps_the_profile_when_it_advances(tmp_path: Path):
    target = Target.csv(tmp_path / "cs")
    simulate(target, seed=2, start=date(2016, 4, 1), end=date(2016, 12, 31), scale=0.05,
             profile="mosaic", progress=False)  # fmt: skip
    result = run_iro(["simulate", "--advance-to", "2017-01-31", "--csv-dir", str(target.csv_dir),
                      "--quiet"], {})  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "profile mosaic" in result.stdout
    header = (target.csv_dir / "ssd_professionals.csv").read_text().splitlines()[0]
    assert header.startswith("prof_staff_id,")

"""A region on Celery: three simulated authorities' nightlies on two workers, then the benchmark.

On this machine: a redis-server of the test's own (a free port, never 6379),
Airflow's api-server, scheduler and dag-processor with the CeleryExecutor
(SQLite metadata) and two ``airflow celery worker`` processes of one task at
a time. The three nightlies are triggered at once; the benchmark runs on
their assets. Then:

* both workers ran tasks;
* each authority's ``reporting.panel_figures`` equals a one-council run
  (``iro run``, no authorities file) of the same case system;
* the benchmark pack's values are the authorities' published figures, and it
  holds no count from 1 to 5 (of children: the contract leaves the staff
  figures unsuppressed).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from iro_warehouse.publishing.benchmark import exempt_measures

from tests.backfill.airflow_services import REDIS_SERVER, AirflowServices, start_redis
from tests.conftest import EXTRACT, PROJECT_DIR, TEST_ENV, query, run_iro

pytestmark = pytest.mark.slow

START = "2016-04-01"
SCALE = "0.12"
LOGICAL_DATE = f"{EXTRACT.isoformat()}T02:00:00+01:00"  # 02:00 London: extract date EXTRACT
#: panel_figures' columns, without the time the build computed them
COLUMNS = (
    "period_type, period_label, measure_id, unit, numerator, denominator, value, "
    "published_value, is_provisional"
)


def _ok(done: subprocess.CompletedProcess, what: str) -> None:
    assert done.returncode == 0, f"{what}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if not Path(REDIS_SERVER).exists():
        pytest.skip("redis-server is not installed (scripts/install-test-tools.sh installs it)")
    proc, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def region(make_database, tmp_path_factory) -> dict:
    """Three simulated authorities (CSV folders), each with a throwaway warehouse."""
    folder = tmp_path_factory.mktemp("region_cs")
    sim = run_iro(
        ["simulate", "--region", "3", "--csv-dir", str(folder), "--seed", "5",
         "--start", START, "--end", EXTRACT.isoformat(), "--scale", SCALE],
        {},
    )  # fmt: skip
    _ok(sim, "simulate --region")
    path = folder / "authorities.yaml"
    document = yaml.safe_load(path.read_text())
    warehouses = {}
    for authority in document["authorities"]:
        code = str(authority["code"])
        warehouses[code] = authority["warehouse"] = make_database(f"iro_rg_{code}")
        authority["schedule"] = "manual"  # triggered runs only: no run for today's date
    document["region"]["warehouse"] = make_database("iro_rg_region")
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    output = tmp_path_factory.mktemp("region_out")
    return {
        "file": path,
        "folder": folder,
        "output": output,
        "warehouses": warehouses,
        "profiles": {str(a["code"]): a["source"]["profile"] for a in document["authorities"]},
        "region_warehouse": document["region"]["warehouse"],
    }


@pytest.fixture(scope="module")
def one_council_runs(region, make_database, tmp_path_factory) -> dict:
    """Each authority's case system through a one-council ``iro run`` (no authorities file),
    started in the background so that they overlap the Celery run."""
    runs = {}
    for code in region["warehouses"]:
        folder = tmp_path_factory.mktemp(f"single_{code}")
        env = {
            **TEST_ENV,
            **os.environ,
            "WAREHOUSE_URL": make_database(f"iro_rg_single_{code}"),
            "CASE_SYSTEM_CSV_DIR": str(region["folder"] / code),
            "CASE_SYSTEM_PROFILE": region["profiles"][code],
            "IRO_OUTPUT_DIR": str(folder / "output"),
            "AIRFLOW_HOME": str(folder / "airflow"),
            "IRO_AUTHORITIES_FILE": "",
            "IRO_RETRY_DELAY_SECONDS": "1",
        }
        log = (folder / "iro-run.log").open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "iro_warehouse.cli", "run", "--date", EXTRACT.isoformat()],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_DIR,
        )
        runs[code] = {"proc": proc, "env": env, "folder": folder}
    yield runs
    for run in runs.values():
        if run["proc"].poll() is None:
            run["proc"].kill()
            run["proc"].wait()


@pytest.fixture(scope="module")
def celery_run(region, redis_url, one_council_runs, tmp_path_factory) -> dict:
    """The three nightlies and the benchmark through the scheduler and two Celery workers."""
    home = tmp_path_factory.mktemp("region_airflow")
    env = {
        **TEST_ENV,
        **{k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")},
        "IRO_AUTHORITIES_FILE": str(region["file"]),
        "IRO_OUTPUT_DIR": str(region["output"]),
        "IRO_PROJECT_DIR": str(PROJECT_DIR),
        "IRO_RETRY_DELAY_SECONDS": "1",
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_DIR / "dags"),
        "AIRFLOW__COSMOS__PROPAGATE_LOGS": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    services = AirflowServices(env, home, celery_broker=redis_url)
    dag_ids = [f"iro_nightly__{code}" for code in region["warehouses"]]
    try:
        services.start()
        workers = services.start_celery_workers(2)
        services.unpause_when_parsed([*dag_ids, "iro_region_benchmark"])
        for dag_id in dag_ids:
            services.dags_command("trigger", dag_id, "--logical-date", LOGICAL_DATE)
        runs = {
            dag_id: services.wait_for_runs(dag_id, 1, timeout=900, run_type="manual")
            for dag_id in dag_ids
        }
        benchmark = services.wait_for_runs(
            "iro_region_benchmark", 1, timeout=300, run_type="asset_triggered"
        )
        hosts = services.task_hosts([*dag_ids, "iro_region_benchmark"])
    finally:
        services.stop()
    states = {d: [r["state"] for r in rs] for d, rs in runs.items()}
    assert all(s == ["success"] for s in states.values()), f"{states}\n{services.log_tail()}"
    assert [r["state"] for r in benchmark] == ["success"], services.log_tail()
    return {"workers": workers, "hosts": hosts}


def test_both_workers_ran_tasks(celery_run):
    hosts = celery_run["hosts"]
    assert len(hosts) == 3 * 3 + 1, hosts
    assert set(hosts.values()) == set(celery_run["workers"]), hosts


def test_each_authoritys_figures_equal_a_one_council_run(celery_run, region, one_council_runs):
    for code, warehouse in region["warehouses"].items():
        run = one_council_runs[code]
        code_ = run["proc"].wait(timeout=900)
        assert code_ == 0, (run["folder"] / "iro-run.log").read_text()[-3000:]
        sql = f"select {COLUMNS} from reporting.panel_figures order by 1, 2, 3"
        mine, alone = query(warehouse, sql), query(run["env"]["WAREHOUSE_URL"], sql)
        assert len(mine) > 30 and mine == alone, code
        # and the files are the same
        for period in ("month/2017-05", "financial_year/2016-17"):
            a = (region["output"] / code / period / "panel_figures.csv").read_text()
            b = (run["folder"] / "output" / period / "panel_figures.csv").read_text()
            assert a == b, (code, period)


def test_the_benchmark_pack_holds_the_published_figures_and_no_count_from_1_to_5(
    celery_run, region
):
    root = region["output"] / "region"
    packs = sorted(root.glob("*/*/benchmark.csv"))
    assert {p.parent.relative_to(root).as_posix() for p in packs} == {
        "month/2017-05",
        "financial_year/2016-17",
    }
    for pack in packs:
        period_type, label = pack.parent.parent.name, pack.parent.name
        rows = list(csv.DictReader(pack.open()))
        assert {r["authority_code"] for r in rows} == set(region["warehouses"])
        for code, warehouse in region["warehouses"].items():
            published = json.loads(
                (region["output"] / code / period_type / label / "panel_figures.json").read_text()
            )
            expected = {f["measure_id"]: f["published_value"] for f in published["figures"]}
            # the published files are the warehouse's public view, and the pack holds them
            public = dict(
                query(
                    warehouse,
                    "select measure_id, published_value from reporting.panel_figures_public "
                    "where period_type = %s and period_label = %s",
                    (period_type, label),
                )
            )
            assert public == expected
            mine = {
                r["measure_id"]: r["published_value"] for r in rows if r["authority_code"] == code
            }
            assert mine == expected, (code, pack)
        for row in rows:
            # counts of children; the staff figures are not suppressed (contract)
            if row["unit"] != "count" or row["measure_id"] in exempt_measures():
                continue
            for column in ("published_value", "regional_lower_quartile", "regional_median",
                           "regional_upper_quartile"):  # fmt: skip
                value = row[column]
                if value not in ("", "c", "z"):
                    assert not 1 <= float(value) <= 5, (pack, row)
        assert (pack.parent / "benchmark.html").is_file()
    # the regional warehouse holds the same published figures, nothing else
    stored = query(region["region_warehouse"], "select count(*) from region.published_figures")
    files = sum(
        len(json.loads(p.read_text())["figures"])
        for code in region["warehouses"]
        for p in (region["output"] / code).glob("*/*/panel_figures.json")
    )
    assert stored == [(files,)]

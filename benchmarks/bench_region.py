"""Benchmark a region: three authorities' nightlies on two Celery workers, against one by one.

    python benchmarks/bench_region.py [--scale 1] [--date 2017-06-15]

Simulates a region of three authorities (``iro simulate --region 3``: sizes
1, 0.45 and 0.7 times ``--scale``, three case systems) as CSV folders, then
runs their nightlies twice, each time into fresh warehouses of the private
PostgreSQL (or of the server in ``IRO_TEST_PG_URL``):

1. **one after another**: ``iro run --date D`` with the authorities file (each
   authority's DAG in turn), then ``iro benchmark``;
2. **on two Celery workers**: a redis-server of its own on a free port, the
   api-server, scheduler and dag-processor with the CeleryExecutor and two
   ``airflow celery worker`` processes of one task at a time (the test helper
   ``tests/backfill/airflow_services.py``); the three nightlies are triggered
   at once and the clock stops when the benchmark DAG, which runs on their
   assets, has succeeded. Starting the services and parsing the DAGs is not
   timed.

Prints the wall times and their ratio and appends them to
``benchmarks/results/region.jsonl``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))
sys.path.insert(0, str(ROOT))

from common import admin_url, fresh_db, save, timed  # noqa: E402
from iro_warehouse import config  # noqa: E402

from tests.backfill.airflow_services import AirflowServices, start_redis  # noqa: E402


def _authorities_file(
    template: Path, folder: Path, admin: str, tag: str, output: Path
) -> tuple[Path, dict[str, str]]:
    """A copy of the simulated region's file with fresh warehouses of its own."""
    document = yaml.safe_load(template.read_text())
    warehouses = {}
    for authority in document["authorities"]:
        code = str(authority["code"])
        authority["source"]["csv_dir"] = str(folder / code)
        authority["output"] = str(output / code)
        warehouses[code] = authority["warehouse"] = fresh_db(admin, f"bench_region_{tag}_{code}")
        authority["schedule"] = "manual"  # triggered runs only: no run for today's date
    document["region"]["warehouse"] = fresh_db(admin, f"bench_region_{tag}")
    document["region"]["output"] = str(output / "region")
    path = folder.parent / f"authorities-{tag}.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path, warehouses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--start", default="2010-04-01")
    parser.add_argument("--date", default="2017-06-15")
    args = parser.parse_args()

    admin = admin_url()
    work = config.state_dir() / "bench_region"
    shutil.rmtree(work, ignore_errors=True)
    folder = work / "case_systems"
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")},
        "IRO_PSEUDONYM_KEY": os.environ.get("IRO_PSEUDONYM_KEY") or config.demo_pseudonym_key(),
        "IRO_PROJECT_DIR": str(ROOT),
        "WAREHOUSE_URL": urlsplit(admin)._replace(path="/bench_region_base").geturl(),
    }
    iro = [sys.executable, "-m", "iro_warehouse.cli"]
    simulate_s, _ = timed(
        [*iro, "simulate", "--region", "3", "--csv-dir", str(folder), "--scale",
         str(args.scale), "--start", args.start, "--end", args.date],
        base,
    )  # fmt: skip
    template = folder / "authorities.yaml"

    # 1. one after another
    path, _ = _authorities_file(template, folder, admin, "seq", work / "output_seq")
    env = {**base, "IRO_AUTHORITIES_FILE": str(path), "AIRFLOW_HOME": str(work / "airflow_seq")}
    one_by_one_s = timed([*iro, "run", "--date", args.date], env)[0]
    one_by_one_s += timed([*iro, "benchmark"], env)[0]

    # 2. two Celery workers
    path, warehouses = _authorities_file(template, folder, admin, "cel", work / "output_cel")
    env = {
        **base,
        "IRO_AUTHORITIES_FILE": str(path),
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__COSMOS__PROPAGATE_LOGS": "False",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    (work / "redis").mkdir(parents=True)
    redis_proc, broker = start_redis(work / "redis")
    services = AirflowServices(env, work / "airflow_cel", celery_broker=broker)
    dag_ids = [f"iro_nightly__{code}" for code in warehouses]
    logical = f"{args.date}T02:00:00+01:00"
    try:
        services.start()
        workers = services.start_celery_workers(2)
        services.unpause_when_parsed([*dag_ids, "iro_region_benchmark"])
        started = time.perf_counter()
        for dag_id in dag_ids:
            services.dags_command("trigger", dag_id, "--logical-date", logical)
        runs = services.wait_for_runs(
            "iro_region_benchmark", 1, timeout=3600, run_type="asset_triggered"
        )
        celery_s = time.perf_counter() - started
        states = {d: [r["state"] for r in services.runs(d)] for d in dag_ids}
        hosts = services.task_hosts([*dag_ids, "iro_region_benchmark"])
    finally:
        services.stop()
        redis_proc.terminate()
        redis_proc.wait(timeout=30)
    if [r["state"] for r in runs] != ["success"] or any(s != ["success"] for s in states.values()):
        raise SystemExit(f"a run failed: {states}, benchmark {runs}\n{services.log_tail()}")
    per_worker: dict[str, int] = {}
    for host in hosts.values():
        per_worker[host] = per_worker.get(host, 0) + 1
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "start": args.start,
        "extract_date": args.date,
        "authorities": 3,
        "simulate_s": round(simulate_s, 1),
        "one_after_another_s": round(one_by_one_s, 1),
        "two_celery_workers_s": round(celery_s, 1),
        "ratio": round(celery_s / one_by_one_s, 2),
        "tasks_per_worker": {w: per_worker.get(w, 0) for w in workers},
        "cpus": os.cpu_count(),
    }
    save("region", result)


if __name__ == "__main__":
    main()

"""Benchmark one nightly run at a given scale, and the bare ``dbt build`` it wraps.

    python benchmarks/bench_nightly.py [--scale 1] [--date 2017-06-15]

Simulates a county into a fresh case-system database of the private
PostgreSQL (or of the server in ``IRO_TEST_PG_URL``), runs ``iro run`` (the
real DAG through Airflow) and times each task; then runs a bare ``dbt build``
of the same project on the same warehouse and reports the ratio of the
orchestrated dbt step to it (the target is at most 1.3). Results are printed
and appended to ``benchmarks/results/nightly.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from common import admin_url, fresh_db, save, timed  # noqa: E402
from iro_warehouse import config, dbtrun  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--start", default="2010-04-01")
    parser.add_argument("--date", default="2017-06-15")
    args = parser.parse_args()

    admin = admin_url()
    tag = str(args.scale).replace(".", "_")
    source = fresh_db(admin, f"bench_cs_{tag}")
    warehouse = fresh_db(admin, f"bench_wh_{tag}")
    env = {
        **os.environ,
        "CASE_SYSTEM_URL": source,
        "WAREHOUSE_URL": warehouse,
        "IRO_OUTPUT_DIR": str(config.state_dir() / "bench_output"),
        "AIRFLOW_HOME": str(config.state_dir() / "bench_airflow"),
        # the private server's own key, as the demo uses (a deployment sets its own)
        "IRO_PSEUDONYM_KEY": os.environ.get("IRO_PSEUDONYM_KEY") or config.demo_pseudonym_key(),
    }
    iro = [sys.executable, "-m", "iro_warehouse.cli"]
    sim_s, _ = timed(
        [*iro, "simulate", "--quiet", "--scale", str(args.scale), "--start", args.start,
         "--end", args.date],
        env,
    )  # fmt: skip
    run_s, out = timed([*iro, "run", "--date", args.date], env)
    tasks = {m[1]: float(m[2]) for m in re.finditer(r"^\s+(\w+): success \(([\d.]+)s\)", out, re.M)}
    # the same dbt build, bare, on the warehouse the run just filled (same login, role, vars)
    settings = config.Settings.from_env(env)
    dbt_env = {**dbtrun.dbt_env(settings), "DBT_PROFILES_DIR": str(ROOT / "dbt_project")}
    dbt = str(Path(sys.executable).with_name("dbt"))
    bare_s, _ = timed(
        [dbt, "build", "--project-dir", str(ROOT / "dbt_project"), "--vars",
         json.dumps(dbtrun.dbt_vars(settings, extract_date=args.date))],
        dbt_env,
    )  # fmt: skip
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "extract_date": args.date,
        "simulate_s": round(sim_s, 1),
        "iro_run_s": round(run_s, 1),
        "tasks_s": tasks,
        "bare_dbt_build_s": round(bare_s, 1),
        "dbt_step_ratio": round(tasks.get("dbt_build", float("nan")) / bare_s, 2),
        "cpus": os.cpu_count(),
    }
    save("nightly", result)


if __name__ == "__main__":
    main()

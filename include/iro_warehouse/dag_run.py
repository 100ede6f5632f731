"""``python -m iro_warehouse.dag_run DAG_ID LOGICAL_DATE``: one DAG run via ``dag.test()``.

Run by :mod:`iro_warehouse.runner` in a child process (its own process group)
whose environment already holds the Airflow configuration. Exits 0 when every
task succeeded, 1 otherwise, and prints each task's final state.

It ends with its parent: a watchdog thread notices when ``iro run`` is gone
(killed, even with ``kill -9``) and kills this process group at once, so a run
whose caller died never goes on to publish.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time

import pendulum
from airflow.dag_processing.dagbag import DagBag


def _state(value) -> str:
    return str(value.value if hasattr(value, "value") else value)


def _end_with_parent(poll_seconds: float = 0.5) -> None:
    """Kill this process group as soon as the parent process is gone."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    if os.getpgrp() == os.getpid():  # our own group (runner starts us so): safe to kill
        _end_with_parent()
    parser = argparse.ArgumentParser(prog="python -m iro_warehouse.dag_run")
    parser.add_argument("dag_id")
    parser.add_argument("logical_date")
    parser.add_argument("--conf", default=None)
    args = parser.parse_args(argv)

    bag = DagBag()
    if bag.import_errors:
        for path, error in bag.import_errors.items():
            print(f"DAG import error in {path}:\n{error}", file=sys.stderr)
        return 1
    dag = bag.dags.get(args.dag_id)
    if dag is None:
        print(f"no DAG {args.dag_id!r} in {bag.dag_folder}", file=sys.stderr)
        return 1
    logical_date = pendulum.parse(args.logical_date)
    run = dag.test(
        logical_date=logical_date,
        run_conf=json.loads(args.conf) if args.conf else None,
    )
    failed = False
    for ti in sorted(run.get_task_instances(), key=lambda t: t.task_id):
        state = _state(ti.state)
        seconds = f" ({ti.duration:.1f}s)" if ti.duration is not None else ""
        print(f"  {ti.task_id}: {state}{seconds}")
        failed = failed or state not in ("success", "skipped")
    run_state = _state(run.state)
    print(f"{args.dag_id} {logical_date.isoformat()}: {run_state}")
    return 1 if failed or run_state != "success" else 0


if __name__ == "__main__":
    sys.exit(main())

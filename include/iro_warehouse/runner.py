"""Run the project's DAGs through Airflow without a scheduler (``dag.test``).

``iro run`` prepares an Airflow home under ``.local/airflow`` (SQLite metadata,
migrated once), exports the warehouse and case system as Airflow connections
(``AIRFLOW_CONN_*``) and runs the DAG for one logical date in a child process
(:mod:`iro_warehouse.dag_run`), so the Airflow configuration is in place
before Airflow is imported.

One run at a time per Airflow home: a second ``iro run`` on the same home
says so and stops (an exclusive ``flock`` on ``<home>/.iro-run.lock``, which
the kernel releases when the holder dies, even by ``kill -9``). The child
runs in its own process group and ends with its parent: when ``iro run`` is
killed, the child kills its group (see ``dag_run``), so nothing goes on to
publish later.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from iro_warehouse import authorities, config
from iro_warehouse.config import Settings
from iro_warehouse.periods import TIMEZONE, london_moment


def airflow_home() -> Path:
    return Path(os.environ.get("AIRFLOW_HOME") or config.state_dir() / "airflow")


def airflow_env(settings: Settings) -> dict[str, str]:
    """The environment Airflow runs with, derived from the project's settings."""
    env = dict(os.environ)
    home = airflow_home()
    env.setdefault("AIRFLOW_HOME", str(home))
    env.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(config.project_dir() / "dags"))
    env.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    # CLI dates (airflow backfill create --from-date 2010-04-01) are London days
    env.setdefault("AIRFLOW__CORE__DEFAULT_TIMEZONE", TIMEZONE)
    env.setdefault("AIRFLOW__LOGGING__BASE_LOG_FOLDER", str(home / "logs"))
    env.setdefault("AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT", "120")
    env.setdefault("AIRFLOW__COSMOS__CACHE_DIR", str(home / "cosmos"))
    env.setdefault("AIRFLOW__COSMOS__ENABLE_CACHE", "True")
    env.setdefault("AIRFLOW__COSMOS__PROPAGATE_LOGS", "False")
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    env.setdefault("DO_NOT_TRACK", "1")
    env["AIRFLOW_CONN_IRO_WAREHOUSE"] = settings.warehouse_url
    if settings.source.csv_dir is None and settings.source.url:
        env["AIRFLOW_CONN_IRO_CASE_SYSTEM"] = settings.source.url
    env["WAREHOUSE_URL"] = settings.warehouse_url
    # a region: each authority's warehouse and case system as its own connections
    region = authorities.load(env, settings)
    if region.is_region:
        for authority in region.authorities:
            own = authority.settings
            env[_conn_var(authority.conn_id("iro_warehouse"))] = own.warehouse_url
            if own.source.csv_dir is None and own.source.url:
                env[_conn_var(authority.conn_id("iro_case_system"))] = own.source.url
    env["IRO_OUTPUT_DIR"] = str(settings.output_dir)
    env["IRO_PROJECT_DIR"] = str(config.project_dir())
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(config.project_dir() / "include"), env.get("PYTHONPATH", "")) if p
    )
    return env


def _conn_var(conn_id: str) -> str:
    """The ``AIRFLOW_CONN_*`` variable of a connection id."""
    return f"AIRFLOW_CONN_{conn_id.upper()}"


def _airflow_bin() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def ensure_airflow_db(env: dict[str, str]) -> None:
    """Migrate Airflow's metadata database once (quick when already done)."""
    home = Path(env["AIRFLOW_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    marker = home / ".migrated"
    if marker.exists():
        return
    subprocess.run(
        [_airflow_bin(), "db", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    marker.write_text("ok\n")


class RunInProgress(RuntimeError):
    """Another ``iro run`` holds this Airflow home."""


@contextmanager
def one_run_per_home(home: Path) -> Iterator[None]:
    """Hold the Airflow home's run lock, or raise :class:`RunInProgress` at once."""
    home.mkdir(parents=True, exist_ok=True)
    fd = os.open(home / ".iro-run.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise RunInProgress(
                f"another iro run is in progress on the Airflow home {home} (process {holder}); "
                "wait for it to finish, or use another AIRFLOW_HOME"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _run_child(argv: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    """Run the DAG in a child process group; the group is killed if we are interrupted."""
    proc = subprocess.Popen(argv, env=env, process_group=0, **kwargs)
    try:
        stdout, _ = proc.communicate()
    except BaseException:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    return subprocess.CompletedProcess(argv, proc.returncode, stdout)


def run_dag(
    settings: Settings,
    dag_id: str,
    logical_date: str,
    *,
    conf: dict[str, object] | None = None,
    log_file: Path | None = None,
) -> int:
    """Run ``dag_id`` for one logical date (ISO datetime); the exit code of the run.

    Airflow's output goes to the terminal, or to ``log_file`` when given (the
    final task states are printed either way).
    """
    env = airflow_env(settings)
    argv = [sys.executable, "-m", "iro_warehouse.dag_run", dag_id, logical_date]
    if conf:
        argv += ["--conf", json.dumps(conf)]
    with one_run_per_home(Path(env["AIRFLOW_HOME"])):
        ensure_airflow_db(env)
        if log_file is None:
            return _run_child(argv, env).returncode
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("w") as log:
            proc = _run_child(argv, env, stdout=subprocess.PIPE, stderr=log, text=True)
    with log_file.open("a") as log:
        log.write(proc.stdout)
    summary = [line for line in proc.stdout.splitlines() if line.startswith("  ")]
    print("\n".join(summary[-10:]) + f"\n  (Airflow's log: {log_file})")
    return proc.returncode


def run_nightly(
    settings: Settings,
    extract_date: date,
    log_file: Path | None = None,
    *,
    full_refresh: bool = False,
    publish_anyway: bool = False,
    dag_id: str = authorities.SINGLE_DAG_ID,
) -> int:
    """Run ``iro_nightly`` (or an authority's, ``dag_id``) for the extract date (its run at
    02:00 London time that day)."""
    return run_dag(
        settings,
        dag_id,
        london_moment(extract_date, 2).isoformat(),
        conf={
            key: True
            for key, wanted in (("full_refresh", full_refresh), ("publish_anyway", publish_anyway))
            if wanted
        }
        or None,
        log_file=log_file,
    )

"""A real Airflow for tests: api-server, scheduler and dag-processor as subprocesses.

SQLite metadata and the LocalExecutor in a temporary AIRFLOW_HOME, on a free
port, with the project's DAG folder. Used by ``tests/backfill`` to run
``airflow backfill create`` the way a data team does. With ``celery_broker``
(a Redis URL) the CeleryExecutor instead, and :meth:`start_celery_workers`
starts ``airflow celery worker`` processes on this machine, each recording
its own name as the hostname of the tasks it runs (``tests/region``).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
PROJECT_DIR = Path(__file__).resolve().parents[2]
SERVICES = ("api-server", "scheduler", "dag-processor")
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(folder: Path, timeout: float = 30) -> tuple[subprocess.Popen, str]:
    """A throwaway ``redis-server`` (no persistence) on a free port, once it answers a ping."""
    import redis

    port = free_port()
    proc = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + timeout
    while True:
        try:
            redis.Redis.from_url(url).ping()
            return proc, url
        except redis.ConnectionError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise
            time.sleep(0.2)


def service_env(
    base: dict[str, str], home: Path, celery_broker: str | None = None
) -> dict[str, str]:
    port = free_port()
    env = dict(base)
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Europe/London",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API_AUTH__JWT_SECRET": "iro-test-only-jwt-secret",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "600",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
            "AIRFLOW__SCHEDULER__TASK_QUEUED_TIMEOUT": "600",
            "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONNECT_ARGS": (
                "tests.backfill.airflow_sqlite.CONNECT_ARGS"
            ),
            "PYTHONPATH": os.pathsep.join(
                p for p in (str(PROJECT_DIR), base.get("PYTHONPATH", "")) if p
            ),
        }
    )
    if celery_broker:
        env.update(
            {
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__CELERY__BROKER_URL": celery_broker,
                "AIRFLOW__CELERY__RESULT_BACKEND": f"db+sqlite:///{home}/celery-results.db",
                "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
                "AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER": "1",
                "AIRFLOW__CORE__HOSTNAME_CALLABLE": "tests.backfill.airflow_services.hostname",
            }
        )
    return env


def hostname() -> str:
    """The hostname Airflow records: a test worker's own name (several share this machine)."""
    return os.environ.get("IRO_TEST_WORKER_NAME") or socket.getfqdn()


class AirflowServices:
    """Start with :meth:`start`, stop with :meth:`stop` (each process by its own id)."""

    def __init__(self, env: dict[str, str], home: Path, celery_broker: str | None = None) -> None:
        self.home = home
        self.env = service_env(env, home, celery_broker)
        self.procs: dict[str, subprocess.Popen] = {}

    def airflow(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [AIRFLOW, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        done = self.airflow("db", "migrate")
        assert done.returncode == 0, done.stderr[-3000:]
        for name in SERVICES:
            log = (self.home / f"{name}.log").open("w")
            self.procs[name] = subprocess.Popen(
                [AIRFLOW, name],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def start_celery_workers(self, count: int) -> list[str]:
        """``airflow celery worker`` processes, one task at a time each; their names."""
        names = []
        for i in range(1, count + 1):
            name = f"worker-{i}"
            env = {
                **self.env,
                "IRO_TEST_WORKER_NAME": name,
                "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            }
            log = (self.home / f"{name}.log").open("w")
            self.procs[name] = subprocess.Popen(
                [AIRFLOW, "celery", "worker", "--concurrency", "1",
                 "--celery-hostname", f"{name}@%h", "--skip-serve-logs"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
            names.append(name)
        return names

    def task_hosts(self, dag_ids: list[str]) -> dict[str, str]:
        """``dag_id.task_id`` -> the hostname that ran it (the test worker's name)."""
        marks = ",".join("?" for _ in dag_ids)
        rows = self._metadata(
            f"select dag_id, task_id, hostname from task_instance where dag_id in ({marks})",
            tuple(dag_ids),
        )
        return {f"{d}.{t}": h for d, t, h in rows}

    def log_tail(self, lines: int = 60) -> str:
        out = []
        for name in self.procs or SERVICES:
            path = self.home / f"{name}.log"
            if path.exists():
                text = path.read_text(errors="replace").splitlines()[-lines:]
                out.append(f"--- {name} ---\n" + "\n".join(text))
        return "\n".join(out)

    def _metadata(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read Airflow's SQLite metadata database (quicker than a CLI call per poll)."""
        conn = sqlite3.connect(self.home / "airflow.db", timeout=30)
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError:
            return []  # not migrated or busy: try again
        finally:
            conn.close()

    def wait_for_dag(self, dag_id: str, timeout: float = 240) -> None:
        """Until the dag-processor has serialised ``dag_id``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if self._metadata("select 1 from serialized_dag where dag_id = ?", (dag_id,)):
                return
            time.sleep(2)
        raise TimeoutError(f"{dag_id} was not parsed in {timeout}s\n{self.log_tail()}")

    def unpause_when_parsed(self, dag_ids: list[str]) -> None:
        """Wait until the dag-processor has serialised each of ``dag_ids``, then unpause them."""
        for dag_id in dag_ids:
            self.wait_for_dag(dag_id)
        for dag_id in dag_ids:
            self.dags_command("unpause", dag_id)

    def runs(self, dag_id: str) -> list[dict]:
        rows = self._metadata(
            "select run_id, state, run_type, logical_date, clear_number from dag_run "
            "where dag_id = ? order by logical_date",
            (dag_id,),
        )
        keys = ("run_id", "state", "run_type", "logical_date", "clear_number")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def dags_command(self, *args: str) -> None:
        """``airflow dags ...`` (trigger, unpause); retried while SQLite is locked."""
        for _ in range(10):
            done = self.airflow("dags", *args)
            if done.returncode == 0:
                return
            if "database is locked" not in done.stdout + done.stderr:
                break
            time.sleep(2)
        raise RuntimeError(f"dags {args[0]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")

    def _backfill_count(self, dag_id: str) -> int:
        return self._metadata("select count(*) from backfill where dag_id = ?", (dag_id,))[0][0]

    def backfill(self, dag_id: str, from_date: str, to_date: str, *extra: str) -> None:
        """``airflow backfill create``; retried while SQLite is locked by the scheduler.

        A try that failed on the lock may still have committed the backfill before
        failing: the retry then meets ``AlreadyRunningBackfill`` for our own backfill,
        which counts as created.
        """
        before = self._backfill_count(dag_id)
        for _ in range(10):
            done = self.airflow(
                "backfill", "create", "--dag-id", dag_id,
                "--from-date", from_date, "--to-date", to_date, *extra,
            )  # fmt: skip
            if done.returncode == 0:
                return
            output = done.stdout + done.stderr
            if "AlreadyRunningBackfill" in output and self._backfill_count(dag_id) > before:
                return
            if "database is locked" not in output:
                break
            time.sleep(2)
        raise RuntimeError(f"backfill create failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")

    def wait_for_backfills_complete(self, dag_id: str, timeout: float = 120) -> None:
        """Until the scheduler has marked every backfill of ``dag_id`` complete."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            open_ = self._metadata(
                "select count(*) from backfill where dag_id = ? and completed_at is null",
                (dag_id,),
            )
            if open_ and open_[0][0] == 0:
                return
            time.sleep(2)
        raise TimeoutError(f"backfills of {dag_id} not marked complete\n{self.log_tail()}")

    def wait_for_runs(
        self,
        dag_id: str,
        count: int,
        timeout: float = 600,
        run_type: str = "backfill",
        cleared_at_least: int = 0,
    ) -> list[dict]:
        """Until ``count`` runs of ``dag_id`` of ``run_type`` have finished; those runs.

        ``cleared_at_least``: count only runs rerun that many times (a reprocessing backfill).
        """
        deadline = time.monotonic() + timeout
        runs: list[dict] = []
        while time.monotonic() < deadline:
            self.check_alive()
            runs = [
                r
                for r in self.runs(dag_id)
                if r["run_type"] == run_type and (r["clear_number"] or 0) >= cleared_at_least
            ]
            finished = [r for r in runs if r["state"] in ("success", "failed")]
            if len(finished) >= count:
                return runs
            time.sleep(5)
        states = sorted(r["state"] for r in runs)
        raise TimeoutError(f"runs of {dag_id} not finished: {states}\n{self.log_tail()}")

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise RuntimeError(f"airflow {name} exited ({proc.returncode})\n{self.log_tail()}")

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)

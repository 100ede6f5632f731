"""What the benchmark scripts share: the server, fresh databases, timed commands, results.

Each script puts ``include/`` on ``sys.path`` before importing this module.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from iro_warehouse import warehouse
from iro_warehouse.pgserver import PrivateServer

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def admin_url() -> str:
    """The server in ``IRO_TEST_PG_URL``, else this checkout's private PostgreSQL (started)."""
    admin = os.environ.get("IRO_TEST_PG_URL")
    if admin:
        return admin
    server = PrivateServer()
    server.ensure_running()
    return server.url("postgres")


def fresh_db(admin: str, name: str) -> str:
    """Drop and create database ``name`` on the server of ``admin``; its URL."""
    with warehouse.connect(admin, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(f'drop database if exists "{name}" with (force)')
        cur.execute(f'create database "{name}"')
    return urlsplit(admin)._replace(path=f"/{name}").geturl()


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run ``argv`` from the project folder; its wall time and output (stops on failure)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, proc.stdout


def save(name: str, result: dict) -> None:
    """Print ``result`` and append it to ``benchmarks/results/<name>.jsonl``."""
    print(json.dumps(result, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / f"{name}.jsonl").open("a") as f:
        f.write(json.dumps(result) + "\n")

"""The warehouse as known at an earlier day: a dbt build into a separate set of schemas.

``raw`` keeps every version of every source row, so the marts as they would
have been built on day D are a ``dbt build`` with vars ``extract_date`` and
``as_known_at`` set to D. Built into the live schemas it would replace the
live figures; instead it goes into schemas prefixed ``asof_<yyyymmdd>_``
(``asof_20170405_reporting``, ...: dbt var ``schema_prefix``, read by
``macros/generate_schema_name.sql``). Models and seeds are built, tests are
not (the live build has run them on the same code).

A build as known at D is reused while it exists (raw history before the
latest extract never changes); ``rebuild=True`` builds it again, e.g. after
the definitions changed. The schemas are created by the warehouse owner with
no grants, so only the owner can read the person-level layers in them;
:func:`drop` removes them.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import psycopg2

from iro_warehouse import config, publication
from iro_warehouse.config import PgParts, Settings, redact

log = logging.getLogger(__name__)


def prefix_for(as_known_at: date) -> str:
    return f"asof_{as_known_at:%Y%m%d}"


def _latest_extract(warehouse_url: str) -> date | None:
    with psycopg2.connect(warehouse_url) as conn, conn.cursor() as cur:
        cur.execute("select to_regclass('raw.extracts')")
        if cur.fetchone()[0] is None:
            conn.close()
            return None
        cur.execute("select min(extract_date), max(extract_date) from raw.extracts")
        first, latest = cur.fetchone()
    conn.close()
    return latest if first is not None else None


def dbt_build(
    settings: Settings,
    variables: dict[str, object],
    *,
    exclude_tests: bool = True,
    full_refresh: bool = False,
) -> None:
    """Run ``dbt build`` on the project against the settings' warehouse (a child process).

    The password goes through the environment (``IRO_DBT_PASSWORD``), never argv.
    """
    project = config.project_dir() / "dbt_project"
    parts = PgParts.from_url(settings.warehouse_url)
    env = {
        **os.environ,
        "IRO_DBT_HOST": parts.host,
        "IRO_DBT_PORT": str(parts.port),
        "IRO_DBT_USER": parts.user,
        "IRO_DBT_PASSWORD": parts.password,
        "IRO_DBT_DBNAME": parts.dbname,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }
    dbt = str(Path(sys.executable).with_name("dbt"))
    with tempfile.TemporaryDirectory(prefix="iro-dbt-") as tmp:
        argv = [
            dbt, "build",
            "--project-dir", str(project),
            "--profiles-dir", str(project),
            "--target-path", str(Path(tmp) / "target"),
            "--log-path", str(Path(tmp) / "logs"),
            "--vars", json.dumps(variables),
        ]  # fmt: skip
        if exclude_tests:
            argv += ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
        if full_refresh:
            argv.append("--full-refresh")
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, cwd=project)
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-30:])
        raise RuntimeError(
            f"dbt build failed against {redact(settings.warehouse_url)}:\n{tail}\n{proc.stderr}"
        )


def ensure_build(
    settings: Settings, as_known_at: date, *, rebuild: bool = False
) -> publication.Build:
    """The warehouse as known at ``as_known_at``, built into ``asof_<day>_*`` when needed."""
    latest = _latest_extract(settings.warehouse_url)
    if latest is None:
        raise ValueError("raw holds no extract yet: run the nightly first")
    if as_known_at > latest:
        raise ValueError(f"nothing is known at {as_known_at} yet: the latest extract is {latest}")
    prefix = prefix_for(as_known_at)
    existing = publication.read_build(settings.warehouse_url, prefix)
    if existing is not None and existing.as_known_at == as_known_at and not rebuild:
        log.info("reusing the build as known at %s (schemas %s_*)", as_known_at, prefix)
        return existing
    started = time.monotonic()
    log.info("building the warehouse as known at %s into %s_* ...", as_known_at, prefix)
    dbt_build(
        settings,
        {
            "extract_date": as_known_at.isoformat(),
            "as_known_at": as_known_at.isoformat(),
            "reporting_start": settings.reporting_start.isoformat(),
            "iro_role_codes": list(settings.iro_role_codes),
            "schema_prefix": prefix,
        },
    )
    log.info("built as known at %s in %.1fs", as_known_at, time.monotonic() - started)
    build = publication.read_build(settings.warehouse_url, prefix)
    if build is None:
        raise RuntimeError(f"dbt built nothing into {prefix}_reporting")
    return build


def drop(settings: Settings, as_known_at: date) -> None:
    """Drop the schemas of the build as known at ``as_known_at``."""
    prefix = prefix_for(as_known_at)
    with psycopg2.connect(settings.warehouse_url) as conn, conn.cursor() as cur:
        cur.execute(
            "select nspname from pg_namespace where nspname like %s order by 1",
            (prefix.replace("_", r"\_") + r"\_%",),
        )
        for (name,) in cur.fetchall():
            cur.execute(f'drop schema if exists "{name}" cascade')
    conn.close()

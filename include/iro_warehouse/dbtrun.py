"""dbt, run the one way: the vars of a build, and a ``dbt build`` outside Airflow.

:func:`dbt_vars` is the only place the project's dbt vars are made: the
nightly's Cosmos operator (templated extract date) and the builds *as known
at* an earlier day (:mod:`iro_warehouse.asof`) both take them from here, from
validated :class:`~iro_warehouse.config.Settings`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from iro_warehouse.config import PgParts, Settings, dbt_project_dir, redact


def dbt_vars(
    settings: Settings,
    *,
    extract_date: str,
    as_known_at: str | None = None,
    schema_prefix: str | None = None,
) -> dict[str, object]:
    """The dbt vars of a build (dates as ISO text or Airflow templates).

    A live build grants the public reporting views to the BI role
    (``bi_reader_roles``); a build as known at an earlier day (a
    ``schema_prefix``) grants nothing: only the warehouse owner reads it.
    """
    variables: dict[str, object] = {
        "extract_date": extract_date,
        "as_known_at": as_known_at or extract_date,
        "reporting_start": settings.reporting_start.isoformat(),
        "iro_role_codes": list(settings.iro_role_codes),
        "bi_reader_roles": [] if schema_prefix else [settings.roles.bi_reader],
    }
    if schema_prefix:
        variables["schema_prefix"] = schema_prefix
    return variables


def dbt_env(settings: Settings) -> dict[str, str]:
    """The environment of a dbt process: the warehouse login for ``profiles.yml``, no telemetry.

    The login's password travels here (never in argv); the pseudonym key does
    not travel to dbt at all (it is read from ``crypto.pseudonym_key``).
    """
    parts = PgParts.from_url(settings.warehouse_url)
    return {
        **os.environ,
        "IRO_DBT_HOST": parts.host,
        "IRO_DBT_PORT": str(parts.port),
        "IRO_DBT_USER": parts.user,
        "IRO_DBT_PASSWORD": parts.password,
        "IRO_DBT_DBNAME": parts.dbname,
        # everything dbt creates belongs to the loader role, whichever login runs it
        "IRO_DBT_ROLE": settings.roles.loader,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }


def build(
    settings: Settings,
    variables: dict[str, object],
    *,
    exclude_tests: bool = True,
    full_refresh: bool = False,
) -> None:
    """Run ``dbt build`` on the project against the settings' warehouse (a child process).

    The password goes through the environment (``IRO_DBT_PASSWORD``), never
    argv. dbt's target and log folders are temporary and private to this
    user, and removed afterwards.
    """
    project = dbt_project_dir()
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
        proc = subprocess.run(
            argv, env=dbt_env(settings), capture_output=True, text=True, cwd=project
        )
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-30:])
        raise RuntimeError(
            f"dbt build failed against {redact(settings.warehouse_url)}:\n"
            f"{redact(tail)}\n{redact(proc.stderr)}"
        )

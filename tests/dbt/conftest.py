"""The dbt build both modules of this folder check: one per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from iro_warehouse import roles
from iro_warehouse.config import PgParts, Settings, Source
from iro_warehouse.extract import load_extract

from tests.casesystem import write_csv_case_system
from tests.conftest import TEST_ENV
from tests.dbt.fixture_case_system import ROWS

DBT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
EXTRACT_DATE = date(2017, 6, 15)


def _dbt_executable() -> str:
    local = Path(sys.executable).with_name("dbt")
    return str(local) if local.exists() else (shutil.which("dbt") or "dbt")


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory, make_database) -> str:
    url = make_database("iro_test_dbt")
    csv_dir = write_csv_case_system(tmp_path_factory.mktemp("case_system"), ROWS)
    # roles, the crypto schema and the pseudonym key, as the nightly sets them up
    roles.setup_access(Settings.from_env({"WAREHOUSE_URL": url, **TEST_ENV}))
    load_extract(Source(csv_dir=csv_dir), url, EXTRACT_DATE)
    parts = PgParts.from_url(url)
    target = tmp_path_factory.mktemp("dbt_target")
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(DBT_DIR),
        "IRO_DBT_HOST": parts.host,
        "IRO_DBT_PORT": str(parts.port),
        "IRO_DBT_USER": parts.user,
        "IRO_DBT_PASSWORD": parts.password,
        "IRO_DBT_DBNAME": parts.dbname,
    }
    result = subprocess.run(
        [
            _dbt_executable(), "build", "--vars", f"{{extract_date: {EXTRACT_DATE.isoformat()}}}",
            "--target-path", str(target / "target"), "--log-path", str(target / "logs"),
        ],
        cwd=DBT_DIR, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    return url

"""The dbt builds the modules of this folder check: one per session each.

``built_warehouse``: the hand-made case system (a contract-2 extract whose contract-2
columns are null and care plan table empty); ``contract_1_warehouse``: the same as an
older SSD extract without the contract-2 parts.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from iro_warehouse import roles, spec
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
    build(url, csv_dir, tmp_path_factory.mktemp("dbt_target"), ["build"])
    return url


@pytest.fixture(scope="session")
def contract_1_warehouse(tmp_path_factory, make_database) -> str:
    """The same case system as an older SSD extract: no contract-2 columns, no care plan table."""
    url = make_database("iro_test_dbt_c1")
    csv_dir = write_csv_case_system(tmp_path_factory.mktemp("case_system_c1"), ROWS)
    (csv_dir / "ssd_cla_care_plan.csv").unlink()
    for tbl in spec.TABLES:
        if tbl.contract == 1 and len(tbl.columns_of(1)) < len(tbl.columns):
            path = csv_dir / f"{tbl.name}.csv"
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.reader(f))
            keep = len(tbl.columns_of(1))  # contract-2 columns come last
            with path.open("w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(r[:keep] for r in rows)
    roles.setup_access(Settings.from_env({"WAREHOUSE_URL": url, **TEST_ENV}))
    # seeds and models only: the data and unit tests ran on the contract-2 build
    build(url, csv_dir, tmp_path_factory.mktemp("dbt_target_c1"),
          ["build", "--resource-type", "seed", "--resource-type", "model"])  # fmt: skip
    return url


def build(url: str, csv_dir: Path, target: Path, command: list[str]) -> None:
    """Load ``csv_dir`` through the real extractor, then run dbt ``command``."""
    load_extract(Source(csv_dir=csv_dir), url, EXTRACT_DATE)
    parts = PgParts.from_url(url)
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
            _dbt_executable(), *command, "--vars", f"{{extract_date: {EXTRACT_DATE.isoformat()}}}",
            "--target-path", str(target / "target"), "--log-path", str(target / "logs"),
        ],
        cwd=DBT_DIR, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]

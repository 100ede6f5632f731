"""Shared fixtures: small generated case systems in CSV folders."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from casecheck import Tables, read_csv_tables
from iro_warehouse.simulate import Target, simulate

SMALL_END = date(2013, 6, 30)


@pytest.fixture(scope="session")
def small_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Scale 0.1 from 2010-04-01 to 2013-06-30, no bad rows."""
    folder = tmp_path_factory.mktemp("small")
    simulate(Target.csv(folder), seed=3, end=SMALL_END, scale=0.1, progress=False)
    return folder


@pytest.fixture(scope="session")
def county_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Scale 1 from 2010-04-01 to 2017-03-31."""
    folder = tmp_path_factory.mktemp("county")
    simulate(Target.csv(folder), seed=1, end=date(2017, 3, 31), scale=1.0, progress=False)
    return folder


@pytest.fixture(scope="session")
def county_tables(county_csv: Path) -> Tables:
    """The county's tables as read back from its CSV files."""
    return read_csv_tables(county_csv)

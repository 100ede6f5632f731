"""One run of the real nightly DAG over the hand-built acceptance case system.

The fixture case system (``fixture_case_system.py``) is loaded into a fresh
PostgreSQL database, ``iro run --date 2017-06-15`` runs the ``iro_nightly``
DAG once for the whole package, and every test reads
``reporting.panel_figures`` and the data-quality table from that warehouse.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import psycopg2
import pytest
from iro_warehouse import spec
from psycopg2 import sql

from tests.acceptance import fixture_case_system as fcs
from tests.casesystem import write_pg_case_system
from tests.conftest import query, run_iro

# The periods most expectations use (see fixture_case_system.py).
M = "2017-03"  # month, complete, E1 = 2017-03-31
FY = "2016-17"  # financial year, complete, E1 = 2017-03-31
PM = "2017-06"  # month, provisional: 2017-06-01 .. 2017-06-15, E2 = 2017-06-15
PFY = "2017-18"  # financial year, provisional: 2017-04-01 .. 2017-06-15, E2

# (value, numerator, denominator, published_value)
Expected = tuple[float | int | None, float | int | None, float | int | None, str]


@dataclass
class Panel:
    warehouse: str
    output: Path
    figures: dict[tuple[str, str], tuple]  # (period_label, measure_id) -> row
    seconds: float


@pytest.fixture(scope="package")
def panel(make_database, tmp_path_factory) -> Panel:
    """The contract-1 acceptance case system (``fixture_case_system.py``) through the DAG, once."""
    return run_case_system(make_database, tmp_path_factory, "iro_acc", fcs.build())


def _exact(x: float | int | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def check_figure(panel: Panel, label: str, measure: str, expected: Expected) -> None:
    """Assert value, numerator, denominator (exactly) and published_value of one figure."""
    row = panel.figures.get((label, measure))
    assert row is not None, f"no row for {measure} in {label}"
    value, numerator, denominator, published = expected
    got = {
        "value": row[4],
        "numerator": row[5],
        "denominator": row[6],
        "published_value": row[7],
    }
    want = {
        "value": _exact(value),
        "numerator": _exact(numerator),
        "denominator": _exact(denominator),
        "published_value": published,
    }
    assert got == want, f"{measure} {label}"


def cases(expected: dict[tuple[str, str], Expected]) -> list:
    """pytest.param per (measure, period) with a readable id."""
    return [
        pytest.param(measure, label, exp, id=f"{measure}-{label}")
        for (measure, label), exp in expected.items()
    ]


# --- contract 2 -----------------------------------------------------------------


def strip_contract_2(url: str, schema: str = "public") -> None:
    """Make a written case system a contract-1 extract: no contract-2 column or table."""
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        for tbl in spec.TABLES:
            ident = sql.Identifier(schema, tbl.name)
            if tbl.contract == 2:
                cur.execute(sql.SQL("drop table {}").format(ident))
                continue
            for col in tbl.columns:
                if col.contract == 2:
                    cur.execute(
                        sql.SQL("alter table {} drop column {}").format(
                            ident, sql.Identifier(col.name)
                        )
                    )
    conn.close()


def run_case_system(
    make_database, tmp_path_factory, name: str, rows: dict, *, contract: int = 2
) -> Panel:
    """Load ``rows`` (at contract level ``contract``), run the nightly DAG once, read it."""
    warehouse = make_database(f"{name}_wh")
    source = make_database(f"{name}_cs")
    write_pg_case_system(source, rows)
    if contract == 1:
        strip_contract_2(source)
    output = tmp_path_factory.mktemp(f"{name}_output")
    env = {
        "WAREHOUSE_URL": warehouse,
        "CASE_SYSTEM_URL": source,
        "CASE_SYSTEM_SCHEMA": "public",
        "IRO_OUTPUT_DIR": str(output),
        "AIRFLOW_HOME": str(tmp_path_factory.mktemp(f"{name}_airflow")),
        "IRO_RETRY_DELAY_SECONDS": "1",
        "IRO_REPORTING_START": fcs.REPORTING_START.isoformat(),
    }
    started = time.monotonic()
    run = run_iro(["run", "--date", fcs.EXTRACT.isoformat()], env)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-5000:]
    rows_ = query(
        warehouse,
        "select period_label, measure_id, period_type, unit, value, numerator, denominator, "
        "published_value, is_provisional from reporting.panel_figures",
    )
    figures: dict[tuple[str, str], tuple] = {}
    for row in rows_:
        assert (row[0], row[1]) not in figures, f"two rows for {row[0]} {row[1]}"
        figures[(row[0], row[1])] = row
    return Panel(warehouse, output, figures, time.monotonic() - started)


@pytest.fixture(scope="package")
def panel2(make_database, tmp_path_factory) -> Panel:
    """The contract-2 acceptance case system (``fixture_contract2.py``) through the DAG, once."""
    from tests.acceptance import fixture_contract2

    return run_case_system(make_database, tmp_path_factory, "iro_acc2", fixture_contract2.build())

"""The work of the nightly DAG's tasks, as plain functions."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import psycopg2

from iro_warehouse import extract, periods, publish
from iro_warehouse.config import Settings

log = logging.getLogger(__name__)


def run_extract(settings: Settings, extract_date: date) -> extract.ExtractResult:
    """Task ``extract_case_system``."""
    return extract.load_extract(settings.source, settings.warehouse_url, extract_date)


def periods_to_publish(extract_date: date, reporting_start: date) -> list[periods.Period]:
    """The latest complete month and the latest complete financial year."""
    wanted = [
        periods.latest_complete_month(extract_date),
        periods.latest_complete_financial_year(extract_date),
    ]
    return [p for p in wanted if p.end >= reporting_start]


def run_publish(settings: Settings, extract_date: date) -> list[Path]:
    """Task ``publish_panel_figures``: files for the latest complete month and year.

    Goes through the publication records (:mod:`iro_warehouse.publication`):
    the first publication of a period is frozen and every figure already
    published that the new build changed is recorded as a restatement.
    """
    from iro_warehouse import publication

    build = publication.live_build(settings.warehouse_url)
    if build.extract_date != extract_date:
        raise RuntimeError(
            f"the marts hold the build for {build.extract_date}, not {extract_date}: "
            "did dbt_build run?"
        )
    return publication.publish_periods(
        settings, build, periods_to_publish(extract_date, settings.reporting_start)
    )


def headline(settings: Settings, period: periods.Period) -> list[tuple[str, str]]:
    """(label, published value) of a period's figures, for printing."""
    return [
        (f.measure_label, f.published_value)
        for f in publish.read_figures(settings.warehouse_url, period)
    ]


def already_built(settings: Settings, extract_date: date) -> bool:
    """True when the warehouse's latest build and files are for ``extract_date``."""
    try:
        with (
            psycopg2.connect(settings.warehouse_url, connect_timeout=10) as conn,
            conn.cursor() as cur,
        ):
            cur.execute(
                "select to_regclass('reporting.panel_figures'), to_regclass('raw.extracts')"
            )
            figures, extracts = cur.fetchone()
            if figures is None or extracts is None:
                return False
            cur.execute(
                "select max(extract_date) = %s and (select min(computed_at) from "
                "reporting.panel_figures) > max(loaded_at) from raw.extracts",
                (extract_date,),
            )
            fresh = bool(cur.fetchone()[0])
        conn.close()
    except psycopg2.Error:
        return False
    wanted = periods_to_publish(extract_date, settings.reporting_start)
    return fresh and all((settings.output_dir / p.folder / "report.html").exists() for p in wanted)

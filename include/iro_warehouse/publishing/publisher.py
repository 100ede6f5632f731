"""Publishing periods: record them, render their report, write their files.

One function serves every way figures leave the warehouse: the nightly's
publish task (:func:`publish_latest`), each ``iro_panel_monthly`` run and
``iro backfill`` (:func:`publish_month`), and ``iro publish``
(:func:`publish_periods`).
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from iro_warehouse import periods, warehouse
from iro_warehouse.config import Settings
from iro_warehouse.periods import Period
from iro_warehouse.publishing import (
    benchmark,
    breakdowns,
    figures,
    files,
    gate,
    paper,
    records,
    report,
    word,
)
from iro_warehouse.warehouse import Build, live_build

log = logging.getLogger(__name__)


def publish_periods(
    settings: Settings,
    build: Build,
    wanted: list[Period],
    *,
    file_extract_date: date | None = None,
    publish_anyway: bool = False,
    final: bool = False,
) -> list[Path]:
    """Record (live builds only) and write the files of ``wanted``; the folders written.

    Refused before anything is recorded or written: with ``final``, a period
    whose commentary is missing, lacks a required section or has a heading
    naming no section; and a build whose extract looks broken (the
    publication gate), unless ``publish_anyway``. The files name the build's
    extract date (``file_extract_date`` overrides the name only, for ``iro
    publish --extract-date``).
    """
    url = settings.warehouse_url
    if final:
        problems = [
            f"{period.label}: {problem}"
            for period in wanted
            for problem in paper.commentary_problems(settings.commentary_dir, period)
        ]
        if problems:
            raise ValueError(
                "not published: the commentary is not ready for a final publication:\n  "
                + "\n  ".join(problems)
                + "\n(publish without --final for a draft)"
            )
    gate.check(url, build, settings.publication_gate_share, publish_anyway=publish_anyway)
    if build.is_live:
        records.record(url, build, wanted, role=settings.roles.loader)
    root = files.output_root(settings, build)
    extract_date = file_extract_date or build.extract_date
    written = []
    for period in wanted:
        published = figures.of_period(url, period, build)
        model = paper.load(
            url,
            period,
            extract_date,
            settings.commentary_dir,
            build,
            regional_medians=_regional_medians(settings, period) if build.is_live else None,
        )
        drawn = report.Charts()
        documents: dict[str, str | bytes] = {**report.render(model, drawn)}
        documents.update(word.documents(model, drawn))
        written.append(
            files.write_period(
                root,
                period,
                published,
                documents,
                extract_date=extract_date,
                breakdowns=breakdowns.file_rows(url, period, build),
            )
        )
    return written


def _regional_medians(settings: Settings, period: Period) -> dict[str, str]:
    """In a region, the regional median of each measure of ``period`` (the latest benchmark).

    Optional: without a region, a benchmark of the period, or a reachable
    regional warehouse, the report is published without the column.
    """
    if not settings.regional_benchmark_url:
        return {}
    try:
        return benchmark.regional_medians(
            settings.regional_benchmark_url, period.period_type, period.label
        )
    except Exception as exc:  # the region never stops an authority's publication
        log.warning("no regional medians for %s: %s", period.label, warehouse.first_line(exc))
        return {}


def publish_latest(
    settings: Settings, extract_date: date, *, publish_anyway: bool = False
) -> list[Path]:
    """The nightly's publication: the latest complete month and financial year.

    Refuses when the marts do not hold the build of ``extract_date`` (dbt did
    not run, or another run replaced it).
    """
    build = live_build(settings.warehouse_url)
    if build.extract_date != extract_date:
        raise RuntimeError(
            f"the marts hold the build for {build.extract_date}, not {extract_date}: "
            "did dbt_build run?"
        )
    return publish_periods(
        settings,
        build,
        periods.latest_complete(extract_date, settings.reporting_start),
        publish_anyway=publish_anyway,
    )


def publish_month(
    settings: Settings,
    month: Period,
    build: Build | None = None,
    *,
    expect: str | None = None,
    publish_anyway: bool = False,
) -> list[Path]:
    """The work of one ``iro_panel_monthly`` run: the month's files (and the year's in March).

    ``expect`` (an ISO date) is the extract date the sensor saw; a different
    build now (a nightly ran in between) is fine as long as it covers the month.
    """
    build = build or live_build(settings.warehouse_url)
    if expect and build.extract_date.isoformat() != expect:
        log.info("the build moved on from %s to %s since the check", expect, build.extract_date)
    if not month.is_final_at(build.extract_date):
        raise ValueError(
            f"the warehouse's build (extract date {build.extract_date}) does not cover "
            f"{month.label}: it needs an extract taken after {month.end}"
        )
    if month.start < settings.reporting_start.replace(day=1):
        raise ValueError(f"{month.label} is before the reporting start {settings.reporting_start}")
    return publish_periods(
        settings, build, periods.of_monthly_run(month), publish_anyway=publish_anyway
    )

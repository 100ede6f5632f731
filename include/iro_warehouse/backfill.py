"""Backfill without a scheduler: every ``iro_panel_monthly`` run of a range of months.

``iro backfill --from 2010-04 --to 2017-03`` does, month by month, exactly
what each run of the ``iro_panel_monthly`` DAG does (the same function,
:func:`iro_warehouse.publishing.publisher.publish_month`), in one process and
with a progress bar, for people without a running scheduler. With a
scheduler, ``airflow backfill create --dag-id iro_panel_monthly --from-date
2010-04-01 --to-date 2017-03-31`` creates the same runs in Airflow.

Every month is published from the one live build of the marts (which holds
every month since the reporting start on today's definitions), so a backfill
is cheap: no dbt build per month. Rerunning it rewrites byte-identical files
and leaves the publication records unchanged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from iro_warehouse import periods
from iro_warehouse.config import Settings
from iro_warehouse.periods import Period
from iro_warehouse.publishing import publisher
from iro_warehouse.warehouse import live_build


@dataclass
class BackfillResult:
    months: list[Period]
    folders: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        years = sum(1 for f in self.folders if f.parent.name == "financial_year")
        return (
            f"published {len(self.months)} months and {years} financial years "
            f"({self.months[0].label} to {self.months[-1].label}) in {self.seconds:.1f}s"
        )


def run(
    settings: Settings,
    first: Period,
    last: Period,
    *,
    progress: bool = True,
    publish_anyway: bool = False,
) -> BackfillResult:
    """Publish every month from ``first`` to ``last`` (and each year after its March)."""
    months = periods.months_between(first, last)
    build = live_build(settings.warehouse_url)
    uncovered = [m for m in months if not m.is_final_at(build.extract_date)]
    if uncovered:
        raise ValueError(
            f"the warehouse's build (extract date {build.extract_date}) does not cover "
            f"{uncovered[0].label}..{uncovered[-1].label}: run the nightly for a later date, "
            "or end the backfill earlier"
        )
    result = BackfillResult(months=months)
    started = time.monotonic()
    bar = tqdm(months, desc="iro backfill", unit="month", disable=not progress)
    for month in bar:
        bar.set_postfix_str(month.label)
        result.folders.extend(
            publisher.publish_month(settings, month, build, publish_anyway=publish_anyway)
        )
    result.seconds = time.monotonic() - started
    return result

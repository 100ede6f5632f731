"""The DAGs, made by one factory per kind: a nightly and a monthly per authority, one benchmark.

Without an authorities file there is one authority and the DAG ids are
today's (``iro_nightly``, ``iro_panel_monthly``); in a region each authority
has its own (``iro_nightly__840``, ``iro_panel_monthly__840``), each exactly
the one-council pipeline against that authority's source, warehouse and output
folder, and ``iro_region_benchmark`` runs once every authority's nightly has
published (an asset schedule on their ``iro_panel_figures__<code>`` assets).

Light to import (no database access): the DAG files call these at their top
level; the work of the tasks is in :mod:`iro_warehouse.tasks`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import DAG, Param, PokeReturnValue, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable
from cosmos.operators.local import DbtBuildLocalOperator

from iro_warehouse.authorities import Authority, Region
from iro_warehouse.dag_support import (
    dbt_build_arguments,
    default_args,
    panel_figures_asset,
)
from iro_warehouse.periods import TIMEZONE

NIGHTLY_DOC = """Nightly: extract the case system into raw, build the warehouse, publish figures.

Scheduled at 02:00 Europe/London with a one-day data interval; the extract
date of a run is the London day its interval starts on. The task bodies are
in ``iro_warehouse.tasks``.
"""

MONTHLY_DOC = """Monthly: publish the figures and files of a calendar month (and its year in March).

One run per calendar month: a CronDataIntervalTimetable at 00:00 on the 1st,
Europe/London, so a run's data interval is exactly its month. The run waits
(a sensor in reschedule mode, holding no worker slot) until the warehouse
holds a build taken after the month ended, then publishes from the marts.
Backfill with ``airflow backfill create --dag-id iro_panel_monthly
--from-date 2010-04-01 --to-date 2017-03-31`` or ``iro backfill``.
"""

BENCHMARK_DOC = """Regional benchmark: the authorities' published figures side by side.

Runs when every authority's nightly has published. Reads only each
authority's published files (``panel_figures.csv``: disclosure-controlled
values), loads them into the regional warehouse and writes a benchmark pack
per period (CSV and HTML): each measure by authority, the regional median and
quartiles, and each authority's rank. The task body is in ``iro_warehouse.tasks``.
"""

BENCHMARK_DAG_ID = "iro_region_benchmark"
PUBLISH_ANYWAY = Param(
    False,
    type="boolean",
    description="publish even when the extract looks broken (the publication gate)",
)


def _tags(authority: Authority, *tags: str) -> list[str]:
    return ["iro", *tags] + ([f"la-{authority.code}"] if authority.code else [])


def nightly_dag(authority: Authority) -> DAG:
    """The nightly pipeline of one authority."""
    code = authority.code
    title = "" if code is None else f"\n\nAuthority {authority.label}."

    @dag(
        dag_id=authority.dag_id,
        schedule=(
            CronDataIntervalTimetable(authority.schedule, timezone=TIMEZONE)
            if authority.schedule
            else None
        ),
        start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
        catchup=False,
        max_active_runs=1,
        default_args=default_args(authority.settings),
        tags=_tags(authority, "nightly", "case-system"),
        doc_md=NIGHTLY_DOC + title,
        params={
            "full_refresh": Param(
                False, type="boolean", description="rebuild every model and seed from scratch"
            ),
            "publish_anyway": PUBLISH_ANYWAY,
        },
    )
    def iro_nightly():
        @task
        def extract_case_system(logical_date=None, ti=None) -> str:
            from iro_warehouse import tasks

            return tasks.extract_case_system(logical_date, ti, authority=code)

        dbt_build = DbtBuildLocalOperator(
            task_id="dbt_build",
            full_refresh="{{ params.full_refresh }}",
            **dbt_build_arguments(authority.settings, authority=code),
        )

        @task(outlets=[panel_figures_asset(code)])
        def publish_panel_figures(logical_date=None, params=None) -> list[str]:
            from iro_warehouse import tasks

            return tasks.publish_panel_figures(logical_date, params, authority=code)

        extract_case_system() >> dbt_build >> publish_panel_figures()

    return iro_nightly()


def monthly_dag(authority: Authority) -> DAG:
    """The monthly publication of one authority."""
    code = authority.code
    dag_id = "iro_panel_monthly" if code is None else f"iro_panel_monthly__{code}"

    @dag(
        dag_id=dag_id,
        schedule=CronDataIntervalTimetable("0 0 1 * *", timezone=TIMEZONE),
        start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
        catchup=False,
        max_active_runs=4,
        default_args=default_args(authority.settings),
        tags=_tags(authority, "monthly", "publication"),
        doc_md=MONTHLY_DOC,
        params={"publish_anyway": PUBLISH_ANYWAY},
    )
    def iro_panel_monthly():
        @task.sensor(poke_interval=15 * 60, timeout=timedelta(days=3), mode="reschedule")
        def wait_for_build(data_interval_start=None) -> PokeReturnValue:
            from iro_warehouse import tasks

            return tasks.wait_for_build(data_interval_start, authority=code)

        @task
        def publish_month(
            build_extract_date: str, data_interval_start=None, params=None
        ) -> list[str]:
            from iro_warehouse import tasks

            return tasks.publish_month(
                build_extract_date, data_interval_start, params, authority=code
            )

        publish_month(wait_for_build())

    return iro_panel_monthly()


def benchmark_dag(region: Region) -> DAG:
    """The regional benchmark, after every authority's nightly has published."""

    @dag(
        dag_id=BENCHMARK_DAG_ID,
        schedule=[panel_figures_asset(a.code) for a in region.authorities],
        start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
        catchup=False,
        max_active_runs=1,
        default_args=default_args(region.authorities[0].settings),
        tags=["iro", "region", "benchmark"],
        doc_md=BENCHMARK_DOC,
    )
    def iro_region_benchmark():
        @task
        def publish_benchmark() -> list[str]:
            from iro_warehouse import tasks

            return tasks.publish_benchmark()

        publish_benchmark()

    return iro_region_benchmark()

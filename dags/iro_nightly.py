"""Nightly: extract the case system into raw, build the warehouse, publish the panel figures.

Scheduled at 02:00 Europe/London with a one-day data interval; the extract
date of a run is the London day its interval starts on. The task bodies are
in ``iro_warehouse.tasks``.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable
from cosmos.operators.local import DbtBuildLocalOperator
from iro_warehouse.config import Settings
from iro_warehouse.dag_support import PANEL_FIGURES, dbt_build_arguments, default_args
from iro_warehouse.periods import TIMEZONE

SETTINGS = Settings.from_env()


@dag(
    dag_id="iro_nightly",
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(SETTINGS),
    tags=["iro", "nightly", "case-system"],
    doc_md=__doc__,
    params={
        "full_refresh": Param(
            False, type="boolean", description="rebuild every model and seed from scratch"
        ),
        "publish_anyway": Param(
            False,
            type="boolean",
            description="publish even when the extract looks broken (the publication gate)",
        ),
    },
)
def iro_nightly():
    @task
    def extract_case_system(logical_date=None, ti=None) -> str:
        from iro_warehouse import tasks

        return tasks.extract_case_system(logical_date, ti)

    dbt_build = DbtBuildLocalOperator(
        task_id="dbt_build",
        full_refresh="{{ params.full_refresh }}",
        **dbt_build_arguments(SETTINGS),
    )

    @task(outlets=[PANEL_FIGURES])
    def publish_panel_figures(logical_date=None, params=None) -> list[str]:
        from iro_warehouse import tasks

        return tasks.publish_panel_figures(logical_date, params)

    extract_case_system() >> dbt_build >> publish_panel_figures()


iro_nightly()

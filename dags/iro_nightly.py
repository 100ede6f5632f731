"""Nightly: extract the case system into raw, build the warehouse, publish the panel figures.

Scheduled at 02:00 Europe/London with a one-day data interval; the extract
date of a run is the London day its interval starts on.
"""

from __future__ import annotations

import pendulum
from airflow.sdk import Param, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable
from cosmos.operators.local import DbtBuildLocalOperator
from iro_warehouse.airflow_support import (
    DEFAULT_ARGS,
    TIMEZONE,
    dbt_profile_config,
    dbt_project_dir,
    dbt_vars_template,
)
from iro_warehouse.assets import PANEL_FIGURES


@dag(
    dag_id="iro_nightly",
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["iro", "nightly", "case-system"],
    doc_md=__doc__,
    params={
        "full_refresh": Param(
            False, type="boolean", description="rebuild every model and seed from scratch"
        )
    },
)
def iro_nightly():
    @task
    def extract_case_system(logical_date=None, ti=None) -> str:
        from iro_warehouse import airflow_support, pipeline, roles

        extract_date = airflow_support.extract_date_of(logical_date)
        settings = airflow_support.settings()
        roles.setup_access(settings.warehouse_url)  # roles, schemas, grants (idempotent)
        with airflow_support.fail_without_retry_on_structural_fault():
            result = pipeline.run_extract(settings, extract_date)
        ti.xcom_push(key="extract_date", value=extract_date.isoformat())
        return result.summary()

    dbt_build = DbtBuildLocalOperator(
        task_id="dbt_build",
        project_dir=dbt_project_dir(),
        profile_config=dbt_profile_config(),
        vars=dbt_vars_template(),
        full_refresh="{{ params.full_refresh }}",
        install_deps=False,
    )

    @task(outlets=[PANEL_FIGURES])
    def publish_panel_figures(logical_date=None) -> list[str]:
        from iro_warehouse import airflow_support, pipeline, roles

        extract_date = airflow_support.extract_date_of(logical_date)
        settings = airflow_support.settings()
        roles.setup_access(settings.warehouse_url)  # grants on what dbt_build recreated
        written = pipeline.run_publish(settings, extract_date)
        return [str(p) for p in written]

    extract_case_system() >> dbt_build >> publish_panel_figures()


iro_nightly()

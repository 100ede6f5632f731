"""Monthly: publish the panel's figures and files for a calendar month (and its year in March).

One run per calendar month: a CronDataIntervalTimetable at 00:00 on the 1st,
Europe/London, so a run's data interval is exactly its month. The run waits
(a sensor in reschedule mode, holding no worker slot) until the warehouse
holds a build taken after the month ended, then publishes from the marts.
Backfill with ``airflow backfill create --dag-id iro_panel_monthly
--from-date 2010-04-01 --to-date 2017-03-31`` or ``iro backfill``. The task
bodies are in ``iro_warehouse.tasks``.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Param, PokeReturnValue, dag, task
from airflow.timetables.interval import CronDataIntervalTimetable
from iro_warehouse.config import Settings
from iro_warehouse.dag_support import default_args
from iro_warehouse.periods import TIMEZONE


@dag(
    dag_id="iro_panel_monthly",
    schedule=CronDataIntervalTimetable("0 0 1 * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2010, 4, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=4,
    default_args=default_args(Settings.from_env()),
    tags=["iro", "monthly", "publication"],
    doc_md=__doc__,
    params={
        "publish_anyway": Param(
            False,
            type="boolean",
            description="publish even when the extract looks broken (the publication gate)",
        )
    },
)
def iro_panel_monthly():
    @task.sensor(poke_interval=15 * 60, timeout=timedelta(days=3), mode="reschedule")
    def wait_for_build(data_interval_start=None) -> PokeReturnValue:
        from iro_warehouse import tasks

        return tasks.wait_for_build(data_interval_start)

    @task
    def publish_month(build_extract_date: str, data_interval_start=None, params=None) -> list[str]:
        from iro_warehouse import tasks

        return tasks.publish_month(build_extract_date, data_interval_start, params)

    publish_month(wait_for_build())


iro_panel_monthly()

"""Backfill arithmetic, the monthly DAG's shape, and the as-of schema names (no database)."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pendulum
import pytest
from iro_warehouse import asof, periods, warehouse


def test_months_between_counts_both_ends():
    months = periods.months_between(periods.parse("2010-04"), periods.parse("2017-03"))
    assert len(months) == 84
    assert (months[0].label, months[-1].label) == ("2010-04", "2017-03")
    with pytest.raises(ValueError):
        periods.months_between(periods.parse("2017-03"), periods.parse("2016-03"))
    with pytest.raises(ValueError):
        periods.months_between(periods.parse("2016-17"), periods.parse("2017-03"))


def test_a_march_run_also_publishes_its_financial_year():
    labels = [p.label for p in periods.of_monthly_run(periods.parse("2017-03"))]
    assert labels == ["2017-03", "2016-17"]
    assert [p.label for p in periods.of_monthly_run(periods.parse("2017-04"))] == ["2017-04"]
    years = sum(
        len(periods.of_monthly_run(m))
        for m in periods.months_between(periods.parse("2010-04"), periods.parse("2017-03"))
    )
    assert years == 84 + 7


def test_a_build_covers_a_month_only_once_the_month_is_over():
    may = periods.parse("2017-05")
    assert not may.is_final_at(date(2017, 5, 31))
    assert may.is_final_at(date(2017, 6, 1))


def test_as_of_schemas_are_prefixed_and_checked():
    prefix = asof.prefix_for(date(2017, 4, 5))
    assert prefix == "asof_20170405"
    assert warehouse.schema("reporting", prefix) == "asof_20170405_reporting"
    assert warehouse.schema("reporting") == "reporting"
    with pytest.raises(ValueError):
        warehouse.schema("reporting", "x; drop table raw.extracts")


@pytest.fixture(scope="module")
def monthly_dag(tmp_path_factory):
    os.environ.setdefault("AIRFLOW_HOME", str(tmp_path_factory.mktemp("af")))
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    from airflow.dag_processing.dagbag import DagBag

    from tests.conftest import PROJECT_DIR

    bag = DagBag(dag_folder=str(PROJECT_DIR / "dags"))
    assert bag.import_errors == {}
    return bag.dags["iro_panel_monthly"]


def test_monthly_runs_cover_calendar_months_in_london(monthly_dag):
    from iro_warehouse import tasks

    assert [t.task_id for t in monthly_dag.topological_sort()] == [
        "wait_for_build",
        "publish_month",
    ]
    sensor = monthly_dag.get_task("wait_for_build")
    assert sensor.mode == "reschedule"
    for after, label, days in [
        (pendulum.datetime(2016, 4, 2, tz="Europe/London"), "2016-03", 31),  # GMT -> BST
        (pendulum.datetime(2016, 11, 2, tz="Europe/London"), "2016-10", 31),  # BST -> GMT
        (pendulum.datetime(2016, 3, 1, 0, 30, tz="Europe/London"), "2016-02", 29),
    ]:
        interval = monthly_dag.timetable.infer_manual_data_interval(run_after=after)
        start = pendulum.instance(interval.start).in_timezone("Europe/London")
        end = pendulum.instance(interval.end).in_timezone("Europe/London")
        assert (start.day, start.hour, end.day, end.hour) == (1, 0, 1, 0)
        assert tasks.month_of_run(interval.start).label == label
        assert end.date() - start.date() == timedelta(days=days)

"""The DAG folder imports cleanly and every DAG carries its metadata."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parents[2] / "dags"


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory):
    os.environ.setdefault("AIRFLOW_HOME", str(tmp_path_factory.mktemp("af")))
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def test_dag_folder_imports_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "iro_nightly" in dagbag.dags


def test_every_dag_has_tags_owner_and_retries(dagbag):
    for dag_id, dag in dagbag.dags.items():
        assert dag.tags, f"{dag_id} has no tags"
        for t in dag.tasks:
            assert t.owner and t.owner != "airflow", f"{dag_id}.{t.task_id} has no owner"
            assert t.retries >= 1, f"{dag_id}.{t.task_id} has no retries"


def test_nightly_runs_at_two_in_london_with_a_one_day_interval(dagbag):
    import pendulum

    dag = dagbag.dags["iro_nightly"]
    assert dag.max_active_runs == 1
    interval = dag.timetable.infer_manual_data_interval(
        run_after=pendulum.datetime(2017, 6, 16, 3, 0, tz="Europe/London")
    )
    start = pendulum.instance(interval.start).in_timezone("Europe/London")
    end = pendulum.instance(interval.end).in_timezone("Europe/London")
    assert (start.date().isoformat(), start.hour) == ("2017-06-15", 2)
    assert end - start == timedelta(days=1)


def test_nightly_task_order(dagbag):
    dag = dagbag.dags["iro_nightly"]
    assert [t.task_id for t in dag.topological_sort()] == [
        "extract_case_system",
        "dbt_build",
        "publish_panel_figures",
    ]

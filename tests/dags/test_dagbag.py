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


# --- a region: one DAG per authority from the authorities file --------------------

REGION_FILE = """
region: {{name: Test region, warehouse: "postgresql://iro@db:5432/region"}}
authorities:
  - {{code: 840, name: County Durham, source: {{csv_dir: {csv}}},
     warehouse: "postgresql://iro@db:5432/wh_840"}}
  - {{code: 841, name: Darlington, source: {{url: "postgresql://r@cs:5432/ssd", profile: systemc}},
     warehouse: "postgresql://iro@db:5432/wh_841"}}
  - {{code: 805, name: Hartlepool, source: {{csv_dir: {csv}}},
     warehouse: "postgresql://iro@db:5432/wh_805"}}
"""
CODES = ("840", "841", "805")


@pytest.fixture(scope="module")
def region_dagbag(tmp_path_factory):
    folder = tmp_path_factory.mktemp("region")
    path = folder / "authorities.yaml"
    path.write_text(REGION_FILE.format(csv=folder))
    os.environ.setdefault("AIRFLOW_HOME", str(tmp_path_factory.mktemp("af")))
    os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
    saved = os.environ.get("IRO_AUTHORITIES_FILE")
    os.environ["IRO_AUTHORITIES_FILE"] = str(path)
    try:
        from airflow.dag_processing.dagbag import DagBag

        yield DagBag(dag_folder=str(DAGS))
    finally:
        if saved is None:
            os.environ.pop("IRO_AUTHORITIES_FILE", None)
        else:
            os.environ["IRO_AUTHORITIES_FILE"] = saved


def test_a_region_has_one_nightly_and_one_monthly_dag_per_authority(region_dagbag):
    assert region_dagbag.import_errors == {}
    nightly = sorted(d for d in region_dagbag.dags if d.startswith("iro_nightly"))
    monthly = sorted(d for d in region_dagbag.dags if d.startswith("iro_panel_monthly"))
    assert nightly == sorted(f"iro_nightly__{c}" for c in CODES)
    assert monthly == sorted(f"iro_panel_monthly__{c}" for c in CODES)
    for code in CODES:
        dag = region_dagbag.dags[f"iro_nightly__{code}"]
        assert [t.task_id for t in dag.topological_sort()] == [
            "extract_case_system",
            "dbt_build",
            "publish_panel_figures",
        ]
        assert f"la-{code}" in dag.tags and dag.max_active_runs == 1
    test_every_dag_has_tags_owner_and_retries(region_dagbag)


def test_each_authoritys_tasks_point_at_its_own_warehouse(region_dagbag, monkeypatch):
    from iro_warehouse import tasks

    monkeypatch.setenv("IRO_AUTHORITIES_FILE", os.environ["IRO_AUTHORITIES_FILE"])
    for code in CODES:
        dag = region_dagbag.dags[f"iro_nightly__{code}"]
        # the dbt step logs in through the authority's connection ...
        mapping = dag.get_task("dbt_build").profile_config.profile_mapping
        assert mapping.conn_id == f"iro_warehouse__{code}"
        # ... which, when not defined, is the authority's warehouse of the file
        assert mapping.conn.schema == f"wh_{code}"
        # the extract and the publication read the authority's settings
        assert tasks.settings(code).warehouse_url.endswith(f"/wh_{code}")
        # the connection, when defined, wins (a deployment's secrets backend)
        monkeypatch.setenv(
            f"AIRFLOW_CONN_IRO_WAREHOUSE__{code}", f"postgresql://iro@other:5432/conn_{code}"
        )
        assert tasks.settings(code).warehouse_url.endswith(f"/conn_{code}")
    assert tasks.settings("841").source.url.endswith("/ssd")

"""docker-compose.yml describes the same system as the README (no Docker engine runs here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (
    "CASE_SYSTEM_URL",
    "CASE_SYSTEM_SCHEMA",
    "CASE_SYSTEM_CSV_DIR",
    "WAREHOUSE_URL",
    "IRO_OUTPUT_DIR",
    "IRO_COMMENTARY_DIR",
    "IRO_REPORTING_START",
    "IRO_ROLE_CODES",
    "IRO_AUTHORITIES_FILE",
)
AIRFLOW_SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer", "worker")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_of_an_airflow_3_deployment():
    services = _compose()["services"]
    assert {
        "postgres", "airflow-init", "api-server", "scheduler", "dag-processor", "triggerer"
    } <= set(services)  # fmt: skip
    assert services["postgres"]["image"].startswith("postgres:15")
    for name in AIRFLOW_SERVICES:
        svc = services[name]
        assert svc["build"] == "."
        if name != "worker":
            assert svc["command"][:2] == ["airflow", name]
        assert svc["environment"]["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
        assert svc["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
    assert "db migrate" in " ".join(services["airflow-init"]["command"])
    assert (ROOT / "Dockerfile").is_file()


def test_a_region_runs_on_celery_workers_with_redis_as_the_broker():
    services = _compose()["services"]
    redis = services["redis"]
    assert redis["image"].startswith("redis:")
    assert redis["command"][0] == "redis-server" and "--requirepass" in redis["command"]
    assert "ports" not in redis  # the broker is reachable on the deployment's network only
    worker = services["worker"]
    assert worker["command"] == ["airflow", "celery", "worker"]
    assert worker["deploy"]["replicas"] >= 2
    for name in AIRFLOW_SERVICES:
        env = services[name]["environment"]
        assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
        assert "@redis:6379/" in env["AIRFLOW__CELERY__BROKER_URL"]
        assert env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql://")
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    # every worker reaches the execution API, and writes to the same output volume
    assert worker["environment"]["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"].startswith(
        "http://api-server:"
    )
    assert any(v.startswith("output:") for v in worker["volumes"])
    readme = (ROOT / "README.md").read_text()
    assert "## A region" in readme and "airflow celery worker" in readme


def test_locally_the_local_executor_stays_the_default():
    from tests.backfill.airflow_services import service_env

    assert service_env({}, Path("/tmp/x"))["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"


def test_uses_the_readme_settings():
    readme = (ROOT / "README.md").read_text()
    env = _compose()["services"]["scheduler"]["environment"]
    for name in SETTINGS:
        assert name in env, f"docker-compose.yml does not pass {name}"
        assert f"`{name}`" in readme, f"README does not document {name}"
    # the Airflow connections are derived from the same settings
    assert "WAREHOUSE_URL" in env["AIRFLOW_CONN_IRO_WAREHOUSE"]
    assert "CASE_SYSTEM_URL" in env["AIRFLOW_CONN_IRO_CASE_SYSTEM"]


def test_no_secret_is_written_into_the_file():
    text = (ROOT / "docker-compose.yml").read_text()
    for match in re.finditer(r"^\s*\w*(PASSWORD|SECRET|KEY)\w*:\s*(\S+)", text, re.MULTILINE):
        value = match.group(2)
        assert value.startswith("${"), f"{match.group(0)} holds a literal secret"

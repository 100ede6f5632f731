"""What the DAG files need: connections, dates, the dbt operator's settings.

DAG files stay short and declarative; everything they call lives here, where
it can be imported and tested without a scheduler.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum

from iro_warehouse import config

TIMEZONE = "Europe/London"
WAREHOUSE_CONN_ID = "iro_warehouse"
CASE_SYSTEM_CONN_ID = "iro_case_system"
OWNER = "iro-data-team"

DEFAULT_ARGS: dict[str, Any] = {
    "owner": OWNER,
    "retries": 2,
    # IRO_RETRY_DELAY_SECONDS shortens the wait in tests; production keeps 2 minutes
    "retry_delay": timedelta(seconds=int(os.environ.get("IRO_RETRY_DELAY_SECONDS") or 120)),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=20),
}


def extract_date_of(logical_date: datetime) -> date:
    """The extract date of a run: the London calendar day of its logical date.

    For a scheduled nightly run the logical date is the start of its data
    interval, so the run at 02:00 on the 16th extracts for the 15th.
    """
    return pendulum.instance(logical_date).in_timezone(TIMEZONE).date()


def month_of_run(data_interval_start: datetime):
    """The calendar month an ``iro_panel_monthly`` run is for: its interval's London month."""
    from iro_warehouse import periods

    day = pendulum.instance(data_interval_start).in_timezone(TIMEZONE).date()
    return periods.month(day.year, day.month)


def logical_date_for(extract_date: date) -> pendulum.DateTime:
    """The logical date of the nightly run whose extract date is ``extract_date``."""
    return pendulum.datetime(
        extract_date.year, extract_date.month, extract_date.day, 2, 0, tz=TIMEZONE
    )


@contextmanager
def fail_without_retry_on_structural_fault() -> Iterator[None]:
    """A structural fault will not mend itself: fail the task at once, no retries."""
    from airflow.sdk.exceptions import AirflowFailException

    from iro_warehouse.extract import StructuralFault

    try:
        yield
    except StructuralFault as exc:
        raise AirflowFailException(f"structural fault in the case system: {exc}") from None


def _connection_uri(conn_id: str) -> str | None:
    """The URI of an Airflow connection, or None when it is not defined."""
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowRuntimeError

    try:
        conn = Connection.get(conn_id)
    except (AirflowRuntimeError, KeyError, ValueError):
        return None
    uri = conn.get_uri()
    return uri.replace("postgres://", "postgresql://", 1)


def settings() -> config.Settings:
    """Settings inside a task: the environment, with Airflow connections on top."""
    base = config.Settings.from_env()
    warehouse = _connection_uri(WAREHOUSE_CONN_ID) or base.warehouse_url
    source = base.source
    if source.csv_dir is None:
        source_uri = _connection_uri(CASE_SYSTEM_CONN_ID)
        if source_uri:
            source = config.Source(url=source_uri, schema=source.schema)
    return config.Settings(
        source=source,
        warehouse_url=warehouse,
        output_dir=base.output_dir,
        reporting_start=base.reporting_start,
        iro_role_codes=base.iro_role_codes,
        uses_private_pg=base.uses_private_pg,
    )


def dbt_project_dir() -> Path:
    return config.project_dir() / "dbt_project"


def dbt_vars_template() -> dict[str, Any]:
    """dbt vars for a run, as Jinja templates rendered by Airflow."""
    return {
        "extract_date": "{{ ti.xcom_pull(task_ids='extract_case_system', key='extract_date') }}",
        "as_known_at": "{{ ti.xcom_pull(task_ids='extract_case_system', key='extract_date') }}",
        "reporting_start": os.environ.get("IRO_REPORTING_START") or "2010-04-01",
        "iro_role_codes": list(config.iro_role_codes()),
    }


def dbt_profile_config():
    """Cosmos profile built from the ``iro_warehouse`` Airflow connection."""
    from cosmos import ProfileConfig
    from cosmos.profiles.postgres.user_pass import PostgresUserPasswordProfileMapping

    class WarehouseProfileMapping(PostgresUserPasswordProfileMapping):
        """Postgres mapping that also allows a password-less (trust) login."""

        required_fields = ["host", "user", "dbname"]  # noqa: RUF012

        @property
        def secret_fields(self) -> list[str]:  # type: ignore[override]
            return ["password"] if self.conn.password else []

        @property
        def profile(self) -> dict[str, Any]:
            profile = super().profile
            if not self.conn.password:
                profile["password"] = ""
            return profile

    return ProfileConfig(
        profile_name="iro_warehouse",
        target_name="airflow",
        profile_mapping=WarehouseProfileMapping(
            conn_id=WAREHOUSE_CONN_ID, profile_args={"schema": "staging", "threads": 2}
        ),
    )

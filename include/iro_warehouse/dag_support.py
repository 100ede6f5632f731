"""What the DAG files declare with: schedule time zone, default arguments, the dbt step, assets.

Light enough to import at the top of a DAG file (no database access); the
work of the tasks is in :mod:`iro_warehouse.tasks`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import Asset
from airflow.sdk.exceptions import AirflowNotFoundException, AirflowRuntimeError
from cosmos import ProfileConfig
from cosmos.profiles.postgres.user_pass import PostgresUserPasswordProfileMapping

from iro_warehouse import authorities
from iro_warehouse.config import Settings, dbt_project_dir
from iro_warehouse.dbtrun import dbt_vars

OWNER = "iro-data-team"
WAREHOUSE_CONN_ID = "iro_warehouse"
CASE_SYSTEM_CONN_ID = "iro_case_system"

#: Updated by every nightly run's publication, for asset-driven consumers.
PANEL_FIGURES = Asset(name="iro_panel_figures", uri="iro://warehouse/reporting/panel_figures")


def panel_figures_asset(code: str | None) -> Asset:
    """The asset an authority's nightly updates (``PANEL_FIGURES`` without a region)."""
    if code is None:
        return PANEL_FIGURES
    return Asset(
        name=f"iro_panel_figures__{code}", uri=f"iro://warehouse/{code}/reporting/panel_figures"
    )


#: The extract date of a nightly run, as the extract task hands it on.
EXTRACT_DATE_TEMPLATE = "{{ ti.xcom_pull(task_ids='extract_case_system', key='extract_date') }}"


def default_args(settings: Settings) -> dict[str, Any]:
    """Owner and retries of every task: two retries with exponential backoff."""
    return {
        "owner": OWNER,
        "retries": 2,
        "retry_delay": timedelta(seconds=settings.task_retry_delay_seconds),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=20),
    }


class WarehouseProfileMapping(PostgresUserPasswordProfileMapping):
    """Cosmos's Postgres mapping, also allowing a password-less (trust) login.

    In a region, an authority's mapping (``authority`` set) falls back to the
    warehouse of the authorities file when its connection is not defined, read
    when the task runs (so no URL is kept in the parsed DAG).
    """

    required_fields = ["host", "user", "dbname"]  # noqa: RUF012

    def __init__(self, *args: Any, authority: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.authority = authority

    @property
    def conn(self):  # type: ignore[override]
        if self._conn is None and self.authority is not None:
            try:
                return super().conn
            except (AirflowNotFoundException, AirflowRuntimeError, KeyError, ValueError):
                from airflow.models.connection import Connection

                url = authorities.load().authority(self.authority).settings.warehouse_url
                self._conn = Connection(conn_id=self.conn_id, uri=url)
        return super().conn

    @property
    def secret_fields(self) -> list[str]:  # type: ignore[override]
        return ["password"] if self.conn.password else []

    @property
    def profile(self) -> dict[str, Any]:
        profile = super().profile
        if not self.conn.password:
            profile["password"] = ""
        return profile


def dbt_build_arguments(settings: Settings, authority: str | None = None) -> dict[str, Any]:
    """The nightly's ``DbtBuildLocalOperator`` arguments: project, profile, vars.

    An authority's build logs in through its own connection (``iro_warehouse__840``).
    """
    return {
        "project_dir": dbt_project_dir(),
        "profile_config": ProfileConfig(
            profile_name="iro_warehouse",
            target_name="airflow",
            profile_mapping=WarehouseProfileMapping(
                conn_id=f"{WAREHOUSE_CONN_ID}__{authority}" if authority else WAREHOUSE_CONN_ID,
                authority=authority,
                # everything dbt creates belongs to the loader role, whichever login runs it
                profile_args={"schema": "staging", "threads": 2, "role": settings.roles.loader},
            ),
        ),
        "vars": dbt_vars(settings, extract_date=EXTRACT_DATE_TEMPLATE),
        "install_deps": False,
    }

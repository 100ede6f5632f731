"""The bodies of the DAGs' tasks: what ``iro_nightly`` and ``iro_panel_monthly`` do.

Each function takes what Airflow hands a task (its logical date, its data
interval, its task instance) and does the work with the project's settings:
the environment, with the Airflow connections ``iro_warehouse`` and
``iro_case_system`` on top when they are defined. In a region (an
authorities file) each function also takes the authority's code: its
settings are that authority's, with its connections ``iro_warehouse__<code>``
and ``iro_case_system__<code>`` on top. The DAG files only wire these together.
"""

from __future__ import annotations

import logging
from datetime import datetime

from airflow.sdk import Connection, PokeReturnValue
from airflow.sdk.exceptions import (
    AirflowFailException,
    AirflowNotFoundException,
    AirflowRuntimeError,
)

from iro_warehouse import authorities, periods, roles, warehouse
from iro_warehouse.config import Settings
from iro_warehouse.dag_support import CASE_SYSTEM_CONN_ID, WAREHOUSE_CONN_ID
from iro_warehouse.extract import StructuralFault, load_extract
from iro_warehouse.periods import Period
from iro_warehouse.profile import ProfileError
from iro_warehouse.publishing import benchmark, gate, publisher

log = logging.getLogger(__name__)


def _connection_uri(conn_id: str) -> str | None:
    """The URI of an Airflow connection, or None when it is not defined."""
    try:
        return Connection.get(conn_id).get_uri()
    except (AirflowNotFoundException, AirflowRuntimeError, KeyError, ValueError):
        return None


def settings(authority: str | None = None) -> Settings:
    """Settings inside a task: the authority's (the environment's without a region), with
    its Airflow connections on top."""
    chosen = authorities.load().authority(authority)
    base = chosen.settings
    source_uri = (
        None if base.source.kind == "csv" else _connection_uri(chosen.conn_id(CASE_SYSTEM_CONN_ID))
    )
    return base.with_connections(_connection_uri(chosen.conn_id(WAREHOUSE_CONN_ID)), source_uri)


def month_of_run(data_interval_start: datetime) -> Period:
    """The calendar month an ``iro_panel_monthly`` run is for: its interval's London month."""
    return periods.month_of(periods.london_day(data_interval_start))


# --- iro_nightly ---------------------------------------------------------------


def extract_case_system(logical_date: datetime, ti, authority: str | None = None) -> str:
    """Roles, grants and the pseudonym key, then the extract of the run's London day into raw.

    A structural fault (missing table or column, unreadable file, an extract
    date after tomorrow), a profile that does not fit the contract or a missing
    pseudonym key will not mend itself: the task fails at once, without retries.
    """
    extract_date = periods.london_day(logical_date)
    try:
        current = settings(authority)
    except ProfileError as exc:  # CASE_SYSTEM_PROFILE will not mend itself either
        raise AirflowFailException(f"source profile: {exc}") from None
    except authorities.AuthoritiesError as exc:  # nor will the authorities file
        raise AirflowFailException(str(exc)) from None
    try:
        current.require_pseudonym_key()
    except ValueError as exc:
        raise AirflowFailException(str(exc)) from None
    roles.setup_access(current)
    try:
        result = load_extract(
            current.source,
            current.warehouse_url,
            extract_date,
            retry=current.retry,
            loader_role=current.roles.loader,
        )
    except StructuralFault as exc:
        raise AirflowFailException(f"structural fault in the case system: {exc}") from None
    ti.xcom_push(key="extract_date", value=extract_date.isoformat())
    return result.summary()


def publish_panel_figures(
    logical_date: datetime, params: dict, authority: str | None = None
) -> list[str]:
    """The latest complete month's and financial year's files, with their records.

    An extract that looks broken (the publication gate) fails the task at once,
    without retries, unless the run's parameter ``publish_anyway`` is set.
    """
    try:
        written = publisher.publish_latest(
            settings(authority),
            periods.london_day(logical_date),
            publish_anyway=bool(params.get("publish_anyway")),
        )
    except gate.PublicationRefused as exc:
        raise AirflowFailException(str(exc)) from None
    return [str(p) for p in written]


# --- iro_panel_monthly ------------------------------------------------------------


def wait_for_build(data_interval_start: datetime, authority: str | None = None) -> PokeReturnValue:
    """Sensor: done when the live build was taken after the run's month ended.

    The value passed on is the build's extract date.
    """
    month = month_of_run(data_interval_start)
    build = warehouse.read_build(settings(authority).warehouse_url)
    if build is None or not month.is_final_at(build.extract_date):
        have = f"the build is for {build.extract_date}" if build else "there is no build yet"
        log.info("waiting for a build taken after %s (%s)", month.end, have)
        return PokeReturnValue(is_done=False)
    return PokeReturnValue(is_done=True, xcom_value=build.extract_date.isoformat())


def publish_month(
    build_extract_date: str,
    data_interval_start: datetime,
    params: dict,
    authority: str | None = None,
) -> list[str]:
    """The month's files (and the financial year's after March), behind the publication gate."""
    try:
        written = publisher.publish_month(
            settings(authority),
            month_of_run(data_interval_start),
            expect=build_extract_date,
            publish_anyway=bool(params.get("publish_anyway")),
        )
    except gate.PublicationRefused as exc:
        raise AirflowFailException(str(exc)) from None
    return [str(p) for p in written]


# --- iro_region_benchmark ---------------------------------------------------------


def publish_benchmark() -> list[str]:
    """The regional benchmark from every authority's published files (nothing else)."""
    try:
        region = authorities.load()
    except authorities.AuthoritiesError as exc:
        raise AirflowFailException(str(exc)) from None
    return [str(p) for p in benchmark.publish(region)]

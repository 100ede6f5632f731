"""Airflow assets shared by the DAGs (imported by DAG files only)."""

from airflow.sdk import Asset

#: Updated by every nightly run; the monthly publication waits for it.
PANEL_FIGURES = Asset(name="iro_panel_figures", uri="iro://warehouse/reporting/panel_figures")

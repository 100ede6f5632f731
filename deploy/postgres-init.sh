#!/usr/bin/env bash
# First start of the compose PostgreSQL: Airflow's metadata database and the warehouse.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
create role airflow login password '${AIRFLOW_DB_PASSWORD}';
create database airflow owner airflow;
create role iro_loader login password '${WAREHOUSE_DB_PASSWORD}';
create database iro_warehouse owner iro_loader;
SQL

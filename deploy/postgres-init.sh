#!/usr/bin/env bash
# First start of the compose PostgreSQL: Airflow's metadata database and the warehouse.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username postgres <<SQL
create role airflow login password '${AIRFLOW_DB_PASSWORD}';
create database airflow owner airflow;
create role iro_loader login password '${WAREHOUSE_DB_PASSWORD}';
create database iro_warehouse owner iro_loader;
SQL
# a region: each authority's warehouse and the regional one (README, section A region),
# e.g. IRO_REGION_DATABASES="iro_warehouse_840 iro_warehouse_841 iro_region"
for db in ${IRO_REGION_DATABASES:-}; do
  [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "IRO_REGION_DATABASES: $db is not a database name" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 --username postgres -c "create database $db owner iro_loader"
done

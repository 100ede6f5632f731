# The iro-warehouse image: Airflow 3 with the project's DAGs, package and dbt project.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AIRFLOW_HOME=/opt/airflow \
    IRO_PROJECT_DIR=/opt/iro-warehouse \
    AIRFLOW__CORE__DAGS_FOLDER=/opt/iro-warehouse/dags \
    AIRFLOW__CORE__LOAD_EXAMPLES=False

RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 50000 airflow

WORKDIR /opt/iro-warehouse
COPY requirements.txt pyproject.toml README.md ./
RUN pip install --no-cache-dir -r requirements.txt
COPY include ./include
COPY dags ./dags
COPY dbt_project ./dbt_project
RUN pip install --no-cache-dir --no-deps -e . \
    && mkdir -p /opt/airflow /data/output \
    && chown -R airflow: /opt/airflow /data /opt/iro-warehouse

USER airflow

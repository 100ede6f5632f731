"""Nightly: extract the case system into raw, build the warehouse, publish the panel figures.

One DAG per authority (``iro_nightly`` without an authorities file,
``iro_nightly__<code>`` for each authority of ``IRO_AUTHORITIES_FILE``), and
in a region the benchmark after them (``iro_region_benchmark``). Scheduled at
02:00 Europe/London with a one-day data interval; the extract date of a run is
the London day its interval starts on. The DAGs are made in
``iro_warehouse.dag_factory``, the task bodies are in ``iro_warehouse.tasks``.
"""

from __future__ import annotations

# (the words "airflow" and "dag" keep this file in the dag-processor's safe-mode scan)
from iro_warehouse import authorities
from iro_warehouse.dag_factory import benchmark_dag, nightly_dag

REGION = authorities.load()

for authority in REGION.authorities:
    globals()[authority.dag_id] = nightly_dag(authority)

if REGION.is_region:
    iro_region_benchmark = benchmark_dag(REGION)

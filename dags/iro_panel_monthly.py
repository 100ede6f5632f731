"""Monthly: publish the panel's figures and files for a calendar month (and its year in March).

One DAG per authority (``iro_panel_monthly``, or ``iro_panel_monthly__<code>``
in a region). One run per calendar month: a CronDataIntervalTimetable at 00:00
on the 1st, Europe/London, so a run's data interval is exactly its month. The
run waits (a sensor in reschedule mode, holding no worker slot) until the
warehouse holds a build taken after the month ended, then publishes from the
marts. Backfill with ``airflow backfill create --dag-id iro_panel_monthly
--from-date 2010-04-01 --to-date 2017-03-31`` or ``iro backfill``. The DAGs
are made in ``iro_warehouse.dag_factory``, the task bodies are in
``iro_warehouse.tasks``.
"""

from __future__ import annotations

# (the words "airflow" and "dag" keep this file in the dag-processor's safe-mode scan)
from iro_warehouse import authorities
from iro_warehouse.dag_factory import monthly_dag

for authority in authorities.load().authorities:
    globals()[authority.dag_id.replace("iro_nightly", "iro_panel_monthly")] = monthly_dag(authority)

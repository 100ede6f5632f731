"""SQLite connect arguments for the test Airflow services.

Scheduler, dag-processor, api-server and the CLI share one SQLite file; with
Python's default 5 s busy timeout a write can fail with "database is locked"
under load. Airflow imports this dict through
``AIRFLOW__DATABASE__SQL_ALCHEMY_CONNECT_ARGS``.
"""

CONNECT_ARGS = {"timeout": 60}

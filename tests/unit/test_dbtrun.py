"""The dbt vars of a build come from validated settings, the same for Cosmos and as-known-at."""

from __future__ import annotations

from iro_warehouse import config, dbtrun


def test_live_build_vars_come_from_the_settings():
    settings = config.Settings.from_env(
        {"IRO_REPORTING_START": "2012-04-01", "IRO_ROLE_CODES": "IRO,IROM", "IRO_BI_ROLE": "bi"}
    )
    assert dbtrun.dbt_vars(settings, extract_date="{{ templated }}") == {
        "extract_date": "{{ templated }}",
        "as_known_at": "{{ templated }}",
        "reporting_start": "2012-04-01",
        "iro_role_codes": ["IRO", "IROM"],
        "bi_reader_roles": ["bi"],
    }


def test_a_build_as_known_at_an_earlier_day_grants_nothing():
    settings = config.Settings.from_env({})
    variables = dbtrun.dbt_vars(settings, extract_date="2017-04-05", schema_prefix="asof_20170405")
    assert variables["schema_prefix"] == "asof_20170405"
    assert variables["bi_reader_roles"] == []
    assert variables["as_known_at"] == "2017-04-05"


def test_the_dbt_environment_carries_the_login_not_argv():
    settings = config.Settings.from_env({"WAREHOUSE_URL": "postgresql+psycopg2://u:pw@db:6543/wh"})
    env = dbtrun.dbt_env(settings)
    assert (env["IRO_DBT_HOST"], env["IRO_DBT_PORT"], env["IRO_DBT_USER"]) == ("db", "6543", "u")
    assert (env["IRO_DBT_PASSWORD"], env["IRO_DBT_DBNAME"]) == ("pw", "wh")

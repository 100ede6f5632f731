from pathlib import Path

import pytest
from iro_warehouse import config


def test_defaults_use_the_private_server():
    s = config.Settings.from_env({})
    port = config.private_pg_port({})  # 55432, or the free port this checkout's server recorded
    assert s.uses_private_pg
    assert s.warehouse_url.endswith(f":{port}/iro_warehouse")
    assert s.source.url.endswith(f":{port}/case_system") and s.source.schema == "public"
    assert s.iro_role_codes == ("IRO",)
    assert str(s.reporting_start) == "2010-04-01"


def test_the_private_port_is_55432_until_a_server_records_another(tmp_path: Path):
    assert config.private_pg_port({}, state=tmp_path) == 55432
    (tmp_path / "port").write_text("55437\n")
    assert config.private_pg_port({}, state=tmp_path) == 55437
    assert config.private_pg_port({"IRO_PG_PORT": "6000"}, state=tmp_path) == 6000


def test_environment_overrides(tmp_path: Path):
    s = config.Settings.from_env(
        {
            "WAREHOUSE_URL": "postgresql://u:secret@db:5432/wh",
            "CASE_SYSTEM_CSV_DIR": str(tmp_path),
            "IRO_OUTPUT_DIR": str(tmp_path / "out"),
            "IRO_REPORTING_START": "2012-04-01",
            "IRO_ROLE_CODES": "IRO, IROM",
        }
    )
    assert not s.uses_private_pg
    assert s.source.kind == "csv" and s.source.csv_dir == tmp_path
    assert s.iro_role_codes == ("IRO", "IROM")
    assert s.output_dir == tmp_path / "out"


def test_case_system_defaults_beside_a_configured_warehouse():
    s = config.Settings.from_env({"WAREHOUSE_URL": "postgresql://u@db:5432/wh"})
    assert s.source.url == "postgresql://u@db:5432/case_system"


def test_conflicting_sources_are_refused(tmp_path: Path):
    with pytest.raises(ValueError, match="not both"):
        config.Settings.from_env(
            {"CASE_SYSTEM_URL": "postgresql://x@y/z", "CASE_SYSTEM_CSV_DIR": str(tmp_path)}
        )


def test_bad_reporting_start_is_named():
    with pytest.raises(ValueError, match="IRO_REPORTING_START"):
        config.Settings.from_env({"IRO_REPORTING_START": "01/04/2010"})


def test_redact_hides_passwords():
    assert config.redact("postgresql://u:pw@h:1/d") == "postgresql://u:***@h:1/d"
    assert config.redact("postgresql://u@h:1/d") == "postgresql://u@h:1/d"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:1/d", "postgresql://u:***@h:1/d"),
        ("postgresql+psycopg2://u:pw@h/d", "postgresql+psycopg2://u:***@h/d"),
        (
            "postgresql://u@h/d?password=pw&sslmode=require",
            "postgresql://u@h/d?password=***&sslmode=require",
        ),
        (
            "postgresql://u@h/d?sslmode=require&password=pw",
            "postgresql://u@h/d?sslmode=require&password=***",
        ),
        ("host=h user=u password=pw dbname=d", "host=h user=u password=*** dbname=d"),
        ("error at postgresql://u:xxxx@h/d: refused", "error at postgresql://u:***@h/d: refused"),
    ],
)
def test_redact_hides_every_form_of_a_password(url, shown):
    assert config.redact(url) == shown
    assert "pw" not in config.redact(url).replace("pwd", "")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://u:pw@db:6543/wh",
        "postgres://u:pw@db:6543/wh",
        "postgresql+psycopg2://u:pw@db:6543/wh",
        "postgresql://u@db:6543/wh?password=pw",
    ],
)
def test_url_forms_give_the_same_login(url):
    parts = config.PgParts.from_url(url)
    assert (parts.host, parts.port, parts.user, parts.password, parts.dbname) == (
        "db",
        6543,
        "u",
        "pw",
        "wh",
    )


def test_a_non_postgresql_url_is_refused_without_its_password():
    with pytest.raises(ValueError, match="postgresql://") as caught:
        config.PgParts.from_url("mysql://u:pw@h/d")
    assert "pw" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("IRO_CONNECT_ATTEMPTS", "three"),
        ("IRO_CONNECT_ATTEMPTS", "0"),
        ("IRO_RETRY_DELAY_SECONDS", "-1"),
        ("IRO_BI_ROLE", "BI Reader"),
        ("IRO_PG_PORT", "70000"),
        ("IRO_ROLE_CODES", " , "),
    ],
)
def test_every_setting_is_validated_once_with_its_name(name, value):
    with pytest.raises(ValueError, match=name):
        config.Settings.from_env({name: value})


def test_airflow_connections_replace_the_environment_urls():
    base = config.Settings.from_env({"WAREHOUSE_URL": "postgresql://u@a/wh"})
    s = base.with_connections("postgres://v:pw@b:5433/wh2", "postgresql+psycopg2://w@c/cs")
    assert s.warehouse_url == "postgresql://v:pw@b:5433/wh2"
    assert s.source.url == "postgresql://w@c/cs"
    assert base.with_connections(None, None) == base


def test_commentary_folder_defaults_to_the_project_and_must_be_a_folder(tmp_path: Path):
    assert config.Settings.from_env({}).commentary_dir == config.project_dir() / "commentary"
    s = config.Settings.from_env({"IRO_COMMENTARY_DIR": str(tmp_path / "words")})
    assert s.commentary_dir == tmp_path / "words"  # need not exist yet: every period is a draft
    (tmp_path / "file.md").write_text("x")
    with pytest.raises(ValueError, match=r"IRO_COMMENTARY_DIR.*not a folder"):
        config.Settings.from_env({"IRO_COMMENTARY_DIR": str(tmp_path / "file.md")})

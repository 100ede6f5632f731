from pathlib import Path

import pytest
from iro_warehouse import config


def test_defaults_use_the_private_server():
    s = config.Settings.from_env({})
    assert s.uses_private_pg
    assert s.warehouse_url.endswith(":55432/iro_warehouse")
    assert s.source.url.endswith(":55432/case_system") and s.source.schema == "public"
    assert s.iro_role_codes == ("IRO",)
    assert str(s.reporting_start) == "2010-04-01"


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

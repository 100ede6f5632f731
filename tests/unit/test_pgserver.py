"""Finding the PostgreSQL binaries, and saying what to do when there are none."""

from __future__ import annotations

import shutil

import pytest
from iro_warehouse import cli, pgserver


@pytest.fixture
def no_postgres(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(pgserver, "DEBIAN_BINDIRS", str(tmp_path / "none" / "*" / "bin"))


def test_missing_binaries_explain_the_fixes(no_postgres):
    with pytest.raises(pgserver.PostgresNotFound) as err:
        pgserver.find_bindir()
    text = str(err.value)
    assert "initdb" in text
    assert "apt-get install postgresql" in text
    assert "WAREHOUSE_URL" in text
    assert "docker compose" in text


def test_the_first_command_says_so(no_postgres, monkeypatch, capsys):
    monkeypatch.delenv("WAREHOUSE_URL", raising=False)
    monkeypatch.setenv("IRO_PG_PORT", "1")  # nothing listens there
    assert cli.main(["setup"]) == 2
    assert "PostgreSQL server binaries" in capsys.readouterr().err


def test_debian_layout_is_found(monkeypatch, tmp_path):
    for version in ("13", "15"):
        bindir = tmp_path / version / "bin"
        bindir.mkdir(parents=True)
        for tool in ("initdb", "pg_ctl"):
            (bindir / tool).touch()
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(pgserver, "DEBIAN_BINDIRS", str(tmp_path / "*" / "bin"))
    assert pgserver.find_bindir() == tmp_path / "15" / "bin"

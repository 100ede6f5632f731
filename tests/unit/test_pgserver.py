"""Finding the PostgreSQL binaries, and saying what to do when there are none."""

from __future__ import annotations

import shutil

import pytest
from iro_warehouse import cli, pgserver

from tests.conftest import query


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


def test_a_server_on_the_port_that_is_not_this_checkouts_is_never_used(
    pg_admin_url, tmp_path, monkeypatch
):
    """Another checkout's server answering on our port: named (explicit port), or moved from."""
    from urllib.parse import urlsplit

    taken = urlsplit(pg_admin_url).port
    explicit = pgserver.PrivateServer(base=tmp_path / "explicit" / "pg", port=taken)
    assert not explicit.is_running()
    with pytest.raises(pgserver.ForeignServer, match=f"port {taken} is served by another"):
        explicit.ensure_running()

    monkeypatch.delenv("IRO_PG_PORT", raising=False)
    monkeypatch.setenv("IRO_PG_FAST", "1")
    (tmp_path / "implicit" / "pg").mkdir(parents=True)
    (tmp_path / "implicit" / "pg" / "port").write_text(f"{taken}\n")
    own = pgserver.PrivateServer(base=tmp_path / "implicit" / "pg")
    assert own.port == taken and not own.explicit_port
    try:
        own.ensure_running()
        assert own.port != taken
        assert own.is_running()
        assert (own.base / "port").read_text().strip() == str(own.port)
        (setting,) = query(own.url("postgres"), "show fsync")
        assert setting == ("off",)  # IRO_PG_FAST: the test suite's speed
    finally:
        own.stop()

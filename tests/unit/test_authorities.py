"""The authorities file (IRO_AUTHORITIES_FILE): one authority without it, clear errors with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from iro_warehouse import authorities, config

BASE_ENV = {"WAREHOUSE_URL": "postgresql://iro@db:5432/iro_warehouse"}


def _write(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "authorities.yaml"
    path.write_text(text)
    return {**BASE_ENV, "IRO_OUTPUT_DIR": str(tmp_path / "out"), "IRO_AUTHORITIES_FILE": str(path)}


def test_without_a_file_there_is_one_authority_as_today():
    region = authorities.load(BASE_ENV)
    assert not region.is_region
    (only,) = region.authorities
    assert only.code is None and only.dag_id == "iro_nightly"
    assert only.conn_id("iro_warehouse") == "iro_warehouse"
    assert only.settings == config.Settings.from_env(BASE_ENV)


def test_a_region_gives_each_authority_its_own_source_warehouse_and_output(tmp_path: Path):
    env = _write(
        tmp_path,
        """
region: {name: North East}
authorities:
  - code: 840
    name: County Durham
    source: {url: "postgresql://reader:${CS_PASSWORD}@cs:5432/ssd", schema: ssd, profile: systemc}
    warehouse: postgresql://iro@db:5432/durham
  - code: 841
    name: Darlington
    source: {csv_dir: csv/841}
    schedule: manual
""",
    )
    env["CS_PASSWORD"] = "s3cret"
    region = authorities.load(env)
    assert region.is_region and region.name == "North East"
    durham, darlington = region.authorities
    assert (durham.dag_id, darlington.dag_id) == ("iro_nightly__840", "iro_nightly__841")
    assert durham.conn_id("iro_warehouse") == "iro_warehouse__840"
    expanded = "postgresql://reader:s3cret@cs:5432/ssd"  # allowlist secret
    assert durham.settings.source.url == expanded
    assert durham.settings.source.schema == "ssd"
    assert durham.settings.source.profile.name == "systemc"
    assert durham.settings.warehouse_url.endswith("/durham")
    assert darlington.settings.warehouse_url == "postgresql://iro@db:5432/iro_warehouse_841"
    assert darlington.settings.source.csv_dir == tmp_path / "csv" / "841"
    assert durham.settings.output_dir == tmp_path / "out" / "840"
    assert region.warehouse_url == "postgresql://iro@db:5432/iro_region"
    assert region.output_dir == tmp_path / "out" / "region"
    assert region.authority("841") is darlington
    assert durham.schedule == "0 2 * * *" and darlington.schedule is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("authorities: []", "key 'authorities': expected a list"),
        ("authorities: [{code: 84, name: X, source: {csv_dir: a}}]", "authority #1, key 'code'"),
        (
            "authorities: [{code: 840, name: X, source: {csv_dir: a}, colour: red}]",
            "authority 840, key 'colour': unknown key",
        ),
        ("authorities: [{code: 840, source: {csv_dir: a}}]", "authority 840, key 'name'"),
        (
            "authorities: [{code: 840, name: X, source: {csv_dir: a, url: 'postgresql://h/d'}}]",
            "authority 840, key 'source': give url",
        ),
        (
            "authorities: [{code: 840, name: X, source: {url: 'postgresql://u:${NOPE}@h/d'}}]",
            "authority 840, key 'source'.url: the environment variable NOPE is not set",
        ),
        (
            "authorities: [{code: 840, name: X, source: {csv_dir: a, profile: nosuch}}]",
            "authority 840, key 'source'.profile",
        ),
        (
            "authorities:\n"
            "  - {code: 840, name: X, source: {csv_dir: a}, warehouse: 'postgresql://h/w'}\n"
            "  - {code: 841, name: Y, source: {csv_dir: b}, warehouse: 'postgresql://h/w'}\n",
            "authority 841, key 'warehouse': the same warehouse as authority 840",
        ),
        (
            "authorities:\n"
            "  - {code: 840, name: X, source: {csv_dir: a}}\n"
            "  - {code: 840, name: Y, source: {csv_dir: b}}\n",
            "authority 840, key 'code': the code is listed twice",
        ),
        ("region: {size: 3}\nauthorities: [{code: 840, name: X, source: {csv_dir: a}}]", "region"),
        (
            "authorities: [{code: 840, name: X, source: {csv_dir: a}, schedule: 'at two'}]",
            "authority 840, key 'schedule'",
        ),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_the_authority_and_the_key(
    tmp_path: Path, body: str, message: str
):
    env = _write(tmp_path, body)
    with pytest.raises(authorities.AuthoritiesError) as caught:
        authorities.load(env)
    assert str(tmp_path / "authorities.yaml") in str(caught.value)
    assert message in str(caught.value)


def test_a_password_from_the_environment_is_never_in_an_error(tmp_path: Path):
    env = _write(
        tmp_path,
        "authorities:\n  - {code: 840, name: X, source: {url: 'mysql://u:${PW}@h/d'}}\n",
    )
    env["PW"] = "s3cret"
    with pytest.raises(authorities.AuthoritiesError) as caught:
        authorities.load(env)
    assert "s3cret" not in str(caught.value)


def test_an_authority_may_have_its_own_pseudonym_key_from_the_environment(tmp_path: Path):
    env = _write(
        tmp_path,
        "authorities:\n"
        "  - {code: 840, name: X, source: {csv_dir: a}, pseudonym_key: '${KEY_840}'}\n"
        "  - {code: 841, name: Y, source: {csv_dir: b}}\n",
    )
    env.update({"KEY_840": "k" * 20, "IRO_PSEUDONYM_KEY": "s" * 20})
    first, second = authorities.load(env).authorities
    assert first.settings.pseudonym_key == "k" * 20
    assert second.settings.pseudonym_key == "s" * 20
    for value, message in (("literal-secret-1234567", "no secret here"), ("${SHORT}", "too short")):
        env = _write(
            tmp_path,
            "authorities: [{code: 840, name: X, source: {csv_dir: a}, "
            f"pseudonym_key: '{value}'}}]",
        )
        env["SHORT"] = "abc"
        with pytest.raises(authorities.AuthoritiesError, match=message) as caught:
            authorities.load(env)
        assert "authority 840, key 'pseudonym_key'" in str(caught.value)
        assert "literal-secret" not in str(caught.value) and "abc" not in str(caught.value)

"""Who may read what: log in as members of bi_reader and iro_service and try every relation.

Uses the session's simulated county (``county`` in tests/conftest.py), built
by the real nightly DAG, which set up the roles and grants
(``iro_warehouse.roles``). Roles are cluster-wide, so each test session logs
in through its own throwaway login roles, members of the shared group roles.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
from iro_warehouse import spec
from iro_warehouse.config import Settings
from psycopg2 import sql

from tests.conftest import ADVANCED, TEST_PSEUDONYM_KEY, query
from tests.privacy import scan

pytestmark = pytest.mark.slow

SCHEMAS = (
    "raw", "staging", "intermediate", "marts", "reporting", "data_quality", "operational", "crypto",
)  # fmt: skip


def _rows(url: str, statement: sql.Composable) -> list[tuple]:
    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            cur.execute(statement)
            return cur.fetchall()
    finally:
        conn.close()


def _login_url(url: str, user: str) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=f"{user}@{parts.hostname}:{parts.port}").geturl()


@pytest.fixture(scope="module")
def logins(county, pg_admin_url) -> Iterator[dict[str, str]]:
    names = Settings.from_env().roles
    suffix = uuid.uuid4().hex[:8]
    made = {"bi": f"iro_test_bi_{suffix}", "service": f"iro_test_svc_{suffix}"}
    conn = psycopg2.connect(pg_admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql.SQL("create role {} login in role {}").format(
            sql.Identifier(made["bi"]), sql.Identifier(names.bi_reader)))  # fmt: skip
        cur.execute(sql.SQL("create role {} login in role {}").format(
            sql.Identifier(made["service"]), sql.Identifier(names.service)))  # fmt: skip
    yield {k: _login_url(county["warehouse"], v) for k, v in made.items()}
    with conn.cursor() as cur:
        for role in made.values():
            cur.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = %s",
                (role,),
            )
            cur.execute(sql.SQL("drop role {}").format(sql.Identifier(role)))
    conn.close()


def _relations(url: str) -> list[tuple[str, str]]:
    return query(
        url,
        "select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = any(%s) and c.relkind in ('r', 'v', 'm', 'p') order by 1, 2",
        (list(SCHEMAS),),
    )


def _readable(url: str, relations: list[tuple[str, str]]) -> set[tuple[str, str]]:
    ok = set()
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        for schema, name in relations:
            try:
                rel = sql.Identifier(schema, name)
                cur.execute(sql.SQL("select 1 from {} limit 1").format(rel))
                ok.add((schema, name))
            except psycopg2.errors.InsufficientPrivilege:
                pass
    conn.close()
    return ok


#: the relations of reporting granted to BI readers (dbt's grants, var bi_reader_roles)
PUBLIC_REPORTING = {("reporting", "panel_figures_public"), ("reporting", "panel_breakdowns_public")}


def _expected(relations, service: bool) -> set[tuple[str, str]]:
    return {
        (s, n)
        for s, n in relations
        if s == "marts" or (s, n) in PUBLIC_REPORTING or (service and s == "operational")
    }


def test_every_schema_has_relations_to_refuse(county):
    schemas = {s for s, _ in _relations(county["warehouse"])}
    assert schemas == set(SCHEMAS)


@pytest.mark.parametrize("who", ["bi", "service"])
def test_readers_read_only_what_they_are_granted(county, logins, who):
    relations = _relations(county["warehouse"])
    readable = _readable(logins[who], relations)
    expected = _expected(relations, service=who == "service")
    assert expected >= PUBLIC_REPORTING
    assert readable == expected
    refused = {s for s, _ in relations} - {s for s, _ in readable}
    want_refused = {"raw", "staging", "intermediate", "data_quality", "crypto"}
    if who == "bi":
        want_refused.add("operational")
    assert refused == want_refused


@pytest.mark.parametrize("who", ["bi", "service"])
def test_readers_cannot_write(county, logins, who):
    conn = psycopg2.connect(logins[who])
    conn.autocommit = True
    with conn.cursor() as cur:
        for statement in (
            "create table marts.x (a int)",
            "delete from marts.dim_children",
            "create table operational.x (a int)",
        ):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cur.execute(statement)
    conn.close()


@pytest.mark.parametrize("who", ["bi", "service"])
def test_readers_can_neither_compute_pseudonyms_nor_read_the_key(county, logins, who):
    """pgcrypto and the key live in the loader's schema ``crypto``: no hmac() for readers."""
    conn = psycopg2.connect(logins[who])
    conn.autocommit = True
    with conn.cursor() as cur:
        for statement in (
            "select crypto.hmac('1', 'k', 'sha256')",
            "select hmac('1', 'k', 'sha256')",
            "select key from crypto.pseudonym_key",
        ):
            with pytest.raises(
                (psycopg2.errors.InsufficientPrivilege, psycopg2.errors.UndefinedFunction)
            ):
                cur.execute(statement)
    conn.close()


def test_the_loader_owns_every_table(county):
    """Not the login that ran the nightly: any member of the loader role can run it."""
    owners = query(
        county["warehouse"],
        "select distinct pg_get_userbyid(c.relowner) from pg_class as c "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname = any(%s) and c.relkind in ('r', 'v', 'm', 'p')",
        (list(SCHEMAS),),
    )
    assert owners == [(Settings.from_env().roles.loader,)]


def test_the_loader_owns_every_schema(county):
    owners = dict(
        query(
            county["warehouse"],
            "select nspname, pg_get_userbyid(nspowner) from pg_namespace where nspname = any(%s)",
            (list(SCHEMAS),),
        )
    )
    assert owners == dict.fromkeys(SCHEMAS, Settings.from_env().roles.loader)


def test_operational_worklists_carry_the_person_id_for_look_up(county, logins):
    rows = query(logins["service"], "select person_id from operational.ops_review_schedule")
    ids = scan.from_database(county["source"]).ids
    assert rows and {r[0] for r in rows} <= ids


def test_a_child_appears_in_the_marts_as_a_keyed_hmac_pseudonym(county):
    key = (os.environ.get("IRO_PSEUDONYM_KEY") or TEST_PSEUDONYM_KEY).encode()
    person_columns = [
        (t.name, c) for t in spec.TABLES for c in t.column_names if c.endswith("person_id")
    ]
    ids: set[str] = set()
    for table, column in person_columns:
        ids |= {
            r[0]
            for r in _rows(
                county["warehouse"],
                sql.SQL("select distinct {} from {} where {} is not null").format(
                    sql.Identifier(column), sql.Identifier("raw", table), sql.Identifier(column)
                ),
            )
        }
    pseudonyms = {hmac.new(key, i.encode(), hashlib.sha256).hexdigest() for i in ids}
    keys = {r[0] for r in query(county["warehouse"], "select child_key from marts.dim_children")}
    assert keys and keys <= pseudonyms


def test_no_name_id_or_date_of_birth_reaches_what_bi_reads(county, logins):
    relations = _expected(_relations(county["warehouse"]), service=False)
    columns = query(
        county["warehouse"],
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ('marts', 'reporting')",
    )
    for schema, table, column in columns:
        if (schema, table) in relations:
            personal = any(w in column for w in ("dob", "birth", "name", "person_id"))
            assert not personal or column == "bank_holiday_name", f"{schema}.{table}.{column}"
    texts = {}
    for schema, name in sorted(relations):
        rel = sql.Identifier(schema, name)
        rows = _rows(logins["bi"], sql.SQL("select t::text from {} as t").format(rel))
        texts[f"{schema}.{name}"] = "\n".join(r[0] for r in rows)
    found = scan.find(scan.from_database(county["source"]), texts)
    # dates of birth are not scanned here: event dates may fall on a birthday
    assert [f for f in found if "date of birth" not in f] == []


def test_published_files_and_airflow_home_hold_no_personal_data(county):
    home = county["env"]["AIRFLOW_HOME"]
    files = [p for p in county["output"].rglob("*") if p.is_file()]
    files += [
        p for p in Path(home).rglob("*") if p.is_file() and p.suffix not in (".db", ".msgpack")
    ]
    assert files
    found = scan.find(scan.from_database(county["source"], ADVANCED), {}, files)
    assert found == []

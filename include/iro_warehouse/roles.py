"""Who may read what in the warehouse: three roles, granted per schema.

* ``iro_loader`` owns and writes every schema (``raw``, ``staging``,
  ``intermediate``, ``marts``, ``reporting``, ``data_quality``, ``operational``).
  In a deployment the warehouse login (``WAREHOUSE_URL``) is this role, or a
  member of it; on the private server the superuser ``iro`` stands in for it.
* ``bi_reader`` reads the BI marts (``marts.*``: pseudonymised, no names, ids or
  dates of birth) and ``reporting.panel_figures_public``, nothing else.
* ``iro_service`` reads what ``bi_reader`` reads (it is a member) and the
  restricted ``operational`` schema: the worklists an IRO manager acts on, with
  the case-system person id for look-up.

The roles are NOLOGIN group roles: people and tools log in as their own roles
and are granted one of these (``grant bi_reader to alice``). Role names can be
changed with ``IRO_LOADER_ROLE``, ``IRO_BI_ROLE`` and ``IRO_SERVICE_ROLE``.

:func:`setup_access` is idempotent and safe to run at the same time from several
sessions, on one database or on several databases of one cluster (roles are
cluster-wide; grants are per database). The nightly DAG runs it before each
extract and again before publishing (dbt recreates ``panel_figures_public``
each run; tables dbt creates in ``marts`` and ``operational`` get their grants
at once through default privileges). ``iro grant`` runs it by hand.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass

import psycopg2
from psycopg2 import errors, sql

from iro_warehouse.config import redact

log = logging.getLogger(__name__)

#: every schema of the warehouse, owned by the loader role
SCHEMAS = ("raw", "staging", "intermediate", "marts", "reporting", "data_quality", "operational")
#: schemas no reader role may use
RESTRICTED = ("raw", "staging", "intermediate", "data_quality", "operational")
#: schemas whose every table is for BI
BI_SCHEMAS = ("marts",)
#: single relations outside those schemas that BI may read
BI_RELATIONS = (("reporting", "panel_figures_public"),)
SERVICE_SCHEMAS = ("operational",)

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_RETRYABLE = (
    errors.UniqueViolation,
    errors.DuplicateObject,
    errors.InternalError_,  # "tuple concurrently updated" on a shared catalog
    errors.DeadlockDetected,
    errors.SerializationFailure,
)


@dataclass(frozen=True)
class RoleNames:
    loader: str = "iro_loader"
    bi_reader: str = "bi_reader"
    service: str = "iro_service"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> RoleNames:
        env = os.environ if env is None else env
        names = cls(
            loader=env.get("IRO_LOADER_ROLE") or cls.loader,
            bi_reader=env.get("IRO_BI_ROLE") or cls.bi_reader,
            service=env.get("IRO_SERVICE_ROLE") or cls.service,
        )
        for name in (names.loader, names.bi_reader, names.service):
            if not _NAME.match(name):
                raise ValueError(f"role name {name!r} must be a lower-case SQL identifier")
        return names


def _ensure_role(cur, name: str) -> None:
    cur.execute("select 1 from pg_roles where rolname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(sql.SQL("create role {} nologin").format(sql.Identifier(name)))
        log.info("created role %s", name)


def _ensure_member(cur, group: str, member: str) -> None:
    cur.execute(
        "select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid "
        "join pg_roles r on r.oid = m.member where g.rolname = %s and r.rolname = %s",
        (group, member),
    )
    if cur.fetchone() is None:
        cur.execute(sql.SQL("grant {} to {}").format(sql.Identifier(group), sql.Identifier(member)))


def ensure_pgcrypto(cur) -> None:
    """pgcrypto provides ``hmac()`` for the pseudonyms (macro ``pseudonymise``).

    It is a trusted extension (PostgreSQL 13+): the database owner, or a role
    with CREATE on the database, can create it; elsewhere a DBA runs
    ``create extension pgcrypto`` once in the warehouse database.
    """
    cur.execute("select 1 from pg_extension where extname = 'pgcrypto'")
    if cur.fetchone() is not None:
        return
    cur.execute("savepoint before_pgcrypto")
    try:
        cur.execute("create extension if not exists pgcrypto")
    except psycopg2.errors.InsufficientPrivilege:
        cur.execute("rollback to savepoint before_pgcrypto")
        raise RuntimeError(
            "the warehouse needs the pgcrypto extension for the pseudonyms and this login "
            "may not create it: a DBA must run `create extension pgcrypto` in the warehouse "
            "database (see README, section Access and privacy)"
        ) from None


def _cluster_roles(cur, names: RoleNames) -> None:
    for name in (names.loader, names.bi_reader, names.service):
        _ensure_role(cur, name)
    _ensure_member(cur, names.bi_reader, names.service)


def _database_grants(cur, names: RoleNames) -> None:
    ident = sql.Identifier
    cur.execute("select current_user, current_database()")
    me, dbname = cur.fetchone()
    owners = [names.loader] if me == names.loader else [names.loader, me]
    for reader in (names.bi_reader, names.service):
        cur.execute("select has_database_privilege(%s, %s, 'CONNECT')", (reader, dbname))
        if not cur.fetchone()[0]:
            cur.execute(
                sql.SQL("grant connect on database {} to {}").format(ident(dbname), ident(reader))
            )
    for schema in SCHEMAS:
        cur.execute(sql.SQL("create schema if not exists {}").format(ident(schema)))
        cur.execute(
            "select pg_get_userbyid(nspowner) from pg_namespace where nspname = %s", (schema,)
        )
        if cur.fetchone()[0] != names.loader:
            cur.execute(
                sql.SQL("alter schema {} owner to {}").format(ident(schema), ident(names.loader))
            )
        cur.execute(sql.SQL("revoke all on schema {} from public").format(ident(schema)))
    for schema in RESTRICTED:
        cur.execute(
            sql.SQL("revoke all on schema {} from {}, {}").format(
                ident(schema), ident(names.bi_reader), ident(names.service)
            )
        )
    # reporting: usage only; a reader sees only the relations granted one by one
    cur.execute(sql.SQL("grant usage on schema reporting to {}").format(ident(names.bi_reader)))
    for schema, reader in [
        *((s, names.bi_reader) for s in BI_SCHEMAS),
        *((s, names.service) for s in SERVICE_SCHEMAS),
    ]:
        cur.execute(sql.SQL("grant usage on schema {} to {}").format(ident(schema), ident(reader)))
        cur.execute(
            sql.SQL("grant select on all tables in schema {} to {}").format(
                ident(schema), ident(reader)
            )
        )
        for owner in owners:
            # tables dbt creates later are readable at once, without a window
            cur.execute(
                sql.SQL(
                    "alter default privileges for role {} in schema {} grant select on tables to {}"
                ).format(ident(owner), ident(schema), ident(reader))
            )
    for schema, name in BI_RELATIONS:
        cur.execute("select to_regclass(%s)", (f"{schema}.{name}",))
        if cur.fetchone()[0] is not None:
            cur.execute(
                sql.SQL("grant select on {} to {}").format(
                    ident(schema, name), ident(names.bi_reader)
                )
            )


def _attempt(url: str, names: RoleNames, step) -> None:
    for attempt in range(6):
        from iro_warehouse.extract import connect_with_retry

        conn = connect_with_retry(url, "warehouse", app="iro_setup_access")
        try:
            with conn, conn.cursor() as cur:
                step(cur, names)
            return
        except _RETRYABLE:
            if attempt == 5:
                raise
            time.sleep(0.2 * (attempt + 1))  # another session was setting up the same roles
        finally:
            conn.close()


def _pgcrypto_step(cur, names: RoleNames) -> None:
    ensure_pgcrypto(cur)


def setup_access(warehouse_url: str, names: RoleNames | None = None) -> RoleNames:
    """Create the roles (if missing) and grant them their schemas in this database."""
    names = names or RoleNames.from_env()
    _attempt(warehouse_url, names, _cluster_roles)
    _attempt(warehouse_url, names, _pgcrypto_step)
    _attempt(warehouse_url, names, _database_grants)
    if not os.environ.get("IRO_PSEUDONYM_KEY"):
        log.warning(
            "IRO_PSEUDONYM_KEY is not set: the BI marts use a development key; set a secret "
            "one in production (README, section Access and privacy)"
        )
    log.info(
        "access set up in %s: %s owns every schema; %s reads marts and "
        "reporting.panel_figures_public; %s also reads operational",
        redact(warehouse_url),
        names.loader,
        names.bi_reader,
        names.service,
    )
    return names

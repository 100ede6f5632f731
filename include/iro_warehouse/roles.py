"""Who may read what in the warehouse: three roles, granted per schema. Declared here, once.

* ``iro_loader`` owns and writes every schema (``raw``, ``staging``,
  ``intermediate``, ``marts``, ``reporting``, ``data_quality``, ``operational``).
  In a deployment the warehouse login (``WAREHOUSE_URL``) is this role, or a
  member of it; on the private server the superuser ``iro`` stands in for it.
* ``bi_reader`` reads the BI marts (``marts.*``: pseudonymised, no names, ids or
  dates of birth) and the public reporting views, nothing else.
* ``iro_service`` reads what ``bi_reader`` reads (it is a member) and the
  restricted ``operational`` schema: the worklists an IRO manager acts on, with
  the case-system person id for look-up.

Every table belongs to the loader role, not to the login that made it (dbt and
the publication records ``set role`` to it), so any member of ``iro_loader``
can run the nightly; :func:`setup_access` hands the loader anything an earlier
login made. pgcrypto and the pseudonym key live in the schema ``crypto``, which
no reader may use: a BI login can neither call ``hmac()`` nor read the key.
The key comes from the settings (``IRO_PSEUDONYM_KEY``) and is written to
``crypto.pseudonym_key`` here, so it never appears in dbt's SQL, files or logs.

:data:`ACCESS` is the whole declaration. Schema-wide reads are granted here,
with default privileges so tables dbt creates later are readable at once. The
few relations of ``reporting`` that BI may read (``panel_figures_public``,
``panel_breakdowns_public``)
are views dbt recreates on every build; dbt grants them in the same build
(its ``grants`` config, fed by the var ``bi_reader_roles`` that
:func:`iro_warehouse.dbtrun.dbt_vars` sets from :attr:`RoleNames.bi_reader`),
so BI tools are never refused in between.

The roles are NOLOGIN group roles: people and tools log in as their own roles
and are granted one of these (``grant bi_reader to alice``). Role names come
from the settings (``IRO_LOADER_ROLE``, ``IRO_BI_ROLE``, ``IRO_SERVICE_ROLE``).

:func:`setup_access` is idempotent and safe to run at the same time from several
sessions, on one database or on several databases of one cluster (roles are
cluster-wide; grants are per database). The nightly DAG runs it before each
extract; ``iro grant`` runs it by hand.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from psycopg2 import errors, sql
from psycopg2.extensions import cursor as Cursor
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_incrementing

from iro_warehouse import warehouse
from iro_warehouse.config import RoleNames, Settings, redact
from iro_warehouse.warehouse import CRYPTO_SCHEMA

log = logging.getLogger(__name__)

#: every schema of the warehouse, owned by the loader role
SCHEMAS = (
    "raw",
    "staging",
    "intermediate",
    "marts",
    "reporting",
    "data_quality",
    "operational",
    CRYPTO_SCHEMA,
)

#: The access declaration: schema -> (reader role attribute of RoleNames, what it may do).
#: "tables": every table and view of the schema, now and later;
#: "usage": the schema only, the relations granted one by one by dbt (var bi_reader_roles).
#: Schemas not listed are the loader's alone.
ACCESS: dict[str, tuple[tuple[str, str], ...]] = {
    "marts": (("bi_reader", "tables"),),
    "reporting": (("bi_reader", "usage"),),
    "operational": (("service", "tables"),),
}

#: errors of two sessions creating the same roles or grants at once: try again
_RACES = (
    errors.UniqueViolation,
    errors.DuplicateObject,
    errors.InternalError_,  # "tuple concurrently updated" on a shared catalog
    errors.DeadlockDetected,
    errors.SerializationFailure,
)


def _ensure_role(cur: Cursor, name: str) -> None:
    cur.execute("select 1 from pg_roles where rolname = %s", (name,))
    if cur.fetchone() is None:
        cur.execute(sql.SQL("create role {} nologin").format(sql.Identifier(name)))
        log.info("created role %s", name)


def _ensure_member(cur: Cursor, group: str, member: str) -> None:
    cur.execute(
        "select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid "
        "join pg_roles r on r.oid = m.member where g.rolname = %s and r.rolname = %s",
        (group, member),
    )
    if cur.fetchone() is None:
        cur.execute(sql.SQL("grant {} to {}").format(sql.Identifier(group), sql.Identifier(member)))


def _cluster_roles(cur: Cursor, settings: Settings) -> None:
    names = settings.roles
    for name in (names.loader, names.bi_reader, names.service):
        _ensure_role(cur, name)
    _ensure_member(cur, names.bi_reader, names.service)


def _pgcrypto_and_key(cur: Cursor, settings: Settings) -> None:
    """pgcrypto in ``crypto``, its functions for the loader only, and the pseudonym key."""
    ident, loader = sql.Identifier, settings.roles.loader
    warehouse.ensure_pgcrypto(cur)
    cur.execute(sql.SQL("revoke all on schema {} from public").format(ident(CRYPTO_SCHEMA)))
    cur.execute(
        sql.SQL("revoke execute on all functions in schema {} from public").format(
            ident(CRYPTO_SCHEMA)
        )
    )
    cur.execute(
        sql.SQL("grant usage on schema {} to {}").format(ident(CRYPTO_SCHEMA), ident(loader))
    )
    cur.execute(
        sql.SQL("grant execute on all functions in schema {} to {}").format(
            ident(CRYPTO_SCHEMA), ident(loader)
        )
    )
    key = settings.require_pseudonym_key()
    cur.execute(
        "create table if not exists crypto.pseudonym_key ("
        " key text not null,"
        " is_the_key boolean primary key default true check (is_the_key))"
    )
    cur.execute(
        "insert into crypto.pseudonym_key (key) values (%s) on conflict (is_the_key) "
        "do update set key = excluded.key where pseudonym_key.key <> excluded.key",
        (key,),
    )


def _hand_to_loader(cur: Cursor, loader: str) -> None:
    """Tables and views an earlier login made in our schemas go to the loader.

    (A table's own sequences follow it; they cannot be handed over alone.)"""
    cur.execute(
        "select n.nspname, c.relname, c.relkind from pg_class as c "
        "join pg_namespace as n on n.oid = c.relnamespace "
        "where n.nspname = any(%s) and c.relkind in ('r', 'v', 'm', 'p') "
        "and pg_get_userbyid(c.relowner) <> %s "
        "and (pg_has_role(c.relowner, 'USAGE') or "
        "     (select rolsuper from pg_roles where rolname = current_user))",
        (list(SCHEMAS), loader),
    )
    kind = {"r": "table", "p": "table", "v": "view", "m": "materialized view"}
    for schema, name, relkind in cur.fetchall():
        cur.execute(
            sql.SQL("alter {} {} owner to {}").format(
                sql.SQL(kind[relkind]), sql.Identifier(schema, name), sql.Identifier(loader)
            )
        )


def _database_grants(cur: Cursor, settings: Settings) -> None:
    names = settings.roles
    ident = sql.Identifier
    cur.execute("select current_user, current_database()")
    me, dbname = cur.fetchone()
    owners = [names.loader] if me == names.loader else [names.loader, me]
    # the loader makes schemas (dbt's builds as known at an earlier day) and temporary tables
    cur.execute(
        sql.SQL("grant connect, create, temporary on database {} to {}").format(
            ident(dbname), ident(names.loader)
        )
    )
    readers = {getattr(names, role) for grants in ACCESS.values() for role, _ in grants}
    for reader in sorted(readers):
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
        allowed = {getattr(names, role) for role, _ in ACCESS.get(schema, ())}
        for reader in sorted(readers - allowed):
            cur.execute(
                sql.SQL("revoke all on schema {} from {}").format(ident(schema), ident(reader))
            )
    _hand_to_loader(cur, names.loader)
    for schema, grants in ACCESS.items():
        for role, scope in grants:
            reader = getattr(names, role)
            cur.execute(
                sql.SQL("grant usage on schema {} to {}").format(ident(schema), ident(reader))
            )
            if scope != "tables":
                continue
            cur.execute(
                sql.SQL("grant select on all tables in schema {} to {}").format(
                    ident(schema), ident(reader)
                )
            )
            for owner in owners:
                # tables dbt creates later are readable at once, without a window
                cur.execute(
                    sql.SQL(
                        "alter default privileges for role {} in schema {} "
                        "grant select on tables to {}"
                    ).format(ident(owner), ident(schema), ident(reader))
                )


def _step(settings: Settings, step: Callable[[Cursor, Settings], None]) -> None:
    """One step in its own transaction, run again when another session raced it."""
    for attempt in Retrying(
        retry=retry_if_exception_type(_RACES),
        stop=stop_after_attempt(6),
        wait=wait_incrementing(start=0.2, increment=0.2),
        reraise=True,
    ):
        with (
            attempt,
            warehouse.transaction(
                settings.warehouse_url, app="iro_setup_access", retry=settings.retry
            ) as cur,
        ):
            step(cur, settings)


def setup_access(settings: Settings) -> RoleNames:
    """Create the roles (if missing) and grant them their schemas in this database."""
    for step in (_cluster_roles, _pgcrypto_and_key, _database_grants):
        _step(settings, step)
    names = settings.roles
    log.info(
        "access set up in %s: %s owns every schema; %s reads marts and the public "
        "reporting views; %s also reads operational",
        redact(settings.warehouse_url),
        names.loader,
        names.bi_reader,
        names.service,
    )
    return names

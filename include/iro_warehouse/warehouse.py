"""The ground floor: every connection to a PostgreSQL database goes through here.

* :func:`connect` opens a connection (retrying a server that does not answer
  yet, with tenacity) and always closes it; :func:`transaction` adds one
  transaction and a cursor; :func:`query` and :func:`execute` are the
  one-statement shorthands.
* :func:`is_transient` tells a dropped connection (worth another try) from an
  error of the statement itself (never retried: running it again gives the
  same error).
* The schema names of a build (:func:`schema`) and what the warehouse holds
  (:class:`Build`, :func:`read_build`, :func:`latest_extract`).
* The database-level prerequisites: :func:`ensure_pgcrypto`, the advisory
  lock keys.

Nothing above this module calls ``psycopg2.connect`` itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import psycopg2
import psycopg2.extras
import psycopg2.sql
from psycopg2.extensions import connection as Connection
from psycopg2.extensions import cursor as Cursor
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from iro_warehouse.config import RetryPolicy, redact

log = logging.getLogger(__name__)

T = TypeVar("T")

#: pg_advisory_xact_lock keys: one extract at a time; one publication bookkeeping at a time.
EXTRACT_LOCK_KEY = 0x1A0_0001
PUBLICATION_LOCK_KEY = 0x1A0_0002

#: SQLSTATE classes and codes of a connection that went away (the statement was fine).
_TRANSIENT_STATES = ("08", "57P01", "57P02", "57P03", "53300")


def is_transient(exc: BaseException) -> bool:
    """True for a dropped or refused connection; False for an error of the statement.

    ``psycopg2.OperationalError`` covers both (a 50,000-character key's
    ``ProgramLimitExceeded`` is one), so the SQLSTATE decides: connection
    exceptions (class 08), an administrator's or crash shutdown (57P0x), too
    many connections (53300), or no SQLSTATE at all (the client lost the
    server) are transient.
    """
    if isinstance(exc, psycopg2.InterfaceError):
        return True
    if not isinstance(exc, psycopg2.OperationalError):
        return False
    code = getattr(exc, "pgcode", None)
    return code is None or code.startswith(_TRANSIENT_STATES)


def first_line(exc: BaseException) -> str:
    """The first line of an error: never PostgreSQL's ``DETAIL``/``CONTEXT`` (they quote rows)."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = (primary or str(exc)).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def retrying(policy: RetryPolicy, what: str) -> Retrying:
    """A tenacity loop that retries transient errors with exponential backoff."""

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "%s: %s; trying again in %.0fs (attempt %d of %d)",
            what,
            first_line(exc) if exc else "no answer",
            state.next_action.sleep if state.next_action else 0,
            state.attempt_number + 1,
            policy.attempts,
        )

    return Retrying(
        retry=retry_if_exception(is_transient),
        stop=stop_after_attempt(policy.attempts),
        wait=wait_exponential(multiplier=policy.base_seconds, max=60),
        before_sleep=before_sleep,
        reraise=True,
    )


def call_with_retry(fn: Callable[[], T], policy: RetryPolicy, what: str) -> T:
    """``fn()``, run again from the start after a transient error."""
    for attempt in retrying(policy, what):
        with attempt:
            return fn()
    raise AssertionError("unreachable")  # pragma: no cover (reraise=True)


class Unreachable(ConnectionError):
    """The server did not answer, or refused the login, after every attempt."""


def _open(url: str, app: str, policy: RetryPolicy) -> Connection:
    try:
        return call_with_retry(
            lambda: psycopg2.connect(url, connect_timeout=10, application_name=app),
            policy,
            f"connecting to {redact(url)}",
        )
    except psycopg2.OperationalError as exc:
        raise Unreachable(f"{redact(url)}: {first_line(exc)}") from None


@contextmanager
def connect(
    url: str,
    *,
    app: str = "iro_warehouse",
    retry: RetryPolicy | None = None,
    autocommit: bool = False,
    role: str | None = None,
) -> Iterator[Connection]:
    """An open connection, closed when the block ends (whatever happens).

    The session is named ``app`` (``application_name``) so an operator can
    find it in ``pg_stat_activity``; with ``role`` it acts as that role
    (``set role``), so what it creates belongs to the role, not the login.
    """
    conn = _open(url, app, retry or RetryPolicy())
    try:
        conn.autocommit = autocommit
        if role:
            with conn.cursor() as cur:
                cur.execute(psycopg2.sql.SQL("set role {}").format(psycopg2.sql.Identifier(role)))
            if not autocommit:
                conn.commit()
        yield conn
    finally:
        conn.close()


@contextmanager
def transaction(
    url: str,
    *,
    app: str = "iro_warehouse",
    retry: RetryPolicy | None = None,
    dicts: bool = False,
    role: str | None = None,
) -> Iterator[Cursor]:
    """A cursor in one transaction: committed when the block ends, rolled back on an error."""
    factory = psycopg2.extras.RealDictCursor if dicts else None
    with (
        connect(url, app=app, retry=retry, role=role) as conn,
        conn,
        conn.cursor(cursor_factory=factory) as cur,
    ):
        yield cur


def query(url: str, sql: Any, params: Any = None, *, dicts: bool = False) -> list[Any]:
    """The rows of one statement (a read)."""
    with transaction(url, dicts=dicts) as cur:
        cur.execute(sql, params)
        return cur.fetchall() if cur.description else []


def execute(url: str, sql: Any, params: Any = None) -> None:
    """Run one statement (or a ``;``-separated script) in its own transaction."""
    with transaction(url) as cur:
        cur.execute(sql, params)


def advisory_xact_lock(cur: Cursor, key: int) -> None:
    """Wait for the transaction-scoped advisory lock ``key``."""
    cur.execute("select pg_advisory_xact_lock(%s)", (key,))


#: The schema of pgcrypto and the pseudonym key: the loader's alone (no PUBLIC usage), so
#: a BI login can neither call ``hmac()`` nor read the key.
CRYPTO_SCHEMA = "crypto"


def ensure_pgcrypto(cur: Cursor) -> None:
    """pgcrypto, in the private schema ``crypto``, for the pseudonyms (macro ``pseudonymise``).

    It is a trusted extension (PostgreSQL 13+): the database owner, or a role
    with CREATE on the database, can create it; an extension made earlier in
    another schema is moved here. Elsewhere a DBA runs ``create schema crypto;
    create extension pgcrypto schema crypto`` once in the warehouse database.
    """
    cur.execute(f"create schema if not exists {CRYPTO_SCHEMA}")
    cur.execute(
        "select n.nspname from pg_extension as e join pg_namespace as n "
        "on n.oid = e.extnamespace where e.extname = 'pgcrypto'"
    )
    row = cur.fetchone()
    if row is not None and row[0] == CRYPTO_SCHEMA:
        return
    cur.execute("savepoint before_pgcrypto")
    try:
        if row is None:
            cur.execute(f"create extension pgcrypto schema {CRYPTO_SCHEMA}")
        else:
            cur.execute(f"alter extension pgcrypto set schema {CRYPTO_SCHEMA}")
    except psycopg2.errors.InsufficientPrivilege:
        cur.execute("rollback to savepoint before_pgcrypto")
        raise RuntimeError(
            "the warehouse needs the pgcrypto extension in schema crypto for the pseudonyms "
            "and this login may not create or move it: a DBA must run `create schema if not "
            "exists crypto; create extension pgcrypto schema crypto` (or `alter extension "
            "pgcrypto set schema crypto`) in the warehouse database (README, Access and privacy)"
        ) from None


# ---------------------------------------------------------------------------
# Schemas and builds
# ---------------------------------------------------------------------------

_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,40}")


def schema(name: str, prefix: str = "") -> str:
    """The schema ``name`` of a build (``asof_20170405_reporting`` with a prefix)."""
    if prefix and not _PREFIX.fullmatch(prefix):
        raise ValueError(f"{prefix!r} is not a schema prefix (lowercase letters, digits, _)")
    return f"{prefix}_{name}" if prefix else name


@dataclass(frozen=True)
class Build:
    """A build of the warehouse's marts: the live one, or one as known at an earlier day."""

    extract_date: date
    as_known_at: date
    schema_prefix: str = ""

    @property
    def is_live(self) -> bool:
        return not self.schema_prefix

    def schema(self, name: str) -> str:
        return schema(name, self.schema_prefix)


def read_build(url: str, prefix: str = "") -> Build | None:
    """The build held in the (prefixed) schemas (``reporting.panel_figures_build``), or None."""
    reporting = schema("reporting", prefix)
    with transaction(url) as cur:
        cur.execute("select to_regclass(%s)", (f"{reporting}.panel_figures_build",))
        if cur.fetchone()[0] is None:
            return None
        cur.execute(f"select extract_date, as_known_at from {reporting}.panel_figures_build")
        row = cur.fetchone()
    if not row or row[0] is None:
        return None
    return Build(extract_date=row[0], as_known_at=row[1], schema_prefix=prefix)


def live_build(url: str) -> Build:
    """The live build, or a clear error when the nightly has never run."""
    build = read_build(url)
    if build is None:
        raise ValueError(
            "the warehouse holds no build of reporting.panel_figures yet: "
            "run the nightly first (iro run --date YYYY-MM-DD)"
        )
    return build


def latest_extract(url: str) -> date | None:
    """The date of the latest extract loaded into raw, or None before the first."""
    with transaction(url) as cur:
        cur.execute("select to_regclass('raw.extracts')")
        if cur.fetchone()[0] is None:
            return None
        cur.execute("select max(extract_date) from raw.extracts")
        return cur.fetchone()[0]


def drop_schemas(url: str, prefix: str) -> list[str]:
    """Drop every schema of the build with ``prefix``; the names dropped."""
    schema("x", prefix)  # validates the prefix
    with transaction(url) as cur:
        cur.execute(
            "select nspname from pg_namespace where nspname like %s order by 1",
            (prefix.replace("_", r"\_") + r"\_%",),
        )
        names = [name for (name,) in cur.fetchall()]
        for name in names:
            cur.execute(f'drop schema if exists "{name}" cascade')
    return names


# ---------------------------------------------------------------------------
# Servers and databases
# ---------------------------------------------------------------------------


def answers(url: str) -> bool:
    """True when a server answers at ``url`` and accepts the login (one quick try)."""
    try:
        psycopg2.connect(url, connect_timeout=2, application_name="iro_ping").close()
    except psycopg2.OperationalError:
        return False
    return True


def relation_exists(url: str, schema_name: str, name: str) -> bool:
    """True when ``schema_name.name`` is a table or view the login can see."""
    rows = query(
        url,
        "select 1 from information_schema.tables where table_schema = %s and table_name = %s",
        (schema_name, name),
    )
    return bool(rows)


def ensure_database(server_url: str, dbname: str) -> None:
    """Create ``dbname`` on the server of ``server_url`` if it does not exist."""
    with connect(server_url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("select 1 from pg_database where datname = %s", (dbname,))
        if cur.fetchone() is None:
            cur.execute(f'create database "{dbname}"')

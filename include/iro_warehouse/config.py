"""Settings, read from the environment once and validated there (documented in the README).

Nothing here touches a database: it only says where things are and how the
pipeline behaves. Every other module takes a :class:`Settings`; none reads the
environment itself.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from psycopg2.extensions import parse_dsn

from iro_warehouse import profile as source_profile
from iro_warehouse.profile import Profile

#: The private PostgreSQL server the project starts when ``WAREHOUSE_URL`` is unset.
DEFAULT_PRIVATE_PG_PORT = 55432
PRIVATE_PG_USER = "iro"
#: First month of the published figures unless ``IRO_REPORTING_START`` says otherwise.
DEFAULT_REPORTING_START = date(2010, 4, 1)


def project_dir() -> Path:
    """The repository root (``IRO_PROJECT_DIR`` overrides, e.g. in a container)."""
    env = os.environ.get("IRO_PROJECT_DIR")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def dbt_project_dir() -> Path:
    return project_dir() / "dbt_project"


def state_dir() -> Path:
    """Ignored folder for the private database, the Airflow home and demo data."""
    return Path(os.environ.get("IRO_STATE_DIR", project_dir() / ".local")).resolve()


def private_pg_port(env: Mapping[str, str] | None = None, state: Path | None = None) -> int:
    """``IRO_PG_PORT``, else the port the private server recorded when it started, else 55432."""
    env = os.environ if env is None else env
    recorded = (state or state_dir() / "pg") / "port"
    default = DEFAULT_PRIVATE_PG_PORT
    if recorded.is_file():
        text = recorded.read_text().strip()
        default = int(text) if text.isdigit() else default
    return _int(env, "IRO_PG_PORT", default, low=1, high=65535)


def private_pg_url(dbname: str, env: Mapping[str, str] | None = None) -> str:
    return f"postgresql://{PRIVATE_PG_USER}@127.0.0.1:{private_pg_port(env)}/{dbname}"


# ---------------------------------------------------------------------------
# URLs: one normal form, and never a password in a log line
# ---------------------------------------------------------------------------

_DRIVER = re.compile(r"^(postgres(?:ql)?)(\+[a-z0-9_]+)?://", re.IGNORECASE)
_USERINFO = re.compile(r"(?P<head>[a-z][a-z0-9+.\-]*://[^:/@\s]*):[^@\s/]*@", re.IGNORECASE)
_QUERY_SECRET = re.compile(
    r"(?P<head>[?&](?:password|passwd|pwd|sslpassword|passfile)=)[^&#\s]*", re.IGNORECASE
)
_KEYWORD_SECRET = re.compile(
    r"(?P<head>(?<![?&])\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE
)


def normalise_url(url: str) -> str:
    """``postgres://`` and driver-prefixed URLs (``postgresql+psycopg2://``) as ``postgresql://``."""
    return _DRIVER.sub("postgresql://", url.strip(), count=1)


def redact(text: str) -> str:
    """Text fit for a log line: every form of a password in a URL or DSN replaced by ``***``.

    Covers ``scheme://user:secret@host``, ``?password=secret`` (and ``&``),
    driver-prefixed URLs, and libpq keyword strings (``password=secret``).
    """
    text = _USERINFO.sub(r"\g<head>:***@", text)
    text = _QUERY_SECRET.sub(r"\g<head>***", text)
    return _KEYWORD_SECRET.sub(r"\g<head>***", text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts passwords from every message it passes."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


@dataclass(frozen=True)
class PgParts:
    """A PostgreSQL URL split into the pieces dbt and psycopg2 want."""

    host: str
    port: int
    user: str
    password: str
    dbname: str

    @classmethod
    def from_url(cls, url: str) -> PgParts:
        normal = normalise_url(url)
        if not normal.lower().startswith("postgresql://"):
            scheme = urlsplit(url).scheme or "missing"
            raise ValueError(
                f"expected a postgresql:// URL (scheme was {scheme!r}); "
                "see README, section Configuration"
            )
        try:
            parts = parse_dsn(normal)
        except Exception:
            raise ValueError(f"{redact(url)} is not a PostgreSQL URL") from None
        return cls(
            host=parts.get("host") or "127.0.0.1",
            port=int(parts.get("port") or 5432),
            user=parts.get("user") or "postgres",
            password=parts.get("password") or "",
            dbname=parts.get("dbname") or "postgres",
        )


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass(frozen=True)
class RetryPolicy:
    """How often a dropped connection is tried again, with exponential backoff."""

    attempts: int = 3
    base_seconds: float = 2.0


@dataclass(frozen=True)
class RoleNames:
    """The warehouse's three group roles (README, section Access and privacy)."""

    loader: str = "iro_loader"
    bi_reader: str = "bi_reader"
    service: str = "iro_service"


def _default_profile() -> Profile:
    return source_profile.load(source_profile.DEFAULT)


@dataclass(frozen=True)
class Source:
    """Where the case system lives (a PostgreSQL schema or a CSV folder), and its profile."""

    url: str | None = None
    schema: str = "public"
    csv_dir: Path | None = None
    #: how its extract script differs from the contract (``CASE_SYSTEM_PROFILE``)
    profile: Profile = field(default_factory=_default_profile)

    @property
    def kind(self) -> str:
        return "csv" if self.csv_dir is not None else "postgres"

    def describe(self) -> str:
        if self.csv_dir is not None:
            return f"CSV folder {self.csv_dir}"
        return f"PostgreSQL {redact(self.url or '')} schema {self.schema}"


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline reads from the environment, validated."""

    source: Source
    warehouse_url: str
    output_dir: Path
    #: the service's commentary, one Markdown file per period (``<type>/<label>.md``)
    commentary_dir: Path = field(default_factory=lambda: project_dir() / "commentary")
    reporting_start: date = DEFAULT_REPORTING_START
    iro_role_codes: tuple[str, ...] = ("IRO",)
    uses_private_pg: bool = False
    roles: RoleNames = field(default_factory=RoleNames)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    #: first retry delay of the DAG tasks (exponential backoff after it)
    task_retry_delay_seconds: int = 120
    #: the publication gate: the share of a table's rows left out that stops publication
    publication_gate_share: float = 0.5
    #: the secret of the pseudonyms in the BI marts (``IRO_PSEUDONYM_KEY``); never logged
    pseudonym_key: str | None = field(default=None, repr=False)
    #: in a region (``IRO_AUTHORITIES_FILE``): the regional warehouse, whose benchmark's
    #: medians an authority's report shows beside its figures
    regional_benchmark_url: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        warehouse_url = normalise_url(env.get("WAREHOUSE_URL") or "")
        uses_private = not warehouse_url
        if uses_private:
            warehouse_url = private_pg_url("iro_warehouse", env)
        csv_dir = env.get("CASE_SYSTEM_CSV_DIR") or None
        source_url = normalise_url(env.get("CASE_SYSTEM_URL") or "") or None
        if csv_dir and source_url:
            raise ValueError("set CASE_SYSTEM_URL or CASE_SYSTEM_CSV_DIR, not both")
        if not csv_dir and not source_url:
            # the embedded default: the synthetic case system in the private server
            source_url = (
                private_pg_url("case_system", env)
                if uses_private
                else _sibling_database(warehouse_url, "case_system")
            )
        source = Source(
            url=source_url,
            schema=env.get("CASE_SYSTEM_SCHEMA") or "public",
            csv_dir=Path(csv_dir).resolve() if csv_dir else None,
            profile=source_profile.load(env.get("CASE_SYSTEM_PROFILE") or None),
        )
        return cls(
            source=source,
            warehouse_url=warehouse_url,
            output_dir=Path(env.get("IRO_OUTPUT_DIR") or project_dir() / "output").resolve(),
            commentary_dir=_folder(env, "IRO_COMMENTARY_DIR", project_dir() / "commentary"),
            reporting_start=_date(env, "IRO_REPORTING_START", DEFAULT_REPORTING_START),
            iro_role_codes=_codes(env.get("IRO_ROLE_CODES") or "IRO"),
            uses_private_pg=uses_private,
            roles=RoleNames(
                loader=_role(env, "IRO_LOADER_ROLE", RoleNames.loader),
                bi_reader=_role(env, "IRO_BI_ROLE", RoleNames.bi_reader),
                service=_role(env, "IRO_SERVICE_ROLE", RoleNames.service),
            ),
            retry=RetryPolicy(
                attempts=_int(env, "IRO_CONNECT_ATTEMPTS", 3, low=1, high=20),
                base_seconds=_float(env, "IRO_CONNECT_RETRY_SECONDS", 2.0, low=0, high=300),
            ),
            task_retry_delay_seconds=_int(env, "IRO_RETRY_DELAY_SECONDS", 120, low=0, high=86400),
            publication_gate_share=_float(
                env, "IRO_PUBLICATION_GATE_SHARE", 0.5, low=0.01, high=1.0
            ),
            pseudonym_key=_pseudonym_key(env),
        )

    def require_pseudonym_key(self) -> str:
        """The pseudonym key, or a clear refusal: the BI marts are never built without one."""
        if not self.pseudonym_key:
            raise ValueError(
                "IRO_PSEUDONYM_KEY is not set: the pseudonymised marts are not built without "
                "a secret key (set it in the environment of the Airflow workers; the demo and "
                "the tests make their own). README, section Access and privacy"
            )
        return self.pseudonym_key

    def with_connections(self, warehouse_url: str | None, source_url: str | None) -> Settings:
        """These settings with the warehouse and source URLs of Airflow connections, when given."""
        source = self.source
        if source.csv_dir is None and source_url:
            source = replace(source, url=normalise_url(source_url))
        return replace(
            self,
            source=source,
            warehouse_url=normalise_url(warehouse_url) if warehouse_url else self.warehouse_url,
        )


def _folder(env: Mapping[str, str], name: str, default: Path) -> Path:
    text = (env.get(name) or "").strip()
    path = Path(text).expanduser().resolve() if text else default.resolve()
    if path.exists() and not path.is_dir():
        raise ValueError(f"{name}={text!r} is not a folder")
    return path


def _date(env: Mapping[str, str], name: str, default: date) -> date:
    text = env.get(name)
    if not text:
        return default
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a YYYY-MM-DD date") from None


def _int(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    text = env.get(name)
    if not text:
        return default
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a whole number") from None
    if not low <= value <= high:
        raise ValueError(f"{name}={value} is outside {low}..{high}")
    return value


def _float(env: Mapping[str, str], name: str, default: float, *, low: float, high: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{name}={text!r} is not a number") from None
    if not low <= value <= high:
        raise ValueError(f"{name}={value} is outside {low}..{high}")
    return value


def _pseudonym_key(env: Mapping[str, str]) -> str | None:
    key = env.get("IRO_PSEUDONYM_KEY") or None
    if key is not None and len(key) < 16:
        raise ValueError("IRO_PSEUDONYM_KEY is too short: use at least 16 random characters")
    return key


def demo_pseudonym_key() -> str:
    """The private server's own random pseudonym key (``.local/pseudonym.key``, owner-only).

    Made once for the demo and the tests, never used where ``WAREHOUSE_URL`` is set.
    """
    path = state_dir() / "pseudonym.key"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
    path.chmod(0o600)
    return path.read_text().strip()


def _role(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name) or default
    if not _ROLE_NAME.match(value):
        raise ValueError(f"{name}={value!r} must be a lower-case SQL identifier")
    return value


def _codes(text: str) -> tuple[str, ...]:
    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    if not codes:
        raise ValueError("IRO_ROLE_CODES names no role code")
    return codes


def _sibling_database(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path=f"/{dbname}").geturl()

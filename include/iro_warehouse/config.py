"""Settings, read from the environment (documented in the README).

Nothing here touches a database: it only says where things are.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The private PostgreSQL server the project starts when ``WAREHOUSE_URL`` is unset.
DEFAULT_PRIVATE_PG_PORT = 55432
PRIVATE_PG_USER = "iro"


def project_dir() -> Path:
    """The repository root (``IRO_PROJECT_DIR`` overrides, e.g. in a container)."""
    env = os.environ.get("IRO_PROJECT_DIR")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def state_dir() -> Path:
    """Ignored folder for the private database, the Airflow home and demo data."""
    return Path(os.environ.get("IRO_STATE_DIR", project_dir() / ".local")).resolve()


def private_pg_port(env: dict[str, str] | None = None) -> int:
    env = os.environ if env is None else env
    return int(env.get("IRO_PG_PORT") or DEFAULT_PRIVATE_PG_PORT)


def private_pg_url(dbname: str, env: dict[str, str] | None = None) -> str:
    return f"postgresql://{PRIVATE_PG_USER}@127.0.0.1:{private_pg_port(env)}/{dbname}"


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
        parts = urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValueError(
                "expected a postgresql:// URL (scheme was "
                f"{parts.scheme or 'missing'!r}); see README, section Configuration"
            )
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=unquote(parts.username or "postgres"),
            password=unquote(parts.password or ""),
            dbname=(parts.path or "/").lstrip("/") or "postgres",
        )


def redact(url: str) -> str:
    """A URL fit for a log line: the password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()


@dataclass(frozen=True)
class Source:
    """Where the case system lives: a PostgreSQL schema or a CSV folder."""

    url: str | None = None
    schema: str = "public"
    csv_dir: Path | None = None

    @property
    def kind(self) -> str:
        return "csv" if self.csv_dir is not None else "postgres"

    def describe(self) -> str:
        if self.csv_dir is not None:
            return f"CSV folder {self.csv_dir}"
        return f"PostgreSQL {redact(self.url or '')} schema {self.schema}"


@dataclass(frozen=True)
class Settings:
    """Everything the pipeline reads from the environment."""

    source: Source
    warehouse_url: str
    output_dir: Path
    reporting_start: date = date(2010, 4, 1)
    iro_role_codes: tuple[str, ...] = ("IRO",)
    uses_private_pg: bool = False

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        warehouse_url = env.get("WAREHOUSE_URL") or ""
        uses_private = not warehouse_url
        if uses_private:
            warehouse_url = private_pg_url("iro_warehouse", env)
        csv_dir = env.get("CASE_SYSTEM_CSV_DIR") or None
        source_url = env.get("CASE_SYSTEM_URL") or None
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
        )
        start = env.get("IRO_REPORTING_START") or "2010-04-01"
        try:
            reporting_start = date.fromisoformat(start)
        except ValueError:
            raise ValueError(f"IRO_REPORTING_START={start!r} is not a YYYY-MM-DD date") from None
        codes = iro_role_codes(env)
        output = Path(env.get("IRO_OUTPUT_DIR") or project_dir() / "output").resolve()
        return cls(
            source=source,
            warehouse_url=warehouse_url,
            output_dir=output,
            reporting_start=reporting_start,
            iro_role_codes=codes,
            uses_private_pg=uses_private,
        )


def iro_role_codes(env: dict[str, str] | None = None) -> tuple[str, ...]:
    """The involvement role codes that mark an IRO (``IRO_ROLE_CODES``, comma-separated)."""
    raw = (os.environ if env is None else env).get("IRO_ROLE_CODES") or "IRO"
    return tuple(c.strip() for c in raw.split(",") if c.strip())


def _sibling_database(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return parts._replace(path=f"/{dbname}").geturl()

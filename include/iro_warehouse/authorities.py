"""A region's authorities, read from ``IRO_AUTHORITIES_FILE`` once and validated there.

One deployment serves several councils (README, section A region). The file
lists each authority's DfE local authority code, its name, its source and its
warehouse; every other setting comes from the environment as for one council::

    region:
      name: North East
      warehouse: postgresql://iro@db:5432/iro_region    # default: iro_region beside WAREHOUSE_URL
      output: /data/output/region                       # default: <IRO_OUTPUT_DIR>/region
    authorities:
      - code: 840
        name: County Durham
        source:
          url: postgresql://reader:${DURHAM_CS_PASSWORD}@cs.durham:5432/ssd
          schema: ssd
          profile: systemc
        warehouse: postgresql://iro:${DURHAM_WH_PASSWORD}@db:5432/iro_warehouse_840
      - code: 841
        name: Darlington
        source: {csv_dir: /data/ssd/841}
        schedule: "30 3 * * *"     # when its extract lands; "manual": triggered runs only

Choices:

* With no file there is exactly one authority, today's: its settings are the
  environment's, its DAG is ``iro_nightly`` and its files go to
  ``IRO_OUTPUT_DIR`` itself; nothing about a one-council deployment changes.
* An authority's ``warehouse`` defaults to the database ``iro_warehouse_<code>``
  beside ``WAREHOUSE_URL`` (or on the private server); its ``output`` to
  ``<IRO_OUTPUT_DIR>/<code>``; its ``commentary`` to ``<IRO_COMMENTARY_DIR>/<code>``.
  Relative paths are read from the file's folder.
* An authority's nightly runs at 02:00 Europe/London unless its ``schedule``
  (a cron expression, London time) says otherwise, e.g. when its case
  system's extract lands later; ``manual`` leaves only triggered runs.
* ``${NAME}`` in a URL is taken from the environment, so passwords stay out of
  the file; an unset one is an error naming it.
* An authority may have its own pseudonym key (``pseudonym_key: ${NAME}``, read
  from the environment only), so that one child known to two councils under
  the same case-system id has unrelated pseudonyms in their marts; without it
  ``IRO_PSEUDONYM_KEY`` serves every authority.
* No two authorities (nor the region) share a warehouse or an output folder:
  no person-level row can cross from one council's warehouse to another's.
* Every error names the file, the authority and the key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from croniter import croniter

from iro_warehouse import profile as source_profile
from iro_warehouse.config import Settings, Source, normalise_url, redact

#: the setting naming the file
ENV_VAR = "IRO_AUTHORITIES_FILE"
#: the DAG id of the nightly of a deployment without the file
SINGLE_DAG_ID = "iro_nightly"
REGION_DATABASE = "iro_region"

_CODE = re.compile(r"^[0-9]{3}$")
_VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_TOP_KEYS = {"region", "authorities"}
_REGION_KEYS = {"name", "warehouse", "output"}
_AUTHORITY_KEYS = {
    "code", "name", "source", "warehouse", "output", "commentary", "schedule", "pseudonym_key",
}  # fmt: skip
#: the nightly's schedule unless an authority's ``schedule`` says otherwise (London time)
DEFAULT_SCHEDULE = "0 2 * * *"
MANUAL = "manual"
_SOURCE_KEYS = {"url", "schema", "csv_dir", "profile"}


class AuthoritiesError(ValueError):
    """An authorities file that cannot be read or does not fit."""


@dataclass(frozen=True)
class Authority:
    """One council: its code (None for the single authority without a file) and settings."""

    code: str | None
    name: str
    settings: Settings
    #: the nightly's cron expression (London time), or None for triggered runs only
    schedule: str | None = DEFAULT_SCHEDULE

    @property
    def dag_id(self) -> str:
        return SINGLE_DAG_ID if self.code is None else f"{SINGLE_DAG_ID}__{self.code}"

    def conn_id(self, base: str) -> str:
        """This authority's Airflow connection id: ``iro_warehouse`` or ``iro_warehouse__840``."""
        return base if self.code is None else f"{base}__{self.code}"

    @property
    def label(self) -> str:
        return self.name if self.code is None else f"{self.code} {self.name}"


@dataclass(frozen=True)
class Region:
    """The authorities of a deployment, and the regional warehouse when there is a file."""

    authorities: tuple[Authority, ...]
    name: str = ""
    #: the regional benchmark's own database (None without a file)
    warehouse_url: str | None = None
    output_dir: Path | None = None
    file: Path | None = None

    @property
    def is_region(self) -> bool:
        return self.file is not None

    def authority(self, code: str | None) -> Authority:
        for authority in self.authorities:
            if authority.code == code:
                return authority
        known = ", ".join(str(a.code) for a in self.authorities)
        raise KeyError(f"no authority {code!r} in {self.file or 'the settings'} (known: {known})")


def load(env: Mapping[str, str] | None = None, base: Settings | None = None) -> Region:
    """The region of ``IRO_AUTHORITIES_FILE``, or the one authority of the environment."""
    env = dict(os.environ if env is None else env)
    base = base or Settings.from_env(env)
    text = (env.get(ENV_VAR) or "").strip()
    if not text:
        single = Authority(code=None, name="the service", settings=base)
        return Region(authorities=(single,))
    path = Path(text).expanduser().resolve()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AuthoritiesError(f"{ENV_VAR}={text}: not readable as YAML ({exc})") from None
    return parse(data, path, base, env)


def parse(data: Any, path: Path, base: Settings, env: Mapping[str, str]) -> Region:
    """The region a file's YAML describes (see the module's docstring)."""

    def fail(where: str, message: str) -> AuthoritiesError:
        return AuthoritiesError(f"{ENV_VAR} {path}: {where}: {message}")

    if not isinstance(data, dict):
        raise fail("the file", "expected a mapping with the key 'authorities'")
    _known_keys(data, _TOP_KEYS, "the file", fail)
    region_data = data.get("region") or {}
    if not isinstance(region_data, dict):
        raise fail("key 'region'", "expected a mapping (name, warehouse, output)")
    _known_keys(region_data, _REGION_KEYS, "region", fail)
    items = data.get("authorities")
    if not isinstance(items, list) or not items:
        raise fail("key 'authorities'", "expected a list of at least one authority")
    folder = path.parent

    def url_of(value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise fail(where, "expected a postgresql:// URL")
        missing = [n for n in _VARIABLE.findall(value) if n not in env]
        if missing:
            raise fail(where, f"the environment variable {missing[0]} is not set")
        url = normalise_url(_VARIABLE.sub(lambda m: env[m.group(1)], value))
        if not url.lower().startswith("postgresql://"):
            raise fail(where, f"{redact(value)!r} is not a postgresql:// URL")
        return url

    def secret_of(value: Any, where: str) -> str:
        """A secret named by ``${NAME}`` (never written in the file), at least 16 characters."""
        match = _VARIABLE.fullmatch(str(value).strip())
        if not match:
            raise fail(where, "write ${NAME} and set NAME in the environment (no secret here)")
        if match.group(1) not in env:
            raise fail(where, f"the environment variable {match.group(1)} is not set")
        secret = env[match.group(1)]
        if len(secret) < 16:
            raise fail(where, f"{match.group(1)} is too short: use at least 16 random characters")
        return secret

    def folder_of(value: Any, where: str) -> Path:
        if not isinstance(value, str) or not value.strip():
            raise fail(where, "expected a folder")
        return (folder / Path(value).expanduser()).resolve()

    authorities: list[Authority] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise fail(f"authority #{number}", "expected a mapping (code, name, source, ...)")
        code = str(item.get("code", "")).strip()
        if not _CODE.match(code):
            raise fail(
                f"authority #{number}, key 'code'",
                f"{item.get('code')!r} is not a three-digit DfE local authority code (e.g. 840)",
            )
        who = f"authority {code}"
        _known_keys(item, _AUTHORITY_KEYS, who, fail)
        if any(a.code == code for a in authorities):
            raise fail(f"{who}, key 'code'", "the code is listed twice")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise fail(f"{who}, key 'name'", "expected the authority's name")
        source = _source(item.get("source"), f"{who}, key 'source'", url_of, folder_of, fail)
        warehouse = (
            url_of(item["warehouse"], f"{who}, key 'warehouse'")
            if item.get("warehouse") is not None
            else sibling_database(base.warehouse_url, f"iro_warehouse_{code}")
        )
        output = (
            folder_of(item["output"], f"{who}, key 'output'")
            if item.get("output") is not None
            else base.output_dir / code
        )
        commentary = (
            folder_of(item["commentary"], f"{who}, key 'commentary'")
            if item.get("commentary") is not None
            else base.commentary_dir / code
        )
        settings = replace(
            base,
            source=source,
            warehouse_url=warehouse,
            output_dir=output,
            commentary_dir=commentary,
            uses_private_pg=base.uses_private_pg and item.get("warehouse") is None,
            pseudonym_key=(
                secret_of(item["pseudonym_key"], f"{who}, key 'pseudonym_key'")
                if item.get("pseudonym_key") is not None
                else base.pseudonym_key
            ),
        )
        schedule = str(item.get("schedule") or DEFAULT_SCHEDULE).strip()
        if schedule != MANUAL and not croniter.is_valid(schedule):
            raise fail(
                f"{who}, key 'schedule'",
                f"{schedule!r} is neither a cron expression (e.g. '30 3 * * *') nor {MANUAL!r}",
            )
        authorities.append(
            Authority(
                code=code,
                name=name.strip(),
                settings=settings,
                schedule=None if schedule == MANUAL else schedule,
            )
        )

    region_url = (
        url_of(region_data["warehouse"], "region, key 'warehouse'")
        if region_data.get("warehouse") is not None
        else sibling_database(base.warehouse_url, REGION_DATABASE)
    )
    region_output = (
        folder_of(region_data["output"], "region, key 'output'")
        if region_data.get("output") is not None
        else base.output_dir / "region"
    )
    authorities = [
        replace(a, settings=replace(a.settings, regional_benchmark_url=region_url))
        for a in authorities
    ]
    _distinct(
        [(f"authority {a.code}", _database_key(a.settings.warehouse_url)) for a in authorities]
        + [("region", _database_key(region_url))],
        "warehouse",
        fail,
    )
    _distinct(
        [(f"authority {a.code}", str(a.settings.output_dir)) for a in authorities]
        + [("region", str(region_output))],
        "output",
        fail,
    )
    name = region_data.get("name") or "the region"
    return Region(
        authorities=tuple(authorities),
        name=str(name),
        warehouse_url=region_url,
        output_dir=region_output,
        file=path,
    )


def _known_keys(data: dict, known: set[str], where: str, fail) -> None:
    unknown = sorted(str(k) for k in data if k not in known)
    if unknown:
        raise fail(
            f"{where}, key {unknown[0]!r}", f"unknown key (expected: {', '.join(sorted(known))})"
        )


def _source(value: Any, where: str, url_of, folder_of, fail) -> Source:
    if not isinstance(value, dict):
        raise fail(where, "expected a mapping: url (and schema), or csv_dir; and profile")
    _known_keys(value, _SOURCE_KEYS, where, fail)
    has_url, has_csv = value.get("url") is not None, value.get("csv_dir") is not None
    if has_url == has_csv:
        raise fail(where, "give url (a PostgreSQL case system) or csv_dir (a CSV folder), not both")
    try:
        profile = source_profile.load(str(value["profile"]) if value.get("profile") else None)
    except source_profile.ProfileError as exc:
        raise fail(f"{where}.profile", str(exc)) from None
    schema = value.get("schema") or "public"
    if not isinstance(schema, str):
        raise fail(f"{where}.schema", "expected a schema name")
    if has_url:
        return Source(url=url_of(value["url"], f"{where}.url"), schema=schema, profile=profile)
    return Source(csv_dir=folder_of(value["csv_dir"], f"{where}.csv_dir"), profile=profile)


def _database_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{(parts.hostname or '').lower()}:{parts.port or 5432}/{parts.path.lstrip('/')}"


def _distinct(pairs: list[tuple[str, str]], key: str, fail) -> None:
    seen: dict[str, str] = {}
    for who, value in pairs:
        if value in seen:
            raise fail(
                f"{who}, key {key!r}",
                f"the same {key} as {seen[value]}: each authority (and the region) needs its own",
            )
        seen[value] = who


def sibling_database(url: str, dbname: str) -> str:
    """The URL of another database on the same server, with the same login."""
    return urlsplit(url)._replace(path=f"/{dbname}").geturl()

"""The warehouse as known at an earlier day: a dbt build into a separate set of schemas.

``raw`` keeps every version of every source row, so the marts as they would
have been built on day D are a ``dbt build`` with vars ``extract_date`` and
``as_known_at`` set to D. Built into the live schemas it would replace the
live figures; instead it goes into schemas prefixed ``asof_<yyyymmdd>_``
(``asof_20170405_reporting``, ...: dbt var ``schema_prefix``, read by
``macros/generate_schema_name.sql``). Models and seeds are built, tests are
not (the live build has run them on the same code).

A build as known at D is reused while it exists (raw history before the
latest extract never changes); ``rebuild=True`` builds it again, e.g. after
the definitions changed. The schemas are created by the warehouse owner with
no grants, so only the owner can read the person-level layers in them;
:func:`drop` (``iro drop-as-known-at``) removes them.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from iro_warehouse import dbtrun, warehouse
from iro_warehouse.config import Settings
from iro_warehouse.warehouse import Build

log = logging.getLogger(__name__)


def prefix_for(as_known_at: date) -> str:
    return f"asof_{as_known_at:%Y%m%d}"


def ensure_build(settings: Settings, as_known_at: date, *, rebuild: bool = False) -> Build:
    """The warehouse as known at ``as_known_at``, built into ``asof_<day>_*`` when needed."""
    latest = warehouse.latest_extract(settings.warehouse_url)
    if latest is None:
        raise ValueError("raw holds no extract yet: run the nightly first")
    if as_known_at > latest:
        raise ValueError(f"nothing is known at {as_known_at} yet: the latest extract is {latest}")
    prefix = prefix_for(as_known_at)
    existing = warehouse.read_build(settings.warehouse_url, prefix)
    if existing is not None and existing.as_known_at == as_known_at and not rebuild:
        log.info("reusing the build as known at %s (schemas %s_*)", as_known_at, prefix)
        return existing
    started = time.monotonic()
    log.info("building the warehouse as known at %s into %s_* ...", as_known_at, prefix)
    day = as_known_at.isoformat()
    dbtrun.build(settings, dbtrun.dbt_vars(settings, extract_date=day, schema_prefix=prefix))
    log.info("built as known at %s in %.1fs", as_known_at, time.monotonic() - started)
    build = warehouse.read_build(settings.warehouse_url, prefix)
    if build is None:
        raise RuntimeError(f"dbt built nothing into {prefix}_reporting")
    return build


def drop(settings: Settings, as_known_at: date) -> list[str]:
    """Drop the schemas of the build as known at ``as_known_at``; the schemas dropped."""
    return warehouse.drop_schemas(settings.warehouse_url, prefix_for(as_known_at))

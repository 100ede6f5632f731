"""A period's files, written atomically: CSVs, JSON, the report's pages and Word documents.

Files for a period go under ``<root>/<period_type>/<period_label>/``. They are
written to a temporary folder beside it and swapped into place, so a failed
run leaves the previously published files as they were. The root is the
output folder for the live warehouse, ``<output>/as_known_at/<day>/`` for a
build as known at an earlier day.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from iro_warehouse.config import Settings
from iro_warehouse.periods import Period
from iro_warehouse.publishing import breakdowns as breakdowns_
from iro_warehouse.publishing.figures import CSV_COLUMNS, Figure
from iro_warehouse.warehouse import Build

log = logging.getLogger(__name__)


def output_root(settings: Settings, build: Build) -> Path:
    """Where a build's files go: the output folder, or ``as_known_at/<day>/`` under it."""
    if build.is_live:
        return settings.output_dir
    return settings.output_dir / "as_known_at" / build.as_known_at.isoformat()


def write_period(
    root: Path,
    period: Period,
    figures: list[Figure],
    documents: Mapping[str, str | bytes],
    *,
    extract_date: date,
    breakdowns: list[dict[str, str]] | None = None,
) -> Path:
    """Write the period's files atomically; returns the folder they are in.

    ``documents`` are the report's files by name: HTML pages as text, Word documents as bytes.
    ``breakdowns`` are the rows of ``panel_breakdowns.csv``
    (:func:`iro_warehouse.publishing.breakdowns.file_rows`); None (a warehouse
    built before contract 2) writes no such file.
    """
    if not figures:
        raise ValueError(f"no figures for {period.period_type} {period.label}: nothing published")
    target = root / period.period_type / period.label
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{period.label}.", dir=target.parent))
    try:
        rows = [f.public_row() for f in figures]
        with (staging / "panel_figures.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        if breakdowns is not None:
            with (staging / "panel_breakdowns.csv").open("w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=breakdowns_.CSV_COLUMNS, lineterminator="\n")
                writer.writeheader()
                writer.writerows(breakdowns)
        document = {
            "period_type": period.period_type,
            "period_label": period.label,
            "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(),
            "extract_date": extract_date.isoformat(),
            "is_provisional": any(f.is_provisional for f in figures),
            "figures": rows,
        }
        (staging / "panel_figures.json").write_text(
            json.dumps(document, indent=2) + "\n", encoding="utf-8"
        )
        for name, content in documents.items():
            if isinstance(content, bytes):
                (staging / name).write_bytes(content)
            else:
                (staging / name).write_text(content, encoding="utf-8")
        for p in staging.iterdir():
            p.chmod(0o644)
        staging.chmod(0o755)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("published %s %s to %s", period.period_type, period.label, target)
    return target


def _swap_into_place(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)

"""Publish a period's panel figures as files: CSV, JSON and a self-contained HTML report.

Files for a period go under ``<output>/<period_type>/<period_label>/``. They are
written to a temporary folder beside it and moved into place, so a failed run
leaves the previously published files as they were.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import psycopg2
import psycopg2.extras

from iro_warehouse.periods import Period

log = logging.getLogger(__name__)

CSV_COLUMNS = (
    "measure_id",
    "measure_label",
    "unit",
    "published_value",
    "numerator",
    "denominator",
)
SUPPRESSED = "c"


@dataclass(frozen=True)
class Figure:
    measure_id: str
    measure_label: str
    unit: str
    published_value: str
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    is_provisional: bool

    def public_row(self) -> dict[str, str]:
        """The row as it may leave the service: suppressed parts blanked."""
        hidden = self.published_value == SUPPRESSED
        return {
            "measure_id": self.measure_id,
            "measure_label": self.measure_label,
            "unit": self.unit,
            "published_value": self.published_value,
            "numerator": "" if hidden or self.numerator is None else _plain(self.numerator),
            "denominator": "" if hidden or self.denominator is None else _plain(self.denominator),
        }


def _plain(value: Decimal) -> str:
    """A number as text: whole numbers without decimals (``812``), others as stored."""
    return format(value.normalize() if value == value.to_integral() else value, "f")


def read_figures(warehouse_url: str, period: Period, schema_prefix: str = "") -> list[Figure]:
    """The figures of one period from ``reporting.panel_figures`` (of a build's schemas)."""
    from iro_warehouse.publication import schema

    reporting = schema("reporting", schema_prefix)
    with (
        psycopg2.connect(warehouse_url) as conn,
        conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur,
    ):
        cur.execute(
            f"""
            select f.measure_id, coalesce(m.measure_label, f.measure_id) as measure_label,
                   f.unit, f.published_value, f.numerator, f.denominator, f.value,
                   f.is_provisional
            from {reporting}.panel_figures as f
            left join {reporting}.measures as m on m.measure_id = f.measure_id
            where f.period_type = %s and f.period_label = %s
            order by coalesce(m.sort_order, 999), f.measure_id
            """,
            (period.period_type, period.label),
        )
        rows = cur.fetchall()
    conn.close()
    return [Figure(**row) for row in rows]


def publish_period(
    warehouse_url: str,
    output_dir: Path,
    period: Period,
    *,
    extract_date: date,
    schema_prefix: str = "",
) -> Path:
    """Read a period's figures and report data and write its files; returns the folder.

    ``schema_prefix`` reads a build as known at an earlier day
    (``asof_20170405_reporting``...) instead of the live schemas.
    """
    from iro_warehouse import report

    figures = read_figures(warehouse_url, period, schema_prefix)
    html_text = report.render(
        report.load(warehouse_url, period, extract_date, schema_prefix=schema_prefix)
    )
    return write_period(output_dir, period, figures, html_text, extract_date=extract_date)


def write_period(
    output_dir: Path, period: Period, figures: list[Figure], html_text: str, *, extract_date: date
) -> Path:
    """Write the period's files atomically; returns the folder they are in."""
    if not figures:
        raise ValueError(f"no figures for {period.period_type} {period.label}: nothing published")
    target = output_dir / period.period_type / period.label
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{period.label}.", dir=target.parent))
    try:
        rows = [f.public_row() for f in figures]
        with (staging / "panel_figures.csv").open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
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
        (staging / "report.html").write_text(html_text, encoding="utf-8")
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

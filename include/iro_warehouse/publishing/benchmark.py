"""The regional benchmark: each authority's published figures side by side, per period.

Only what each authority **published** is read: its live ``panel_figures.json``
files (``<output>/<period_type>/<label>/``), written by its nightly after its
own disclosure control. No authority's warehouse is opened, so no
person-level row (nor any unpublished figure) can reach the region. The
regional warehouse (its own database, schema ``region``) keeps those figures
(``region.published_figures``) and the benchmark worked out from them
(``region.benchmark``), and a pack is written per period under the region's
output folder: ``benchmark.csv`` and a self-contained ``benchmark.html``.

Choices:

* A suppressed value (``c``) or one not applicable (``z``) stays as it was
  published and is left out of the regional median, quartiles and ranks;
  ``authorities_ranked`` says how many values they are worked out from.
* Median and quartiles are linear interpolations between the published
  values (PostgreSQL's ``percentile_cont``, Excel's ``QUARTILE.INC``), rounded
  to the measure's decimals (counts to one decimal place).
* A regional statistic of a count that falls between 1 and 5 (it can: the
  median of 0 and 6 is 3) is shown ``c``, so the pack holds no count of
  children from 1 to 5, as no authority's files do. The staff figures the
  contract leaves unsuppressed (``is_suppression_exempt`` in the measures
  seed: IROs in post, FTE, over the guideline) stay so in the pack: an
  authority's 3 IROs in post is published as 3, and so is a median of 3.
* Rank 1 is the best where the measure says which way is better (``better``
  of the measures seed), else the highest; ties share a rank.
* Every authority of the region is listed in every period; one that has not
  published the period has empty values (not ``z``: nothing was published).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import statistics
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from html import escape
from pathlib import Path

from iro_warehouse import warehouse
from iro_warehouse.authorities import Region
from iro_warehouse.config import dbt_project_dir
from iro_warehouse.publishing import measures as measure_seed
from iro_warehouse.publishing.figures import published_number
from iro_warehouse.publishing.svgchart import BLUE, FONT, GRID, INK, MARK, nice_ticks, wrap

log = logging.getLogger(__name__)

PERIOD_TYPES = ("month", "financial_year")
SUPPRESSED = ("c", "z")
CSV_COLUMNS = (
    "period_type",
    "period_label",
    "measure_id",
    "measure_label",
    "unit",
    "authority_code",
    "authority_name",
    "published_value",
    "rank",
    "authorities_ranked",
    "regional_lower_quartile",
    "regional_median",
    "regional_upper_quartile",
)


@dataclass(frozen=True)
class Published:
    """One figure as an authority published it."""

    authority_code: str
    authority_name: str
    period_type: str
    period_label: str
    measure_id: str
    measure_label: str
    unit: str
    published_value: str
    extract_date: str


@dataclass(frozen=True)
class Row:
    """One row of the pack: a measure of a period for one authority, with the region's figures."""

    period_type: str
    period_label: str
    measure_id: str
    measure_label: str
    unit: str
    authority_code: str
    authority_name: str
    published_value: str  # as published ('' when the authority has not published the period)
    rank: int | None
    authorities_ranked: int
    regional_lower_quartile: str
    regional_median: str
    regional_upper_quartile: str

    def csv_row(self) -> dict[str, str]:
        return {
            key: "" if getattr(self, key) is None else str(getattr(self, key))
            for key in CSV_COLUMNS
        }


# --- reading what the authorities published ----------------------------------------


def read_published(region: Region) -> list[Published]:
    """Every figure of every period each authority's live output folder holds."""
    found: list[Published] = []
    for authority in region.authorities:
        root = authority.settings.output_dir
        for period_type in PERIOD_TYPES:
            for path in sorted((root / period_type).glob("*/panel_figures.json")):
                document = json.loads(path.read_text(encoding="utf-8"))
                for figure in document["figures"]:
                    found.append(
                        Published(
                            authority_code=str(authority.code),
                            authority_name=authority.name,
                            period_type=document["period_type"],
                            period_label=document["period_label"],
                            measure_id=figure["measure_id"],
                            measure_label=figure["measure_label"],
                            unit=figure["unit"],
                            published_value=figure["published_value"],
                            extract_date=document["extract_date"],
                        )
                    )
    return found


def _seed_rows() -> list[dict[str, str]]:
    path = dbt_project_dir() / "seeds" / "measures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def seed_measures() -> dict[str, measure_seed.Measure]:
    """The measures seed (labels, units, which way is better, decimals), read from the project."""
    return {row["measure_id"]: measure_seed.from_row(row) for row in _seed_rows()}


def exempt_measures() -> frozenset[str]:
    """The measures the contract leaves unsuppressed (the staff figures)."""
    return frozenset(
        row["measure_id"]
        for row in _seed_rows()
        if row.get("is_suppression_exempt", "").strip().lower() == "true"
    )


# --- the benchmark -------------------------------------------------------------------------


def _rounded(value: float, decimals: int) -> str:
    quantum = Decimal(1).scaleb(-decimals)
    return format(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP), "f")


def statistic(value: float | None, unit: str, decimals: int, *, exempt: bool = False) -> str:
    """A regional statistic as published: rounded; a count between 1 and 5 is ``c``
    (unless the measure is exempt from suppression)."""
    if value is None:
        return ""
    if unit == "count":
        if 0 < value < 6 and not exempt:
            return "c"
        return _rounded(value, 1).removesuffix(".0")
    return _rounded(value, decimals)


def quartiles(values: list[float]) -> tuple[float, float, float] | None:
    """Lower quartile, median, upper quartile (linear interpolation, inclusive); None if none."""
    if not values:
        return None
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def ranks(values: dict[str, float], better: str) -> dict[str, int]:
    """Competition ranks (1 = best when ``better`` says, else 1 = highest; ties share)."""
    sign = 1 if better == "lower" else -1
    ordered = sorted(values.values(), key=lambda v: sign * v)
    return {code: 1 + ordered.index(value) for code, value in values.items()}


def benchmark(
    region: Region,
    published: list[Published],
    measures: dict[str, measure_seed.Measure],
    exempt: frozenset[str] = frozenset(),
) -> list[Row]:
    """The pack's rows: every period, measure and authority of the region.

    ``exempt``: the measures exempt from suppression (their statistics are not ``c``).
    """
    by_key: dict[tuple[str, str, str], dict[str, Published]] = {}
    for figure in published:
        key = (figure.period_type, figure.period_label, figure.measure_id)
        by_key.setdefault(key, {})[figure.authority_code] = figure
    order = {m: (meta.sort_order, m) for m, meta in measures.items()}
    rows: list[Row] = []
    for period_type, period_label, measure_id in sorted(
        by_key, key=lambda k: (k[0], k[1], order.get(k[2], (999, k[2])))
    ):
        figures = by_key[(period_type, period_label, measure_id)]
        any_figure = next(iter(figures.values()))
        meta = measures.get(measure_id)
        unit = any_figure.unit
        decimals = meta.decimals if meta else 1
        numbers = {
            code: number
            for code, figure in figures.items()
            if (number := published_number(figure.published_value)) is not None
        }
        stats = quartiles(sorted(numbers.values()))
        q1, q2, q3 = (
            statistic(v, unit, decimals, exempt=measure_id in exempt)
            for v in (stats or (None, None, None))
        )
        ranked = ranks(numbers, meta.better if meta else "")
        for authority in region.authorities:
            code = str(authority.code)
            figure = figures.get(code)
            rows.append(
                Row(
                    period_type=period_type,
                    period_label=period_label,
                    measure_id=measure_id,
                    measure_label=any_figure.measure_label,
                    unit=unit,
                    authority_code=code,
                    authority_name=authority.name,
                    published_value=figure.published_value if figure else "",
                    rank=ranked.get(code),
                    authorities_ranked=len(numbers),
                    regional_lower_quartile=q1,
                    regional_median=q2,
                    regional_upper_quartile=q3,
                )
            )
    return rows


# --- the regional warehouse --------------------------------------------------------------

_DDL = """
create schema if not exists region;
create table if not exists region.published_figures (
    authority_code text not null,
    authority_name text not null,
    period_type text not null,
    period_label text not null,
    measure_id text not null,
    measure_label text not null,
    unit text not null,
    published_value text not null,
    extract_date date not null,
    loaded_at timestamptz not null,
    primary key (authority_code, period_type, period_label, measure_id)
);
create table if not exists region.benchmark (
    period_type text not null,
    period_label text not null,
    measure_id text not null,
    measure_label text not null,
    unit text not null,
    authority_code text not null,
    authority_name text not null,
    published_value text not null,
    rank integer,
    authorities_ranked integer not null,
    regional_lower_quartile text not null,
    regional_median text not null,
    regional_upper_quartile text not null,
    primary key (period_type, period_label, measure_id, authority_code)
);
"""


def store(url: str, published: list[Published], rows: list[Row]) -> None:
    """Replace the regional warehouse's figures and benchmark, in one transaction."""
    now = datetime.now(UTC)
    with warehouse.transaction(url, app="iro_region_benchmark") as cur:
        warehouse.advisory_xact_lock(cur, 0x1B0E_4C)
        cur.execute(_DDL)
        cur.execute("truncate region.published_figures, region.benchmark")
        for p in published:
            cur.execute(
                "insert into region.published_figures values "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    p.authority_code, p.authority_name, p.period_type, p.period_label,
                    p.measure_id, p.measure_label, p.unit, p.published_value, p.extract_date, now,
                ),
            )  # fmt: skip
        for r in rows:
            cur.execute(
                "insert into region.benchmark values "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                tuple(getattr(r, c) for c in CSV_COLUMNS),
            )


def regional_medians(url: str, period_type: str, period_label: str) -> dict[str, str]:
    """The regional median of each measure of a period (empty when there is no benchmark)."""
    if not warehouse.relation_exists(url, "region", "benchmark"):
        return {}
    rows = warehouse.query(
        url,
        "select distinct measure_id, regional_median from region.benchmark "
        "where period_type = %s and period_label = %s and regional_median <> ''",
        (period_type, period_label),
    )
    return dict(rows)


# --- the pack's files ----------------------------------------------------------------------


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def to_csv(rows: Iterable[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(r.csv_row() for r in rows)
    return out.getvalue()


def write_packs(region: Region, rows: list[Row]) -> list[Path]:
    """``benchmark.csv`` and ``benchmark.html`` of every period; the folders written."""
    assert region.output_dir is not None
    periods: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        periods.setdefault((row.period_type, row.period_label), []).append(row)
    written = []
    for (period_type, period_label), period_rows in sorted(periods.items()):
        folder = region.output_dir / period_type / period_label
        _atomic_write(folder / "benchmark.csv", to_csv(period_rows))
        _atomic_write(
            folder / "benchmark.html", page(region, period_type, period_label, period_rows)
        )
        written.append(folder)
    return written


def publish(region: Region) -> list[Path]:
    """The benchmark's whole work: read, benchmark, store, write; the folders written."""
    if not region.is_region or region.warehouse_url is None:
        raise ValueError("the regional benchmark needs a region: set IRO_AUTHORITIES_FILE")
    published = read_published(region)
    rows = benchmark(region, published, seed_measures(), exempt_measures())
    store(region.warehouse_url, published, rows)
    written = write_packs(region, rows)
    log.info(
        "regional benchmark: %d figures of %d authorities, %d periods",
        len(published),
        len(region.authorities),
        len(written),
    )
    return written


# --- the HTML page -------------------------------------------------------------------------


def _shown(value: str) -> str:
    if value == "c":
        return "c (suppressed)"
    if value == "z":
        return "z (not applicable)"
    return value or "not published"


def chart(measure_label: str, rows: list[Row], unit: str) -> str:
    """A horizontal bar per authority, the regional median as a dashed rule (decorative SVG)."""
    width, left, right, bar, gap, top = 560, 150, 60, 16, 6, 10
    numbers = [published_number(r.published_value) for r in rows]
    median = published_number(rows[0].regional_median) if rows else None
    high = max([n for n in numbers if n is not None] + [median or 0, 1 if unit != "percent" else 0])
    ticks = nice_ticks(0, 100 if unit == "percent" else high)
    scale = (width - left - right) / (ticks[-1] or 1)
    height = top + len(rows) * (bar + gap) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-hidden="true" focusable="false" '
        f'font-family="{FONT}" font-size="11">'
    ]
    axis_y = top + len(rows) * (bar + gap)
    for tick in ticks:
        x = left + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"/>'
            f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" fill="{MARK}">'
            f"{tick:g}</text>"
        )
    for i, (row, number) in enumerate(zip(rows, numbers, strict=True)):
        y = top + i * (bar + gap)
        name = escape(wrap(row.authority_name, 22, 1)[0])
        parts.append(
            f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end" fill="{INK}">{name}</text>'
        )
        if number is None:
            mark = escape(row.published_value or "not published")
            parts.append(
                f'<line x1="{left}" y1="{y + bar / 2}" x2="{left + 30}" y2="{y + bar / 2}" '
                f'stroke="{MARK}" stroke-dasharray="3 3"/>'
                f'<text x="{left + 36}" y="{y + bar - 4}" fill="{MARK}">{mark}</text>'
            )
            continue
        w = max(number * scale, 0.5)
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{BLUE}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + bar - 4}" fill="{INK}">'
            f"{escape(row.published_value)}</text>"
        )
    if median is not None:
        x = left + median * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="6 3"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _alt(measure_label: str, rows: list[Row]) -> str:
    values = "; ".join(f"{r.authority_name} {_shown(r.published_value)}" for r in rows)
    median = rows[0].regional_median
    return f"{measure_label}, by authority: {values}. " + (
        f"Regional median {_shown(median)} (dashed line)." if median else "No regional median."
    )


_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; color: #0b0c0c; margin: 0 auto;
       max-width: 190mm; padding: 10mm; line-height: 1.4; font-size: 11pt; }
h1 { font-size: 22pt; margin: 0 0 4pt; } h2 { font-size: 14pt; margin: 20pt 0 6pt;
     padding-top: 4pt; border-top: 3px solid #0b0c0c; }
.lede { color: #505a5f; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 4pt 0 10pt; }
caption { text-align: left; font-weight: bold; padding: 0 0 4pt; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 3pt 5pt; text-align: left; }
thead th { border-bottom: 2px solid #0b0c0c; } td.num, th.num { text-align: right; }
figure { margin: 8pt 0; break-inside: avoid; } figure svg { max-width: 100%; height: auto; }
.alt { color: #505a5f; font-size: 9.5pt; }
"""


def page(region: Region, period_type: str, period_label: str, rows: list[Row]) -> str:
    """The self-contained HTML page of one period's pack (no script, no request)."""
    kind = "financial year" if period_type == "financial_year" else "month"
    by_measure: dict[str, list[Row]] = {}
    for row in rows:
        by_measure.setdefault(row.measure_id, []).append(row)
    names = ", ".join(f"{a.name} ({a.code})" for a in region.authorities)
    out = [
        "<!doctype html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Regional benchmark, {kind} {escape(period_label)}</title>",
        f"<style>{_STYLE}</style></head><body><main>",
        f"<h1>Regional benchmark: {kind} {escape(period_label)}</h1>",
        f'<p class="lede">{escape(region.name)}: {escape(names)}. Each authority\'s figures '
        "as it published them, after its own disclosure control. A suppressed value (c) or "
        "one not applicable (z) is shown as published and left out of the regional median, "
        "quartiles and ranks; a regional figure of a count between 1 and 5 is shown c. "
        "Rank 1 is the best where the measure has a better direction, else the highest.</p>",
    ]
    for measure_id, measure_rows in by_measure.items():
        label = measure_rows[0].measure_label
        first = measure_rows[0]
        heading = f"m-{escape(measure_id)}"
        out.append(f'<section aria-labelledby="{heading}"><h2 id="{heading}">{escape(label)}</h2>')
        out.append(
            f"<p>Regional median {escape(_shown(first.regional_median))}; quartiles "
            f"{escape(_shown(first.regional_lower_quartile))} to "
            f"{escape(_shown(first.regional_upper_quartile))}; from "
            f"{first.authorities_ranked} of {len(measure_rows)} authorities' values.</p>"
        )
        out.append(
            f'<figure role="img" aria-label="{escape(_alt(label, measure_rows))}">'
            f"{chart(label, measure_rows, first.unit)}"
            f'<figcaption class="alt">{escape(_alt(label, measure_rows))}</figcaption></figure>'
        )
        out.append(
            f"<table><caption>{escape(label)}, by authority</caption><thead><tr>"
            '<th scope="col">Authority</th><th scope="col" class="num">Published</th>'
            '<th scope="col" class="num">Rank</th></tr></thead><tbody>'
        )
        for row in measure_rows:
            rank = f"{row.rank} of {row.authorities_ranked}" if row.rank else "not ranked"
            out.append(
                f'<tr><th scope="row">{escape(row.authority_name)} ({escape(row.authority_code)})'
                f'</th><td class="num">{escape(_shown(row.published_value))}</td>'
                f'<td class="num">{rank}</td></tr>'
            )
        out.append("</tbody></table></section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"

"""The measure metadata the report needs, from the seed ``reporting.measures``.

One row per measure: label, unit, section of the paper, which editions show
it, whether the monthly one-pager shows it, the chart that draws it, its
sentence and the standard it is read against (``dbt_project/seeds/measures.csv``
and its YAML say what each column means). Columns a build of an older seed
lacks read as empty, so a build as known at an earlier day still renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from iro_warehouse import warehouse
from iro_warehouse.warehouse import Build

ALL_EDITIONS = ("panel", "safeguarding")


@dataclass(frozen=True)
class Measure:
    measure_id: str
    label: str
    unit: str
    section: str
    sort_order: int
    better: str = ""
    decimals: int = 0
    editions: tuple[str, ...] = ALL_EDITIONS
    is_headline: bool = False
    chart: str = ""
    chart_band: tuple[float, float] | None = None
    sentence: str = ""
    change_words: str = "more/fewer"
    standard: str = ""

    def in_edition(self, edition: str) -> bool:
        """The full report shows every measure; an edition those the seed gives it."""
        return edition == "full" or edition in self.editions


def _band(text: str | None) -> tuple[float, float] | None:
    if not text:
        return None
    low, high = text.split("-")
    return float(low), float(high)


def from_row(row: dict) -> Measure:
    """A measure from a row of ``reporting.measures`` (missing columns read as empty)."""
    label = row.get("measure_label") or row["measure_id"]
    return Measure(
        measure_id=row["measure_id"],
        label=label,
        unit=row.get("unit") or "count",
        section=row.get("section") or "",
        sort_order=int(row.get("sort_order") or 999),
        better=row.get("better") or "",
        decimals=int(row.get("decimals") or 0),
        editions=tuple((row.get("editions") or " ".join(ALL_EDITIONS)).split()),
        is_headline=bool(row.get("is_headline")),
        chart=row.get("chart") or "",
        chart_band=_band(row.get("chart_band")),
        sentence=row.get("sentence") or f"{label}: {{value}}",
        change_words=row.get("change_words") or "more/fewer",
        standard=row.get("standard") or "",
    )


def read(url: str, build: Build | None = None) -> dict[str, Measure]:
    """Every measure of the seed, by id, in the seed's order."""
    reporting = build.schema("reporting") if build else "reporting"
    rows = warehouse.query(
        url, f"select * from {reporting}.measures order by sort_order, measure_id", dicts=True
    )
    return {row["measure_id"]: from_row(row) for row in rows}

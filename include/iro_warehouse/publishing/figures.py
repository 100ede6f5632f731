"""What the warehouse publishes, read for the files and the report.

Everything here comes from ``reporting.panel_figures_public`` (of a build's
schemas): the published values after the warehouse's disclosure control, with
the numerator and denominator already blanked where a figure is suppressed.
Nothing is suppressed or recomputed in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from iro_warehouse import warehouse
from iro_warehouse.periods import Period
from iro_warehouse.warehouse import Build

CSV_COLUMNS = (
    "measure_id",
    "measure_label",
    "unit",
    "published_value",
    "numerator",
    "denominator",
)


@dataclass(frozen=True)
class Figure:
    """One published figure of one period."""

    period_type: str
    period_label: str
    measure_id: str
    measure_label: str
    unit: str
    published_value: str
    numerator: Decimal | None
    denominator: Decimal | None
    is_provisional: bool
    sort_order: int

    def public_row(self) -> dict[str, str]:
        """The row of ``panel_figures.csv`` / ``.json``."""
        return {
            "measure_id": self.measure_id,
            "measure_label": self.measure_label,
            "unit": self.unit,
            "published_value": self.published_value,
            "numerator": plain(self.numerator),
            "denominator": plain(self.denominator),
        }

    @property
    def number(self) -> float | None:
        """The number the published value shows, or None for ``c``, ``z`` or nothing."""
        return published_number(self.published_value)


def plain(value: Decimal | None) -> str:
    """A number as text: whole numbers without decimals (``812``), others as stored."""
    if value is None:
        return ""
    return format(value.normalize() if value == value.to_integral() else value, "f")


def published_number(text: str | None) -> float | None:
    """The number a published value shows, or None for ``c``, ``z`` or nothing."""
    if text is None or text in ("c", "z", ""):
        return None
    return float(text)


_SELECT = """
select f.period_type, f.period_label, f.measure_id,
       coalesce(m.measure_label, f.measure_id) as measure_label,
       f.unit, f.published_value, f.numerator, f.denominator, f.is_provisional,
       coalesce(m.sort_order, 999) as sort_order
from {reporting}.panel_figures_public as f
left join {reporting}.measures as m on m.measure_id = f.measure_id
where (f.period_type, f.period_label) in %s
order by f.period_type, f.period_label, coalesce(m.sort_order, 999), f.measure_id
"""


def read(url: str, wanted: list[Period], build: Build | None = None) -> list[Figure]:
    """The published figures of the periods ``wanted`` (of the build's schemas)."""
    if not wanted:
        return []
    reporting = build.schema("reporting") if build else "reporting"
    rows = warehouse.query(
        url,
        _SELECT.format(reporting=reporting),
        (tuple((p.period_type, p.label) for p in wanted),),
        dicts=True,
    )
    return [Figure(**row) for row in rows]


def of_period(url: str, period: Period, build: Build | None = None) -> list[Figure]:
    """The published figures of one period, in the measures' order."""
    return read(url, [period], build)

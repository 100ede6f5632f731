"""The equality profile: published breakdowns by sex, age band and ethnic group.

Read only from the warehouse's public view ``reporting.panel_breakdowns_public``
(contract 2), whose ``published_value`` is already disclosure-controlled,
secondary suppression included; nothing is suppressed or recomputed here.
Before that view exists (a warehouse built before contract 2) the report
simply has no equality profile and no ``panel_breakdowns.csv`` is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from iro_warehouse import warehouse
from iro_warehouse.periods import Period
from iro_warehouse.warehouse import Build

#: Each breakdown's title and its categories in plain words, in the contract's order.
BREAKDOWNS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "sex": ("By sex", (("male", "Male"), ("female", "Female"), ("unknown", "Not recorded"))),
    "age_band": (
        "By age",
        (
            ("under_1", "Under 1"),
            ("1_to_4", "1 to 4"),
            ("5_to_9", "5 to 9"),
            ("10_to_15", "10 to 15"),
            ("16_plus", "16 and over"),
            ("unknown", "Not recorded"),
        ),
    ),
    "ethnicity_group": (
        "By ethnic group",
        (
            ("white", "White"),
            ("mixed", "Mixed or multiple ethnic groups"),
            ("asian", "Asian or Asian British"),
            ("black", "Black or Black British"),
            ("other", "Other ethnic group"),
            ("unknown", "Not recorded or refused"),
        ),
    ),
}


@dataclass(frozen=True)
class BreakdownValue:
    measure_id: str
    breakdown: str
    category: str
    published_value: str


_SELECT = """
select measure_id, breakdown, category, published_value
from {reporting}.panel_breakdowns_public
where period_type = %s and period_label = %s
"""


#: the columns of ``panel_breakdowns.csv`` (measures.md, output contract)
CSV_COLUMNS = ("measure_id", "measure_label", "breakdown", "category", "unit", "published_value")

_FILE_SELECT = """
select b.measure_id, coalesce(m.measure_label, b.measure_id) as measure_label, b.breakdown,
       b.category, b.unit, b.published_value, coalesce(m.sort_order, 999) as sort_order
from {reporting}.panel_breakdowns_public as b
left join {reporting}.measures as m on m.measure_id = b.measure_id
where b.period_type = %s and b.period_label = %s
"""


def _has_view(url: str, reporting: str) -> bool:
    exists = warehouse.query(
        url, "select to_regclass(%s) is not null", (f"{reporting}.panel_breakdowns_public",)
    )
    return bool(exists[0][0])


def read(url: str, period: Period, build: Build | None = None) -> list[BreakdownValue]:
    """The published breakdowns of ``period``; none when the warehouse has no such view."""
    reporting = build.schema("reporting") if build else "reporting"
    if not _has_view(url, reporting):
        return []
    rows = warehouse.query(url, _SELECT.format(reporting=reporting), period.key)
    return [BreakdownValue(*row) for row in rows]


def _order(breakdown: str, category: str) -> tuple[int, int]:
    """A category's place: breakdowns and categories in the contract's order, others last."""
    names = list(BREAKDOWNS)
    if breakdown not in BREAKDOWNS:
        return (len(names), 0)
    categories = [c for c, _ in BREAKDOWNS[breakdown][1]]
    return (
        names.index(breakdown),
        categories.index(category) if category in categories else len(categories),
    )


def file_rows(url: str, period: Period, build: Build | None = None) -> list[dict[str, str]] | None:
    """The rows of the period's ``panel_breakdowns.csv``, or None when the warehouse has no view.

    Measures in their order (the measures seed), then the breakdowns and their
    categories in the contract's order.
    """
    reporting = build.schema("reporting") if build else "reporting"
    if not _has_view(url, reporting):
        return None
    rows = warehouse.query(url, _FILE_SELECT.format(reporting=reporting), period.key, dicts=True)
    rows.sort(
        key=lambda r: (r["sort_order"], r["measure_id"], *_order(r["breakdown"], r["category"]))
    )
    return [{c: r[c] for c in CSV_COLUMNS} for r in rows]

"""The equality profile: published breakdowns by sex, age band and ethnic group.

Read only from the warehouse's public view ``reporting.panel_breakdowns_public``
(contract 2), whose ``published_value`` is already disclosure-controlled,
secondary suppression included; nothing is suppressed or recomputed here.
Before that view exists the report simply has no equality profile.
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


def read(url: str, period: Period, build: Build | None = None) -> list[BreakdownValue]:
    """The published breakdowns of ``period``; none when the warehouse has no such view."""
    reporting = build.schema("reporting") if build else "reporting"
    exists = warehouse.query(
        url, "select to_regclass(%s) is not null", (f"{reporting}.panel_breakdowns_public",)
    )
    if not exists[0][0]:
        return []
    rows = warehouse.query(url, _SELECT.format(reporting=reporting), period.key)
    return [BreakdownValue(*row) for row in rows]

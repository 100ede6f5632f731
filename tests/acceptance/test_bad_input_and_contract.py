"""Bad input in the data-quality table, and the shape of ``reporting.panel_figures``.

Bad input rows of the fixture and their effect on a figure (asserted in the
other modules):

- IC2 sent twice, identical (duplicate, identical): counted once,
  icpc_held 2017-03 = 5, not 6.
- SE16 and IRO-K twice, differing: left out; IC16 still counts in icpc_held
  (2017-03 = 5) but not in icpc_in_15wd_pct; INV-L9-K still gives L9 an IRO
  on E2 (cla_without_iro_at_end 2), IRO-K adds nothing to in post / FTE.
- RV-B3-1, a held review of a period whose only episode (EP-B3) is left
  out: not listed, counts in no review figure (cla_reviews_held 2016-17 37).
- PLN-D twice with different start dates (duplicate, differing): both left
  out, cp_plans_started 2017-03 = 5.
- EP-B3 ceased before it started (end before start): left out,
  cla_started 2016-17 = 11.
- XS12-1 starts 2017-06-20 (start after the extract date): left out, X12 is
  informal, drp_resolved_informally_pct 2017-06 = 1 / 2.
- CPR1-1 dated 2017-06-20 (event after the extract date): left out (no
  figure in range would move).
- IC15 transfer-in flag "y" (code outside its list): left out,
  icpc_held 2017-03 = 5 (not 6).
- XS1-6 stage "6" (code outside 0-5): left out, X1 is informal,
  drp_resolved_informally_pct 2016-17 = 7 / 10.
- RV-NOPE points at period CLA-NOPE (reference matching no row): left out,
  cla_reviews_cancelled 2017-03 = 1.
- EP-L18 ceased 2017-06-30, PLN2 ends 2017-07-01, X13 resolved 2017-06-20
  (end after the extract date): treated as null: L18 looked after on E2
  (cla_at_end 23), cp_plans_at_end on E2 = 7, drp_open_at_end on E2 = 3.
- IRO-C FTE null, IRO-F FTE -0.2: listed, count 0 (iro_fte_at_end 2.45);
  IRO-D FTE 1.5: listed, taken as given (iro_fte_at_end on E2 3.95).
- EP-L7A / EP-L7B and EP-L21a / EP-L21b overlap (overlapping episodes):
  listed only.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.acceptance import (
    test_caseloads_and_escalations,
    test_child_protection,
    test_contract2_measures,
    test_looked_after,
)
from tests.acceptance.conftest import FY, PFY, PM, M
from tests.conftest import query

pytestmark = pytest.mark.slow

UNITS = {
    "count": [
        "cla_at_end", "cla_started", "cla_ceased", "cla_s20_over_6_months_at_end",
        "cla_reviews_held", "cla_reviews_cancelled", "cla_reviews_overdue_at_end",
        "cp_plans_at_end", "cp_plans_started", "cp_plans_ended", "icpc_held", "rcpc_held",
        "iro_in_post_at_end", "iro_over_guideline_at_end", "cla_without_iro_at_end",
        "drp_raised", "drp_raised_cla", "drp_raised_cp", "drp_raised_quality",
        "drp_raised_delay", "drp_raised_timescale", "drp_resolved", "drp_open_at_end",
        # contract 2 (their figures: test_contract2_measures.py)
        "cp_children_at_end", "drp_reached_stage_2_plus", "drp_cafcass_referrals",
    ],
    "percent": [
        "cla_reviews_in_time_pct", "cla_review_participation_pct", "cla_review_attendance_pct",
        "stability_3plus_placements_pct", "stability_long_term_pct", "icpc_in_15wd_pct",
        "rcpc_in_time_pct", "cp_repeat_plans_pct", "cp_plans_2yrs_plus_pct",
        "iro_allocated_in_time_pct", "drp_resolved_informally_pct",
        "cla_iro_contact_between_reviews_pct", "cla_permanence_plan_at_second_review_pct",
        "cp_review_participation_pct", "cp_review_quorate_pct",
    ],
    "ratio": [
        "iro_fte_at_end", "iro_cla_caseload_per_fte", "iro_cp_caseload_per_fte",
        "iro_total_caseload_per_fte",
    ],
    "days": ["drp_median_days_to_resolve"],
}  # fmt: skip
UNIT_OF = {m: unit for unit, measures in UNITS.items() for m in measures}

MONTHS = [f"2016-{m:02d}" for m in range(4, 13)] + [f"2017-{m:02d}" for m in range(1, 7)]
YEARS = ["2016-17", "2017-18"]

# (table, key) of every row the rules leave out of the figures (IC2's
# identical copy aside). Any other row left out would break the scenarios.
LEFT_OUT = {
    ("ssd_cp_plans", "PLN-D"),
    ("ssd_cla_episodes", "EP-B3"),
    ("ext_iro_escalation_stages", "XS12-1"),
    ("ext_iro_escalation_stages", "XS1-6"),
    ("ssd_initial_cp_conference", "IC15"),
    ("ssd_cla_reviews", "RV-NOPE"),
    ("ssd_cp_reviews", "CPR1-1"),
    ("ssd_professionals", "IRO-K"),
    ("ssd_s47_enquiry", "SE16"),
}
# listed, but the row stays in the figures
LISTED_ONLY = {
    ("ssd_cla_episodes", "EP-L18"),
    ("ssd_cp_plans", "PLN2"),
    ("ext_iro_escalations", "X13"),
    ("ssd_professionals", "IRO-C"),
    ("ssd_professionals", "IRO-D"),
    ("ssd_professionals", "IRO-F"),
}


def _issues(panel) -> list[tuple[str, str, bool]]:
    return query(
        panel.warehouse,
        "select table_name, row_key, is_row_left_out from data_quality.source_row_issues",
    )


def test_every_bad_row_is_listed_with_table_and_key(panel):
    listed = {(t, k) for t, k, _ in _issues(panel)}
    missing = (LEFT_OUT | LISTED_ONLY | {("ssd_initial_cp_conference", "IC2")}) - listed
    assert not missing, f"not in data_quality.source_row_issues: {sorted(missing)}"


def test_exactly_the_bad_rows_are_left_out(panel):
    left_out = {(t, k) for t, k, out in _issues(panel) if out}
    left_out.discard(("ssd_initial_cp_conference", "IC2"))
    assert left_out == LEFT_OUT


def test_rows_treated_as_null_or_kept_are_not_left_out(panel):
    kept = {(t, k) for t, k, out in _issues(panel) if (t, k) in LISTED_ONLY}
    assert all(not out for t, k, out in _issues(panel) if (t, k) in LISTED_ONLY), kept


def test_overlapping_episodes_are_listed_only(panel):
    for child in ("EP-L7", "EP-L21"):
        rows = [(k, out) for t, k, out in _issues(panel)
                if t == "ssd_cla_episodes" and k.startswith(child)]  # fmt: skip
        assert rows, f"the overlapping episodes {child}* are not listed"
        assert not any(out for _, out in rows)


def test_every_period_has_every_measure_once(panel):
    by_period: dict[str, set[str]] = {}
    for label, measure in panel.figures:
        by_period.setdefault(label, set()).add(measure)
    assert sorted(by_period) == sorted(MONTHS + YEARS)
    for label, measures in by_period.items():
        assert measures == set(UNIT_OF), label


def test_period_columns_units_and_provisional_flag(panel):
    for (label, measure), row in panel.figures.items():
        period_type, unit, provisional = row[2], row[3], row[8]
        assert period_type == ("financial_year" if label in YEARS else "month"), label
        assert unit == UNIT_OF[measure], measure
        # the period's last day is on or after the extract date 2017-06-15
        assert provisional is (label in (PM, PFY)), (label, measure)
    rows = query(
        panel.warehouse,
        "select distinct period_label, period_start, period_end from reporting.panel_figures "
        "where period_label in (%s, %s, %s, %s)",
        (M, FY, PM, PFY),
    )
    assert sorted(rows) == sorted([
        (M, date(2017, 3, 1), date(2017, 3, 31)),
        (FY, date(2016, 4, 1), date(2017, 3, 31)),
        (PM, date(2017, 6, 1), date(2017, 6, 30)),
        (PFY, date(2017, 4, 1), date(2018, 3, 31)),
    ])  # fmt: skip


def test_every_measure_is_checked_for_a_month_and_a_financial_year():
    expected = {
        **test_looked_after.EXPECTED,
        **test_child_protection.EXPECTED,
        **test_caseloads_and_escalations.EXPECTED,
        # the contract-2 measures, over their own case system (fixture_contract2.py)
        **test_contract2_measures.EXPECTED,
    }
    for measure in UNIT_OF:
        labels = {label for (m, label) in expected if m == measure}
        assert labels & set(MONTHS), f"{measure}: no month checked"
        assert labels & set(YEARS), f"{measure}: no financial year checked"
    # every unit type is checked at least once unsuppressed
    published_units = {
        UNIT_OF[m] for (m, _), exp in expected.items() if exp[3] not in ("c", "z", "0")
    }
    assert published_units == set(UNITS)

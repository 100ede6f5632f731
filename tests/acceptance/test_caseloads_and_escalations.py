"""IRO caseloads and allocation; escalations under the Dispute Resolution Process.

Professionals, their FTE and their children are tabulated in
``fixture_case_system.professionals``; escalations in
``fixture_case_system.escalations``. Expected figures by hand.

IROs in post on E1 = 2017-03-31: IRO-A, B, C, E, F, G, H = 7 (IRO-D starts
2017-04-10; IRO-J's only involvement ends ON E1; SW-1 is not an IRO).
FTE: 0.8 + 1 + 0 (null) + 0.5 + 0 (negative) + 0.05 + 0.1 = 2.45.
On E2 = 2017-06-15: IRO-A, B, C, D, E, G, H = 7 (IRO-F ended 2017-05-01).
FTE: 0.8 + 1 + 0 + 1.5 (above 1, as given) + 0.5 + 0.05 + 0.1 = 3.95.

Looked after children with an IRO on E1 (18 of 21): G1-G8, L10 (IRO-A);
L2, L11, L12, L14 (IRO-B, IRO-G); L21 (IRO-B); L7, L8, L15, L16 (IRO-C).
Without: L3 (social worker only), L9 (IRO-B involvement ended 2016-11-01),
L13 (IRO-J ends ON E1) = 3. On E2 (21 of 23): + L18, L20 (IRO-D) and L9
(IRO-K, a professional left out as a differing duplicate: still the child's
IRO, but not in post and no FTE); without L3, L13.

Over the guideline (> 70 looked after children per FTE) on E1 and E2:
IRO-A 9 / 0.8 = 11.25 no; IRO-B 5 / 1 no; IRO-C 4 children, FTE 0: OVER;
IRO-E and IRO-F have CP children only (IRO-F has FTE 0 but no looked after
child): no; IRO-G 4 / 0.05 = 80: OVER; IRO-H 7 / 0.1 = 70, not above 70: no;
IRO-D (E2) 2 / 1.5 no. -> 2.
"""

from __future__ import annotations

import pytest

from tests.acceptance.conftest import FY, PFY, PM, Expected, M, cases, check_figure

pytestmark = pytest.mark.slow

CASELOADS: dict[tuple[str, str], Expected] = {
    # staff figures are never suppressed
    ("iro_in_post_at_end", M): (7, None, None, "7"),
    ("iro_in_post_at_end", FY): (7, None, None, "7"),
    ("iro_in_post_at_end", PM): (7, None, None, "7"),
    ("iro_in_post_at_end", PFY): (7, None, None, "7"),
    ("iro_fte_at_end", M): (2.45, None, None, "2.45"),
    ("iro_fte_at_end", FY): (2.45, None, None, "2.45"),
    ("iro_fte_at_end", PM): (3.95, None, None, "3.95"),
    ("iro_fte_at_end", PFY): (3.95, None, None, "3.95"),
    # 18 / 2.45 = 7.3469.. -> 7.35 (numerator 18: published).
    ("iro_cla_caseload_per_fte", M): (7.35, 18, 2.45, "7.35"),
    ("iro_cla_caseload_per_fte", FY): (7.35, 18, 2.45, "7.35"),
    # 21 / 3.95 = 5.3164.. -> 5.32.
    ("iro_cla_caseload_per_fte", PM): (5.32, 21, 3.95, "5.32"),
    ("iro_cla_caseload_per_fte", PFY): (5.32, 21, 3.95, "5.32"),
    # CP children with a current plan and an IRO. E1: C1, C2, C7, C9 (IRO-E),
    # C8 (IRO-F) = 5 (C3 has none) -> 5 / 2.45 = 2.0408.. -> 2.04, published c.
    ("iro_cp_caseload_per_fte", M): (2.04, 5, 2.45, "c"),
    ("iro_cp_caseload_per_fte", FY): (2.04, 5, 2.45, "c"),
    # E2: C1, C2, C7, C9 = 4 (C8's IRO-F ended 05-01; C13 has none) ->
    # 4 / 3.95 = 1.0126.. -> 1.01.
    ("iro_cp_caseload_per_fte", PM): (1.01, 4, 3.95, "c"),
    ("iro_cp_caseload_per_fte", PFY): (1.01, 4, 3.95, "c"),
    ("iro_over_guideline_at_end", M): (2, None, None, "2"),
    ("iro_over_guideline_at_end", FY): (2, None, None, "2"),
    ("iro_over_guideline_at_end", PM): (2, None, None, "2"),
    ("iro_over_guideline_at_end", PFY): (2, None, None, "2"),
    ("cla_without_iro_at_end", M): (3, None, None, "c"),
    ("cla_without_iro_at_end", FY): (3, None, None, "c"),
    ("cla_without_iro_at_end", PM): (2, None, None, "c"),
    ("cla_without_iro_at_end", PFY): (2, None, None, "c"),
    # ---- iro_allocated_in_time_pct: IRO involvement starting by
    # add_working_days(s, 5) and not ended by s.
    # 2017-03: no period started (L5 is a short break) -> null, z.
    ("iro_allocated_in_time_pct", M): (None, 0, 0, "z"),
    # 2016-17, the 11 periods started: in time L7A and L7B (IRO-C since
    # 2016-04-20), L1 (IRO-B on the due day 05-17), L2 (06-01), L21 (06-06),
    # L15 (09-30), L6 (10-03), L8 (12-28 = add_working_days(2016-12-19, 5)
    # across Christmas); not in time L3 (no IRO), L4 (one day late), L9 (old
    # involvement ended on the start day) -> 8 / 11 = 72.72.. -> 72.7.
    ("iro_allocated_in_time_pct", FY): (72.7, 8, 11, "72.7"),
    # 2017-06: L20 (IRO-D on 06-12 = add_working_days(2017-06-05, 5)) -> 1 / 1.
    ("iro_allocated_in_time_pct", PM): (100.0, 1, 1, "c"),
    # 2017-18: L18 in time (04-10), L19 none, L20 in time -> 2 / 3 = 66.7.
    ("iro_allocated_in_time_pct", PFY): (66.7, 2, 3, "c"),
    ("iro_allocated_in_time_pct", "2016-12"): (100.0, 1, 1, "c"),
}

ESCALATIONS: dict[tuple[str, str], Expected] = {
    # ---- raised. 2017-03: X9 (CLA, QUALITY_ASSESSMENT), X10 (CP, PLAN_DELAY).
    ("drp_raised", M): (2, None, None, "c"),
    ("drp_raised_cla", M): (1, None, None, "c"),
    ("drp_raised_cp", M): (1, None, None, "c"),
    ("drp_raised_quality", M): (1, None, None, "c"),
    ("drp_raised_delay", M): (1, None, None, "c"),
    ("drp_raised_timescale", M): (0, None, None, "0"),
    # 2016-17: X16, X1-X10 = 11 (X11 was raised in 2015). CLA: X16, X1, X3,
    # X4, X6, X7, X9 = 7; CP: X2, X5, X8, X10 = 4. Quality: X1 (PLAN), X2, X9
    # (ASSESSMENT) = 3; delay: X3, X10 = 2; timescale: X4, X8 = 2.
    ("drp_raised", FY): (11, None, None, "11"),
    ("drp_raised_cla", FY): (7, None, None, "7"),
    ("drp_raised_cp", FY): (4, None, None, "c"),
    ("drp_raised_quality", FY): (3, None, None, "c"),
    ("drp_raised_delay", FY): (2, None, None, "c"),
    ("drp_raised_timescale", FY): (2, None, None, "c"),
    # 2017-06 to 06-15: X13 (CP, QUALITY_PLAN) = 1.
    ("drp_raised", PM): (1, None, None, "c"),
    ("drp_raised_cla", PM): (0, None, None, "0"),
    ("drp_raised_cp", PM): (1, None, None, "c"),
    ("drp_raised_quality", PM): (1, None, None, "c"),
    ("drp_raised_delay", PM): (0, None, None, "0"),
    ("drp_raised_timescale", PM): (0, None, None, "0"),
    # 2017-18: X14 (CLA, TIMESCALE), X12 (CLA, OTHER), X13 (CP, QUALITY_PLAN).
    ("drp_raised", PFY): (3, None, None, "c"),
    ("drp_raised_cla", PFY): (2, None, None, "c"),
    ("drp_raised_cp", PFY): (1, None, None, "c"),
    ("drp_raised_quality", PFY): (1, None, None, "c"),
    ("drp_raised_delay", PFY): (0, None, None, "0"),
    ("drp_raised_timescale", PFY): (1, None, None, "c"),
    # ---- resolved, informally (highest stage 0), median days.
    # 2017-03: X7 (44 days, stage 3), X8 (35, stage 0), X9 (21, stage 0, resolved
    # ON E1) -> 3; informal 2 / 3 = 66.7; median of 21, 35, 44 = 35.0.
    ("drp_resolved", M): (3, None, None, "c"),
    ("drp_resolved_informally_pct", M): (66.7, 2, 3, "c"),
    ("drp_median_days_to_resolve", M): (35.0, None, 3, "c"),
    # 2016-17: X16 1, X1 10, X2 20, X3 3, X4 30, X5 5, X6 30, X7 44, X8 35,
    # X9 21 -> 10 resolved. Highest stage 0: X16, X1 (its stage "6" row is
    # left out), X3 (no stage at all), X4, X5, X8, X9 = 7 -> 70.0.
    # Sorted days 1 3 5 10 20 | 21 30 30 35 44: median (20 + 21) / 2 = 20.5.
    ("drp_resolved", FY): (10, None, None, "10"),
    ("drp_resolved_informally_pct", FY): (70.0, 7, 10, "70.0"),
    ("drp_median_days_to_resolve", FY): (20.5, None, 10, "20.5"),
    # 2017-06 and 2017-18: X14 (06-01, 59 days, stage 2), X12 (06-10, 39 days,
    # stage 0: its stage 1 starts after the extract date and is left out).
    # X13's resolved date is after the extract date: not resolved.
    # informal 1 / 2; median (39 + 59) / 2 = 49.0.
    ("drp_resolved", PM): (2, None, None, "c"),
    ("drp_resolved_informally_pct", PM): (50.0, 1, 2, "c"),
    ("drp_median_days_to_resolve", PM): (49.0, None, 2, "c"),
    ("drp_resolved", PFY): (2, None, None, "c"),
    ("drp_resolved_informally_pct", PFY): (50.0, 1, 2, "c"),
    ("drp_median_days_to_resolve", PFY): (49.0, None, 2, "c"),
    # ---- open on E (half-open). E1: X10, X11 = 2 (X9 resolved ON E1).
    # E2: X10, X11, X13 (resolved date after the extract date) = 3.
    ("drp_open_at_end", M): (2, None, None, "c"),
    ("drp_open_at_end", FY): (2, None, None, "c"),
    ("drp_open_at_end", PM): (3, None, None, "c"),
    ("drp_open_at_end", PFY): (3, None, None, "c"),
}

EXPECTED = {**CASELOADS, **ESCALATIONS}


@pytest.mark.parametrize(("measure", "label", "expected"), cases(CASELOADS))
def test_caseload_figure(panel, measure, label, expected):
    check_figure(panel, label, measure, expected)


@pytest.mark.parametrize(("measure", "label", "expected"), cases(ESCALATIONS))
def test_escalation_figure(panel, measure, label, expected):
    check_figure(panel, label, measure, expected)

"""Looked after children: counts, reviews, participation, stability.

Every expected figure is worked out by hand from rules.md / measures.md over
the scenarios of ``fixture_case_system.py`` (G = big group, L = looked after
scenarios). E1 = 2017-03-31 for 2017-03 and 2016-17; E2 = 2017-06-15 (the
extract date) for the provisional 2017-06 and 2017-18.

Looked after on E1 (21): G1-G8 (8) + L2, L3, L7, L8, L9, L10, L11, L12,
L13, L14, L15, L16, L21 (13). G5 stays in: its legal status on E is C2
("LS-G5-9" > "LS-G5-10" as text); L21's period is open (its open episode is
ordered last). Not: L1 (ceased ON E1), L4 (ceased 03-15), L5 and
L5B (short-break periods), L6 (V4 on E1), L18-L20 (not yet started), B3
(its only episode is left out). L7 has two current periods: counted once.
Looked after on E2 (23): the same 21 + L18 (ceased date after the extract
date: treated as null) + L20 (started 2017-06-05). L19 ceased 2017-06-09.

Held reviews (period of care not a short break), by date, with in-time and
participation code:
  FY 2016-17 (37): G1-G8 r6 2016-05-25 (8, in time, PN1); L11 r2 05-20 PN1;
    L1 r1 06-08 PN3; L10 r3 06-20 PN1; L2 r1 06-24 PN1; L16 r2 06-28 PN6;
    L4 r1 08-30 PN1; L1 r2 09-09 LATE PN4; L2 r2 09-20 PN1; L15 r1 10-27 PN5;
    L6 r1 10-28 PN1; L11 r3 11-18 PN1; G1-G7 r7 11-20 (in time; G1-G5 PN1,
    G6 PN5, G7 PN7); L4 r2 11-30 PN1; L9 r1 11-30 LATE PN1; G8 r7 12-02 LATE
    PN0; L7B r1 12-12 PN1; L16 r3 12-28 PN6; L8 r1 2017-01-19 PN1; L15 r2
    01-30 LATE PN5; L1 r3 03-01 PN7; L9 r2 03-01 LATE PN2; L7B r2 03-10 null
    code; L2 r3 03-20 PN1.
    (L5's review of 2017-03-07 belongs to a short-break period, RV-B3-1 of
    2016-10-10 to a period with no episode left: neither counts.)
  FY 2017-18 to the extract date (13): L8 r2 04-19 PN1; L18 r1 05-04 PN7;
    G1-G8 r8 05-15 (in time; PN1, G2 PN6); L11 r4 05-18 PN1; L19 r1 06-01
    LATE PN1; L10 r4 06-05 LATE PN1.
"""

from __future__ import annotations

import pytest

from tests.acceptance.conftest import FY, PFY, PM, Expected, M, cases, check_figure

pytestmark = pytest.mark.slow

EXPECTED: dict[tuple[str, str], Expected] = {
    # ---- cla_at_end: see the module docstring (21 on E1, 23 on E2).
    ("cla_at_end", M): (21, None, None, "21"),
    ("cla_at_end", FY): (21, None, None, "21"),
    ("cla_at_end", PM): (23, None, None, "23"),
    ("cla_at_end", PFY): (23, None, None, "23"),
    # ---- cla_started: periods starting in the period (start = earliest episode).
    # 2017-03: only L5, a short break -> 0.
    ("cla_started", M): (0, None, None, "0"),
    # 2016-17: L7A 04-20, L1 05-10, L2 06-01 (not its entered-care date 2015),
    # L21 06-06, L3 07-01, L4 08-01, L15 09-30, L6 10-03, L9 11-01, L7B 11-15,
    # L8 12-19 = 11. Not: L5B (short break), B3 (episode ends before it
    # starts: left out).
    ("cla_started", FY): (11, None, None, "11"),
    ("cla_started", "2016-06"): (2, None, None, "c"),
    # 2017-06 (to 06-15): L20 06-05 = 1.  2017-18: L18, L19, L20 = 3.
    ("cla_started", PM): (1, None, None, "c"),
    ("cla_started", PFY): (3, None, None, "c"),
    # 2016-12: L8 = 1.  2017-02: L5B is a short-break period (V4 on its start
    # date, C2 later) -> 0.
    ("cla_started", "2016-12"): (1, None, None, "c"),
    ("cla_started", "2017-02"): (0, None, None, "0"),
    # ---- cla_ceased: periods ending in the period.
    # 2017-03: L1 (03-31, E11) and L4 (03-15, null reason) = 2; L5 short break
    # left out. The same 2 in 2016-17.
    ("cla_ceased", M): (2, None, None, "c"),
    ("cla_ceased", FY): (2, None, None, "c"),
    # 2017-06: L19 (06-09) = 1; L18's 06-30 is after the extract date (null).
    ("cla_ceased", PM): (1, None, None, "c"),
    ("cla_ceased", PFY): (1, None, None, "c"),
    # ---- cla_s20_over_6_months_at_end: V2 on E, current V2 started <= E - 6 months.
    # E1 - 6 months = 2016-09-30: G7, G8 (2014-03-03), L15 (2016-09-30, on the
    # day) = 3; L16 (V2 from 2016-10-01) not yet.
    ("cla_s20_over_6_months_at_end", M): (3, None, None, "c"),
    ("cla_s20_over_6_months_at_end", FY): (3, None, None, "c"),
    # E2 - 6 months = 2016-12-15: G7, G8, L15, L16 = 4.
    ("cla_s20_over_6_months_at_end", PM): (4, None, None, "c"),
    ("cla_s20_over_6_months_at_end", PFY): (4, None, None, "c"),
    # ---- cla_reviews_held / cla_reviews_in_time_pct (see the docstring).
    # 2017-03: L1 r3 (in time), L9 r2 (LATE: due 2017-02-28, clamped), L7B r2,
    # L2 r3 (on the due day) = 4 held, 3 in time -> 75.0.
    ("cla_reviews_held", M): (4, None, None, "c"),
    ("cla_reviews_in_time_pct", M): (75.0, 3, 4, "c"),
    # 2016-17: 37 held; late G8 r7, L1 r2, L9 r1, L15 r2, L9 r2 -> 32 in time;
    # 100 * 32 / 37 = 86.486.. -> 86.5.
    ("cla_reviews_held", FY): (37, None, None, "37"),
    ("cla_reviews_in_time_pct", FY): (86.5, 32, 37, "86.5"),
    # 2017-06 (to 06-15): L19 r1, L10 r4, both late -> 0 of 2 (published c).
    ("cla_reviews_held", PM): (2, None, None, "c"),
    ("cla_reviews_in_time_pct", PM): (0.0, 0, 2, "c"),
    # 2017-18: 13 held, 11 in time -> 84.615.. -> 84.6.
    ("cla_reviews_held", PFY): (13, None, None, "13"),
    ("cla_reviews_in_time_pct", PFY): (84.6, 11, 13, "84.6"),
    # 2017-01: L8 r1 (in time only because 26/27 Dec and 2 Jan are bank
    # holidays) and L15 r2 (late) -> 1 of 2.
    ("cla_reviews_held", "2017-01"): (2, None, None, "c"),
    ("cla_reviews_in_time_pct", "2017-01"): (50.0, 1, 2, "c"),
    # 2016-08: L4 r1 on 08-30 (due 08-30 because of the 29 Aug bank holiday).
    ("cla_reviews_in_time_pct", "2016-08"): (100.0, 1, 1, "c"),
    # ---- cla_reviews_cancelled: Y rows by recorded due date.
    # 2017-03 / 2016-17: RV-L10-c1 (due 03-10) = 1 (RV-NOPE points at no
    # period of care: left out).  2017-06 / 2017-18: RV-L10-c2 (due 06-14) = 1;
    # RV-L10-c3 (due 06-20) is after the extract date.
    ("cla_reviews_cancelled", M): (1, None, None, "c"),
    ("cla_reviews_cancelled", FY): (1, None, None, "c"),
    ("cla_reviews_cancelled", PM): (1, None, None, "c"),
    ("cla_reviews_cancelled", PFY): (1, None, None, "c"),
    # ---- cla_reviews_overdue_at_end: next review due before E.
    # E1: L3 (no review, due 2016-07-29), L10 (r4 due 2016-12-20), L12, L13,
    # L14, L21 (no reviews) = 6. L7 is judged on its current period CLA-L7B
    # (r3 due 2017-09-10): not overdue.
    ("cla_reviews_overdue_at_end", M): (6, None, None, "6"),
    ("cla_reviews_overdue_at_end", FY): (6, None, None, "6"),
    # E2: L3, L12, L13, L14, L21 = 5 (L10 held r4 on 06-05; L16 r4 due 06-28).
    ("cla_reviews_overdue_at_end", PM): (5, None, None, "c"),
    ("cla_reviews_overdue_at_end", PFY): (5, None, None, "c"),
    # ---- participation (PN1-PN6 over PN1-PN7) and attendance (PN1-PN4 over PN1-PN7).
    # 2017-03: L1 r3 PN7, L9 r2 PN2, L2 r3 PN1 (L7B r2 has no code) -> 2 / 3.
    ("cla_review_participation_pct", M): (66.7, 2, 3, "c"),
    ("cla_review_attendance_pct", M): (66.7, 2, 3, "c"),
    # 2016-17: 37 held - 1 PN0 (G8 r7) - 1 null (L7B r2) = 35 in PN1-PN7.
    # PN7: G7 r7, L1 r3 (2); PN5: G6 r7, L15 r1, L15 r2 (3); PN6: L16 r2, r3 (2).
    # participation 35 - 2 = 33 -> 94.285.. -> 94.3;
    # attendance 35 - 2 - 3 - 2 = 28 -> 80.0.
    ("cla_review_participation_pct", FY): (94.3, 33, 35, "94.3"),
    ("cla_review_attendance_pct", FY): (80.0, 28, 35, "80.0"),
    # 2017-06: L19 r1 PN1, L10 r4 PN1 -> 2 / 2.
    ("cla_review_participation_pct", PM): (100.0, 2, 2, "c"),
    ("cla_review_attendance_pct", PM): (100.0, 2, 2, "c"),
    # 2017-18: 13 in PN1-PN7; PN7 L18 r1; PN6 G2 r8.
    # participation 12 / 13 = 92.307.. -> 92.3; attendance 11 / 13 -> 84.6.
    ("cla_review_participation_pct", PFY): (92.3, 12, 13, "92.3"),
    ("cla_review_attendance_pct", PFY): (84.6, 11, 13, "84.6"),
    # ---- stability_3plus_placements_pct: 3+ placements in the 12 months ending E.
    # E1 (2016-04-01 .. 2017-03-31): L11 has 3 (P starts one, T continues,
    # B starts one, U continues); L2 has 1 (same placement id after a T1
    # temporary episode); L7 2; L12 2; L14 2; L21 1 -> 1 / 21 = 4.76.. -> 4.8.
    ("stability_3plus_placements_pct", M): (4.8, 1, 21, "c"),
    ("stability_3plus_placements_pct", FY): (4.8, 1, 21, "c"),
    # E2: 2017-06 window 2016-06-16 .. 2017-06-15: L11 has 2; 2017-18 window
    # from 2017-04-01: L11 has 1 -> 0 / 23 = 0.0, published "0".
    ("stability_3plus_placements_pct", PM): (0.0, 0, 23, "0"),
    ("stability_3plus_placements_pct", PFY): (0.0, 0, 23, "0"),
    # ---- stability_long_term_pct.
    # E1: denominator G1-G8, L12, L14 = 10 (L13 turns 16 on E1; others started
    # after 2014-09-30); numerator G1-G8 (placement since 2014-03-03; G6's
    # RNE L episode of 2015-06-01 continues it) + L12
    # (A4, previous placement from 2013-05-01) = 9; L14's A3 follows a
    # placement that started 2015-06-01 > 2015-03-31 -> 90.0.
    ("stability_long_term_pct", M): (90.0, 9, 10, "90.0"),
    ("stability_long_term_pct", FY): (90.0, 9, 10, "90.0"),
    # E2: same 10; E - 24 months = 2015-06-15 now covers L14 -> 10 / 10.
    ("stability_long_term_pct", PM): (100.0, 10, 10, "100.0"),
    ("stability_long_term_pct", PFY): (100.0, 10, 10, "100.0"),
}


@pytest.mark.parametrize(("measure", "label", "expected"), cases(EXPECTED))
def test_looked_after_figure(panel, measure, label, expected):
    check_figure(panel, label, measure, expected)

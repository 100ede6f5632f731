"""Child protection: plans, initial and review conferences, repeat and 2-year plans.

Scenarios C1-C15 of ``fixture_case_system.py``; expected figures by hand.

Plans (start .. end):
  PLN1 2017-03-22 .. open (repeat: PLN1-old 2012)   PLN2 2017-03-23 .. 2017-07-01 -> null
  PLN3 2017-03-15 .. 2017-06-15                      PLN6 2017-01-10 .. 2017-03-31
  PLN7a, PLN7b 2017-03-06 .. open (same child)       PLN8 2016-11-30 .. open
  PLN9 2016-04-15 .. open (repeat: PLN9-old 2015)    PLN10 2015-03-31 .. 2017-03-31
  PLN11 2015-04-01 .. 2017-03-31                     PLN12 2015-02-28 .. 2017-02-28
  PLN13 2017-05-10 .. open                           PLN-D: duplicate key, left out
Current on E1 = 2017-03-31: PLN1, PLN2, PLN3, PLN7a, PLN7b, PLN8, PLN9 = 7
(PLN6, PLN10, PLN11 end ON E1).
Current on E2 = 2017-06-15: PLN1, PLN2, PLN7a, PLN7b, PLN8, PLN9, PLN13 = 7
(PLN3 ends ON E2; PLN2's end is after the extract date: still current).

ICPCs: IC9 2016-04-15 (late), IC8 2016-11-30 (in time), IC6 2017-01-10 (in
time across Christmas), IC3 2017-03-15 (transfer-in), IC4 2017-03-20 (no
enquiry), IC1 2017-03-22 (in time on the due day), IC2 2017-03-23 (late; the
row is sent twice, identical), IC16 2017-03-28 (its enquiry SE16 is a
differing duplicate, left out), IC13 2017-05-10 (in time). IC15 ("y" flag)
is left out.

Review conferences held: CPR9-1 2016-07-20 (late), CPR9-2 2017-01-18,
CPR8-1 2017-02-28 (due 2017-02-28, clamped), CPR7a-1 2017-03-27,
CPR7b-1 2017-06-07 (late), CPR9-3 2017-06-12, CPR2-1 2017-06-14; CPR1-1
(2017-06-20) is after the extract date: left out; CPR9-x has no date.
"""

from __future__ import annotations

import pytest

from tests.acceptance.conftest import FY, PFY, PM, Expected, M, cases, check_figure

pytestmark = pytest.mark.slow

EXPECTED: dict[tuple[str, str], Expected] = {
    # ---- cp_plans_at_end: plans (not children) current on E; C7 counts twice.
    ("cp_plans_at_end", M): (7, None, None, "7"),
    ("cp_plans_at_end", FY): (7, None, None, "7"),
    ("cp_plans_at_end", PM): (7, None, None, "7"),
    ("cp_plans_at_end", PFY): (7, None, None, "7"),
    # ---- cp_plans_started.
    # 2017-03: PLN7a, PLN7b (03-06), PLN3 (03-15), PLN1 (03-22), PLN2 (03-23) = 5
    # (PLN-D's two differing rows are both left out).
    ("cp_plans_started", M): (5, None, None, "c"),
    # 2016-17: + PLN9 (2016-04-15), PLN8 (2016-11-30), PLN6 (2017-01-10) = 8.
    ("cp_plans_started", FY): (8, None, None, "8"),
    # 2017-06 to 06-15: none. 2017-18: PLN13 = 1.
    ("cp_plans_started", PM): (0, None, None, "0"),
    ("cp_plans_started", PFY): (1, None, None, "c"),
    # ---- cp_plans_ended.
    # 2017-03: PLN6, PLN10, PLN11 (all 03-31) = 3. 2016-17: + PLN12 = 4.
    ("cp_plans_ended", M): (3, None, None, "c"),
    ("cp_plans_ended", FY): (4, None, None, "c"),
    # 2017-06 / 2017-18: PLN3 (06-15, the extract date) = 1.
    ("cp_plans_ended", PM): (1, None, None, "c"),
    ("cp_plans_ended", PFY): (1, None, None, "c"),
    # ---- icpc_held: all ICPCs dated in the period, transfer-ins included.
    # 2017-03: IC3, IC4, IC1, IC2 (once), IC16 (its enquiry is left out) = 5
    # (IC15 left out).
    ("icpc_held", M): (5, None, None, "c"),
    # 2016-17: + IC9, IC8, IC6 = 8.
    ("icpc_held", FY): (8, None, None, "8"),
    ("icpc_held", PM): (0, None, None, "0"),
    ("icpc_held", PFY): (1, None, None, "c"),
    ("icpc_held", "2017-01"): (1, None, None, "c"),
    # ---- icpc_in_15wd_pct: transfer-ins (IC3), no enquiry (IC4) and an enquiry
    # left out (IC16) on neither side.
    # 2017-03: IC1 in time (due 2017-03-22), IC2 late -> 1 / 2.
    ("icpc_in_15wd_pct", M): (50.0, 1, 2, "c"),
    # 2016-17: IC9 late (due 2016-04-13, Easter), IC8 in time, IC6 in time
    # (due 2017-01-10), IC1 in time, IC2 late -> 3 / 5.
    ("icpc_in_15wd_pct", FY): (60.0, 3, 5, "c"),
    # 2017-06: no ICPC -> null, published z.
    ("icpc_in_15wd_pct", PM): (None, 0, 0, "z"),
    # 2017-18: IC13 2017-05-10, due 2017-05-12 -> 1 / 1.
    ("icpc_in_15wd_pct", PFY): (100.0, 1, 1, "c"),
    ("icpc_in_15wd_pct", "2017-01"): (100.0, 1, 1, "c"),
    ("icpc_in_15wd_pct", "2016-04"): (0.0, 0, 1, "c"),
    # ---- rcpc_held / rcpc_in_time_pct.
    # 2017-03: CPR7a-1 (due 2017-06-06) -> 1 / 1.
    ("rcpc_held", M): (1, None, None, "c"),
    ("rcpc_in_time_pct", M): (100.0, 1, 1, "c"),
    # 2016-17: CPR9-1 late (due 2016-07-15), CPR9-2 in time (due 2016-07-20 +
    # 6 months = 2017-01-20), CPR8-1 in time, CPR7a-1 in time -> 3 / 4.
    ("rcpc_held", FY): (4, None, None, "c"),
    ("rcpc_in_time_pct", FY): (75.0, 3, 4, "c"),
    # 2017-06 and 2017-18: CPR7b-1 late (due 06-06), CPR9-3 in time (due
    # 2017-07-18), CPR2-1 in time (due 06-23) -> 2 / 3 = 66.666.. -> 66.7.
    ("rcpc_held", PM): (3, None, None, "c"),
    ("rcpc_in_time_pct", PM): (66.7, 2, 3, "c"),
    ("rcpc_held", PFY): (3, None, None, "c"),
    ("rcpc_in_time_pct", PFY): (66.7, 2, 3, "c"),
    # ---- cp_repeat_plans_pct: an earlier plan of the same child, however long ago.
    # 2017-03: PLN1 (PLN1-old 2012) of 5; PLN7a/PLN7b start the same day: no.
    ("cp_repeat_plans_pct", M): (20.0, 1, 5, "c"),
    # 2016-17: PLN1, PLN9 of 8.
    ("cp_repeat_plans_pct", FY): (25.0, 2, 8, "c"),
    ("cp_repeat_plans_pct", PM): (None, 0, 0, "z"),
    ("cp_repeat_plans_pct", PFY): (0.0, 0, 1, "c"),
    # ---- cp_plans_2yrs_plus_pct: start + 24 months <= end.
    # 2017-03: PLN10 (2015-03-31 + 24 months = 2017-03-31 <= end) of PLN6,
    # PLN10, PLN11 (2017-04-01 > end) -> 1 / 3 = 33.3.
    ("cp_plans_2yrs_plus_pct", M): (33.3, 1, 3, "c"),
    # 2016-17: + PLN12 (2015-02-28 .. 2017-02-28) -> 2 / 4.
    ("cp_plans_2yrs_plus_pct", FY): (50.0, 2, 4, "c"),
    ("cp_plans_2yrs_plus_pct", PM): (0.0, 0, 1, "c"),
    ("cp_plans_2yrs_plus_pct", PFY): (0.0, 0, 1, "c"),
}


@pytest.mark.parametrize(("measure", "label", "expected"), cases(EXPECTED))
def test_child_protection_figure(panel, measure, label, expected):
    check_figure(panel, label, measure, expected)

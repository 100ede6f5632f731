"""The eight contract-2 measures, worked out by hand over ``fixture_contract2.py``.

E1 = 2017-03-31 (2017-03, 2016-17); E2 = 2017-06-15 (the provisional 2017-06
and 2017-18). Disclosure control as measures.md: a count from 1 to 5 is `c`;
a percentage whose numerator or denominator is from 1 to 5 is `c`; a ratio
whose numerator is from 1 to 5 is `c`; a null value is `z`; then any zero
is `0`.

IRO contact between reviews (rules.md): for held review k of a period of
care the window runs from the day after review k-1's date (k = 1: from the
period's start) to the day before review k's date, both included. Held
reviews and their windows:

  K1-K8 (periods from 2016-04-04):
    r1 2016-04-29  window 2016-04-04 .. 2016-04-28
    r2 2016-07-27  window 2016-04-30 .. 2016-07-26
    r3 2017-01-20  window 2016-07-28 .. 2017-01-19
  P1-P4 (periods from 2016-12-01):
    r1 2016-12-20  window 2016-12-01 .. 2016-12-19
    r2 2017-03-15  window 2016-12-21 .. 2017-03-14
  (RV-P3-x, flag Y and dated 2017-02-01, is cancelled: not held, not
  numbered, not a previous review. K8's r3 has a null flag: held.)

  | child | r1 contact             | r2 contact               | r3 contact             |
  |-------|------------------------|--------------------------|------------------------|
  | K1    | 04-04 yes (period start)| 04-30 yes (day after r1) | 2017-01-19 yes (day before) |
  | K2    | 04-03 no (before start)| 07-27 no (review day)    | null no                |
  | K3    | 04-20 yes              | 04-29 no (r1's own day)  | 01-21 no (after review: listed) |
  | K4    | 04-15 yes              | 06-15 yes                | 2016-12-01 yes         |
  | K5    | null no                | 06-15 yes                | 2016-12-01 yes         |
  | K6    | 04-15 yes              | null no                  | 2016-12-01 yes         |
  | K7,K8 | 04-15 yes              | 06-15 yes                | 2016-12-01 yes         |
  | P1    | 12-01 yes (period start)| 2017-03-01 yes          |                        |
  | P2    | 12-10 yes              | null no                  |                        |
  | P3    | 12-20 no (review day)  | 12-21 yes (day after r1) |                        |
  | P4    | null no                | 2017-03-14 yes (day before) |                     |

  2016-04 (K r1): K1, K3, K4, K6, K7, K8 = 6 / 8
  2016-07 (K r2): K1, K4, K5, K7, K8     = 5 / 8
  2016-12 (P r1): P1, P2                 = 2 / 4
  2017-01 (K r3): K1, K4, K5, K6, K7, K8 = 6 / 8
  2017-03 (P r2): P1, P3, P4             = 3 / 4
  2016-17: 6 + 5 + 2 + 6 + 3 = 22 / 32 = 68.75 -> 68.8 (half away from zero)

Permanence plan at the second review: the second reviews are K1-K8 r2
(2016-07-27) and P1-P4 r2 (2017-03-15). A care plan row of the child
(lacp_person_id) current on that day (start <= d and (end null or end > d))
with at least one key whose value, trimmed, is not empty:

  K1 CP-K1-a {"LTFOST18": "Y"} ENDS 2016-07-27: not current; CP-K1-b {} -> no
  K2 CP-K2-b {"RETURN6M": "Y"} STARTS 2016-07-27: current           -> yes
  K3 {"ADOPTION": "", "RETURN1M": null, "LTFOST18": "  "}: none chosen -> no
  K4 {"LTRELFR": "Y"} from 2015-03-02 (an earlier period of care)   -> yes
  K5 {"ADOPTION": "Y", "LTFOST18": "", "RETURN6M": "Y"}              -> yes
  K6 CP-K6-b {"LTFOST18": "Y", "RETURN1M": ""} from 2016-07-01       -> yes
  K7 {"REMAINSUP": "Y"}, K8 {"OTHERPLN": "Y", "RESPLMT": "Y"}        -> yes, yes
  P1, P2, P3: their only rows are invalid JSON, left out             -> no
  P4 {"RETURNEV": " Y "}                                             -> yes

  2016-07: 6 / 8; 2017-03: 1 / 4; 2016-17: 7 / 12 = 58.33 -> 58.3.

CP plans (start .. end): PQ1a 2016-06-01, PQ1b 2016-09-01 (both Q1),
PQ2 2016-06-01, PQ3 2016-06-01 .. 2017-03-31, PQ4 2017-03-31, PQ5 and PQ6
2016-08-01, PQ7 2016-08-01 .. 2017-05-01, PQ8 2017-02-01 (Q8, unborn),
PK1 2016-10-03 (K1, also looked after). Current on E1: PQ1a, PQ1b, PQ2, PQ4
(starts ON E1), PQ5, PQ6, PQ7, PQ8, PK1 = 9 plans (PQ3 ends ON E1), of 8
children (Q1 twice). On E2: the same without PQ7 = 8 plans, 7 children.

CP review conferences held (PN, quorate):
  2016-09-01 CPR-Q1a-1 PN1 Y; CPR-Q2-1 PN2 Y; CPR-Q3-1 PN0 Y
  2016-11-01 CPR-Q5-1 PN6 Y; CPR-Q6-1 PN7 " Y "; CPR-Q7-1 null Y
  2016-12-01 CPR-Q1b-1 " PN3 " Y
  2017-01-10 CPR-K1-1 PN4 N
  2017-02-20 CPR-Q1a-2 PN1 Y; CPR-Q2-2 PN7 N
             (CPR-Q6-2 PN1 "y": "y" is not Y, a code outside its list: left out)
  2017-03-01 CPR-Q3-2 PN5 null;  2017-03-20 CPR-Q8-1 PN0 Y
  2017-05-01 CPR-Q5-2 PN1 Y
  (CPR-Q2-x has no date: not held.)
Participation: PN1-PN6 over PN1-PN7; PN0 and null on neither side.
  2016-17: PN1, PN2, PN6, PN3, PN4, PN1, PN5 = 7 over 7 + PN7 x2 = 9 -> 77.8
Quorate: Y over Y or N; null neither. " Y " is Y once trimmed.
  2016-17: Y x9 (all but CPR-Q2-2, CPR-K1-1 N and CPR-Q3-2 null) / 11 -> 81.8

Whole caseload on d: distinct children looked after on d or on a plan
current on d, with an IRO on d.
  E1: looked after with an IRO: K1-K8, P1-P4, Z2 = 13 (Z1, Z3 have none);
      on a plan with an IRO: Q1, Q2, Q4 (IRO from 03-31), Q5, Q6, Q7 = 6, and
      K1 (counted already); Q8 has no IRO; Q3's plan ended ON E1 -> 19.
      IROs in post: IRO-P 1 + IRO-Q 0.5 = 1.5 -> 19 / 1.5 = 12.666 -> 12.67.
  E2: the same 13 + Q1, Q2, Q4, Q5, Q6 = 18 (Q7 still has IRO-Q, but no plan
      and not looked after) -> 18 / 1.5 = 12.00.
  2016-04 (E 2016-04-30): looked after K1-K8, Z2; with an IRO K1, K2 (from
      04-04), Z2; K3-K8 get theirs 2016-05-03; no plan yet -> 3. In post:
      IRO-P only (IRO-Q's first involvement is 2016-06-01) -> 3 / 1 = 3.00, c.

Escalations (resolved, outcome, highest stage of the stages not left out):
  X1 2016-06-01 RESOLVED 2 | X2 2016-07-15 CAFCASS 5 | X3 2016-09-30 CAFCASS 4
  X4 2016-11-30 CAFCASS 3  | X5 2017-01-31 WITHDRAWN 2 | X6 2017-03-01 CAFCASS 1
  X7 2017-03-15 CAFCASS 2  | X8 2017-03-31 CAFCASS 2 | X9 2017-03-20 RESOLVED 0
  X11 2017-02-10 RESOLVED 0 (no stage rows) | X13 2016-08-20 RESOLVED 0 (stage
  "7" left out: outside 0-5) | X12 2017-05-15 CAFCASS 3 | X10 open.
  Stage 2+, 2016-17: X1, X2, X3, X4, X5, X7, X8 = 7; 2017-03: X7, X8 = 2.
  Cafcass, 2016-17: X2, X3, X4, X6, X7, X8 = 6; 2017-03: X6, X7, X8 = 3.
"""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from tests.acceptance.conftest import FY, PFY, PM, Expected, M, cases, check_figure

pytestmark = pytest.mark.slow

EXPECTED: dict[tuple[str, str], Expected] = {
    # ---- cla_iro_contact_between_reviews_pct (see the table above)
    ("cla_iro_contact_between_reviews_pct", FY): (68.8, 22, 32, "68.8"),
    ("cla_iro_contact_between_reviews_pct", M): (75.0, 3, 4, "c"),
    ("cla_iro_contact_between_reviews_pct", "2016-04"): (75.0, 6, 8, "75.0"),
    ("cla_iro_contact_between_reviews_pct", "2016-07"): (62.5, 5, 8, "c"),
    ("cla_iro_contact_between_reviews_pct", "2016-12"): (50.0, 2, 4, "c"),
    ("cla_iro_contact_between_reviews_pct", "2017-01"): (75.0, 6, 8, "75.0"),
    # 2017-02: only RV-P3-x, cancelled (flag Y) though dated: not held -> 0 / 0
    ("cla_iro_contact_between_reviews_pct", "2017-02"): (None, 0, 0, "z"),
    # no held review after 2017-03-15: zero denominator -> null, z
    ("cla_iro_contact_between_reviews_pct", PM): (None, 0, 0, "z"),
    ("cla_iro_contact_between_reviews_pct", PFY): (None, 0, 0, "z"),
    # ---- cla_permanence_plan_at_second_review_pct
    ("cla_permanence_plan_at_second_review_pct", FY): (58.3, 7, 12, "58.3"),
    ("cla_permanence_plan_at_second_review_pct", "2016-07"): (75.0, 6, 8, "75.0"),
    ("cla_permanence_plan_at_second_review_pct", M): (25.0, 1, 4, "c"),
    # 2017-01 holds third reviews only; 2017-02 only the cancelled RV-P3-x
    ("cla_permanence_plan_at_second_review_pct", "2017-01"): (None, 0, 0, "z"),
    ("cla_permanence_plan_at_second_review_pct", "2017-02"): (None, 0, 0, "z"),
    ("cla_permanence_plan_at_second_review_pct", PFY): (None, 0, 0, "z"),
    # ---- cp_children_at_end: a child counts once (Q1 has two plans)
    ("cp_children_at_end", M): (8, None, None, "8"),
    ("cp_children_at_end", FY): (8, None, None, "8"),
    ("cp_children_at_end", PM): (7, None, None, "7"),
    ("cp_children_at_end", PFY): (7, None, None, "7"),
    # 2016-06 (E 2016-06-30): PQ1a, PQ2, PQ3 -> Q1, Q2, Q3 = 3
    ("cp_children_at_end", "2016-06"): (3, None, None, "c"),
    # 2016-05: no plan yet
    ("cp_children_at_end", "2016-05"): (0, None, None, "0"),
    # ... while plans count as plans (contract 1): Q1 twice
    ("cp_plans_at_end", M): (9, None, None, "9"),
    ("cp_plans_at_end", FY): (9, None, None, "9"),
    ("cp_plans_at_end", PFY): (8, None, None, "8"),
    # ---- cp_review_participation_pct
    ("cp_review_participation_pct", FY): (77.8, 7, 9, "77.8"),
    # 2017-03: CPR-Q3-2 PN5; CPR-Q8-1 PN0 on neither side -> 1 / 1
    ("cp_review_participation_pct", M): (100.0, 1, 1, "c"),
    # 2017-02: CPR-Q1a-2 PN1, CPR-Q2-2 PN7 (denominator only) -> 1 / 2
    # (CPR-Q6-2, quorate "y", is left out: its PN1 counts nowhere)
    ("cp_review_participation_pct", "2017-02"): (50.0, 1, 2, "c"),
    # 2016-11: CPR-Q5-1 PN6, CPR-Q6-1 PN7, CPR-Q7-1 null -> 1 / 2
    ("cp_review_participation_pct", "2016-11"): (50.0, 1, 2, "c"),
    # 2017-18: CPR-Q5-2 PN1 -> 1 / 1; 2017-06: none -> z
    ("cp_review_participation_pct", PFY): (100.0, 1, 1, "c"),
    ("cp_review_participation_pct", PM): (None, 0, 0, "z"),
    # ---- cp_review_quorate_pct
    ("cp_review_quorate_pct", FY): (81.8, 9, 11, "81.8"),
    # 2017-03: CPR-Q3-2 null (neither), CPR-Q8-1 Y -> 1 / 1
    ("cp_review_quorate_pct", M): (100.0, 1, 1, "c"),
    # 2016-11: Y, " Y " (trimmed: Y), Y -> 3 / 3
    ("cp_review_quorate_pct", "2016-11"): (100.0, 3, 3, "c"),
    ("cp_review_quorate_pct", "2017-02"): (50.0, 1, 2, "c"),
    ("cp_review_quorate_pct", PFY): (100.0, 1, 1, "c"),
    ("cp_review_quorate_pct", PM): (None, 0, 0, "z"),
    # ---- iro_total_caseload_per_fte (numerator children, denominator exact FTE)
    ("iro_total_caseload_per_fte", M): (12.67, 19, 1.5, "12.67"),
    ("iro_total_caseload_per_fte", FY): (12.67, 19, 1.5, "12.67"),
    ("iro_total_caseload_per_fte", PM): (12.0, 18, 1.5, "12.00"),
    ("iro_total_caseload_per_fte", PFY): (12.0, 18, 1.5, "12.00"),
    ("iro_total_caseload_per_fte", "2016-04"): (3.0, 3, 1, "c"),
    # ---- drp_reached_stage_2_plus (resolved in the period)
    ("drp_reached_stage_2_plus", FY): (7, None, None, "7"),
    ("drp_reached_stage_2_plus", M): (2, None, None, "c"),
    ("drp_reached_stage_2_plus", "2017-02"): (0, None, None, "0"),  # X11 only: stage 0
    ("drp_reached_stage_2_plus", "2016-08"): (0, None, None, "0"),  # X13: "7" left out
    ("drp_reached_stage_2_plus", PFY): (1, None, None, "c"),  # X12
    ("drp_reached_stage_2_plus", PM): (0, None, None, "0"),
    # ---- drp_cafcass_referrals (resolved in the period, outcome CAFCASS_REFERRAL)
    ("drp_cafcass_referrals", FY): (6, None, None, "6"),
    ("drp_cafcass_referrals", M): (3, None, None, "c"),
    ("drp_cafcass_referrals", "2017-02"): (0, None, None, "0"),
    ("drp_cafcass_referrals", PFY): (1, None, None, "c"),
    ("drp_cafcass_referrals", PM): (0, None, None, "0"),
}

#: the eight measures of contract 2 (measures.md)
CONTRACT_2_MEASURES = {
    "cla_iro_contact_between_reviews_pct": "percent",
    "cla_permanence_plan_at_second_review_pct": "percent",
    "cp_children_at_end": "count",
    "cp_review_participation_pct": "percent",
    "cp_review_quorate_pct": "percent",
    "iro_total_caseload_per_fte": "ratio",
    "drp_reached_stage_2_plus": "count",
    "drp_cafcass_referrals": "count",
}


@pytest.mark.parametrize(("measure", "label", "expected"), cases(EXPECTED))
def test_contract_2_figure(panel2, measure, label, expected):
    check_figure(panel2, label, measure, expected)


def test_every_contract_2_measure_is_checked_for_a_month_and_a_year_and_published():
    """The expectations above cover each measure in a month and a financial
    year, each at least once as a number and once suppressed."""
    for measure in CONTRACT_2_MEASURES:
        labels = {label for (m, label) in EXPECTED if m == measure}
        assert labels & {FY, PFY}, measure
        assert labels - {FY, PFY}, measure
        published = {exp[3] for (m, _), exp in EXPECTED.items() if m == measure}
        assert published - {"c", "z", "0"}, f"{measure}: never published as a number"
        assert "c" in published, f"{measure}: never suppressed"


def test_every_period_has_the_contract_2_measures_with_their_units(panel2):
    labels = {label for label, _ in panel2.figures}
    assert len(labels) == 17  # 2016-04 .. 2017-06, 2016-17, 2017-18
    for label in labels:
        for measure, unit in CONTRACT_2_MEASURES.items():
            row = panel2.figures.get((label, measure))
            assert row is not None, f"no {measure} in {label}"
            assert row[3] == unit, (label, measure)


def test_contract_1_totals_the_breakdowns_rest_on(panel2):
    """Totals of the contract-1 measures the breakdowns split (this fixture).

    cla_at_end on E1: K1-K8, P1-P4, Z1, Z2, Z3 = 15 (all periods open).
    cla_started 2016-17: K1-K8 (2016-04-04), Z1 (2016-09-01), P1-P4
    (2016-12-01), Z3 (2017-03-06) = 14; 2017-03: Z3 = 1.
    cla_review_participation_pct 2016-17: 32 held reviews; PN0 (K5 x3, P1 x2)
    and null (K6 r2) on neither side -> 26; PN7 (K7 r3, P2 r2) -> 24 / 26 =
    92.3.
    """
    check_figure(panel2, FY, "cla_at_end", (15, None, None, "15"))
    check_figure(panel2, M, "cla_at_end", (15, None, None, "15"))
    check_figure(panel2, FY, "cla_started", (14, None, None, "14"))
    check_figure(panel2, M, "cla_started", (1, None, None, "c"))
    check_figure(panel2, FY, "cla_review_participation_pct", (92.3, 24, 26, "92.3"))


def test_the_published_file_of_2016_17(panel2):
    """panel_figures.csv of 2016-17 (the nightly publishes it) carries the eight
    measures as published, with the numerator and denominator of a suppressed
    figure blanked."""
    path = panel2.output / "financial_year" / FY / "panel_figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = {r["measure_id"]: r for r in csv.DictReader(f)}
    for (measure, label), (_, numerator, denominator, published) in EXPECTED.items():
        if label != FY or measure not in CONTRACT_2_MEASURES:
            continue
        row = rows[measure]
        assert row["unit"] == CONTRACT_2_MEASURES[measure]
        assert row["published_value"] == published, measure
        if numerator is not None:
            assert Decimal(row["numerator"]) == Decimal(str(numerator)), measure
            assert Decimal(row["denominator"]) == Decimal(str(denominator)), measure
        else:
            assert row["numerator"] == row["denominator"] == "", measure

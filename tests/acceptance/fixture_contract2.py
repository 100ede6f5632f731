"""The contract-2 acceptance case system: a few hand-built children per new rule.

A second, separate case system (the contract-1 one is ``fixture_case_system.py``),
built so that every contract-2 figure of ``shared/spec/measures.md`` and a few
breakdown cells can be worked out by hand. The expected figures, with their
working, are in ``test_contract2_*.py`` next to this file.

Extract date 2017-06-15 (Thursday), reporting start 2016-04-01, as for
contract 1: months 2016-04 .. 2017-06, financial years 2016-17 and 2017-18.
E1 = 2017-03-31 (for 2017-03 and 2016-17), E2 = 2017-06-15 (the provisional
2017-06 and 2017-18). No legal status row anywhere: every period of care is
looked after and none is a short break. No placement records (placement ids
are null): placements play no part here.

The children (sex, ethnicity as sent, date of birth):

| child | sex  | ethnicity | born       | what for                                     |
|-------|------|-----------|------------|----------------------------------------------|
| K1    | M    | WBRI      | 2005-06-01 | contact windows; plan ends ON review 2; CP   |
| K2    | M    | " WBRI "  | 2005-06-01 | contacts that miss; plan starts ON review 2  |
| K3    | M    | WIRI      | 2008-02-10 | contact on r1's day / after r3; empty plan   |
| K4    | M    | WOTH      | 2001-03-31 | plan from an earlier period; 16 ON E1        |
| K5    | F    | WROM      | 2013-06-01 | parallel plans; PN0 (under 4)                |
| K6    | F    | REFU      | 2010-01-01 | a plan that changes                          |
| K7    | F    | NOBT      | 2005-06-01 | PN7 once                                     |
| K8    | U    | MWBC      | 2005-06-01 | two plans chosen in one row                  |
| P1    | M    | "wbri"    | 2016-05-01 | JSON with a number value (BAD INPUT); PN0    |
| P2    | F    | null      | 2005-06-01 | JSON an array, and the text null (BAD INPUT) |
| P3    | null | MWBA      | 2005-06-01 | JSON unknown key, and truncated (BAD INPUT)  |
| P4    | M    | WBRI      | 2005-06-01 | plan value " Y " (chosen once trimmed)       |
| Z1    | sent twice, differing (BAD INPUT): no person row | looked after   |
| Z2    | M    | WBRI      | null       | looked after since 2015                      |
| Z3    | F    | "" (null) | 2005-06-01 | started 2017-03-06; no IRO                   |
| Q1-Q7 | F    | black; Q3 CHNE | 2010-01-01; Q3 2014-01-01 | CP plans, conferences |
| Q8    | F    | null      | 2017-05-20 | unborn on E1: a pre-birth CP plan            |

"wbri" is not WBRI (codes compare exactly), so P1's ethnicity group is
unknown; " WBRI " is WBRI after trimming.

Periods of care (all open, start = the only episode's start, RNE S):
K1-K8 CLA-K<i> from Mon 2016-04-04; K4 also had CLA-K4-old 2015-01-05 ..
2015-12-01 (E11); P1-P4 CLA-P<i> from Thu 2016-12-01; Z1 from 2016-09-01;
Z2 from 2015-06-01; Z3 from Mon 2017-03-06.

Looked after reviews, all held (flag N): K1-K8 r1 2016-04-29, r2 2016-07-27,
r3 2017-01-20 (K8's r3 with a null flag); P1-P4 r1 2016-12-20, r2
2017-03-15; and RV-P3-x, cancelled (flag Y) though dated 2017-02-01. Nobody
else has a review.

Professionals: IRO-P (FTE 1) and IRO-Q (FTE 0.5), both role IRO.
"""

from __future__ import annotations

from tests.acceptance.fixture_case_system import EXTRACT, REPORTING_START, CaseSystem, Row

__all__ = ["EXTRACT", "REPORTING_START", "build"]


class CaseSystem2(CaseSystem):
    """The contract-1 helpers, plus the contract-2 columns and table."""

    def person2(self, pid: str, sex: str | None, ethnicity: str | None, dob: str | None) -> None:
        self._add(
            "ssd_person",
            {"pers_person_id": pid, "pers_forename": "Test", "pers_surname": f"Child {pid}",
             "pers_sex": sex, "pers_ethnicity": ethnicity, "pers_dob": dob,
             "pers_death_date": None},
        )  # fmt: skip

    def review2(
        self, rid: str, cla: str, held: str, pn: str | None, contact: str | None,
        cancelled: str | None = "N", due: str | None = None,
    ) -> None:  # fmt: skip
        self._add(
            "ssd_cla_reviews",
            {"clar_cla_review_id": rid, "clar_cla_id": cla, "clar_cla_review_due_date": due,
             "clar_cla_review_date": held, "clar_cla_review_cancelled": cancelled,
             "clar_cla_review_participation": pn,
             "clar_cla_review_last_iro_contact_date": contact},
        )  # fmt: skip

    def care_plan(
        self, cid: str, pid: str, start: str | None, end: str | None, plan_json: str | None
    ) -> None:
        self._add(
            "ssd_cla_care_plan",
            {"lacp_table_id": cid, "lacp_person_id": pid, "lacp_cla_care_plan_start_date": start,
             "lacp_cla_care_plan_end_date": end, "lacp_cla_care_plan_json": plan_json},
        )  # fmt: skip

    def cp_review2(
        self, rid: str, plan: str, pid: str, held: str | None, pn: str | None,
        quorate: str | None,
    ) -> None:  # fmt: skip
        self._add(
            "ssd_cp_reviews",
            {"cppr_cp_review_id": rid, "cppr_cp_plan_id": plan, "cppr_person_id": pid,
             "cppr_cp_review_due": None, "cppr_cp_review_date": held,
             "cppr_cp_review_outcome_continue_cp": "Y", "cppr_cp_review_participation": pn,
             "cppr_cp_review_quorate": quorate},
        )  # fmt: skip

    def escalation2(self, eid: str, raised: str, resolved: str | None, outcome: str | None) -> None:
        self._add(
            "ext_iro_escalations",
            {"esc_escalation_id": eid, "esc_person_id": "K1", "esc_raised_by_id": "IRO-P",
             "esc_case_type": "CLA", "esc_category": "PLAN_DELAY", "esc_raised_date": raised,
             "esc_resolved_date": resolved, "esc_outcome": outcome},
        )  # fmt: skip


def people(cs: CaseSystem2) -> None:
    """The person rows of the table in the module docstring."""
    for pid, sex, ethnicity, dob in [
        ("K1", "M", "WBRI", "2005-06-01"), ("K2", "M", " WBRI ", "2005-06-01"),
        ("K3", "M", "WIRI", "2008-02-10"), ("K4", "M", "WOTH", "2001-03-31"),
        ("K5", "F", "WROM", "2013-06-01"), ("K6", "F", "REFU", "2010-01-01"),
        ("K7", "F", "NOBT", "2005-06-01"), ("K8", "U", "MWBC", "2005-06-01"),
        ("P1", "M", "wbri", "2016-05-01"), ("P2", "F", None, "2005-06-01"),
        ("P3", None, "MWBA", "2005-06-01"), ("P4", "M", "WBRI", "2005-06-01"),
        ("Z2", "M", "WBRI", None), ("Z3", "F", "", "2005-06-01"),
        ("Q1", "F", "BCRB", "2010-01-01"), ("Q2", "F", "BAFR", "2010-01-01"),
        ("Q3", "F", "CHNE", "2014-01-01"), ("Q4", "F", "BOTH", "2010-01-01"),
        ("Q5", "F", "BAFR", "2010-01-01"), ("Q6", "F", "BCRB", "2010-01-01"),
        ("Q7", "F", "BAFR", "2010-01-01"), ("Q8", "F", None, "2017-05-20"),
    ]:  # fmt: skip
        cs.person2(pid, sex, ethnicity, dob)
    # BAD INPUT: Z1 sent twice, differing (duplicate key): both rows left out.
    # Z1's episode still points at a row as received, so it is kept: Z1 is
    # looked after with no person row (sex, age band, ethnicity group unknown).
    cs.person2("Z1", "M", "WBRI", "2006-01-01")
    cs.person2("Z1", "F", "WBRI", "2006-01-01")


# Contact dates per child: (r1, r2, r3) for K, (r1, r2) for P. See
# test_contract2_measures.py for the window of each review.
K_CONTACT = {
    1: ("2016-04-04", "2016-04-30", "2017-01-19"),
    2: ("2016-04-03", "2016-07-27", None),
    3: ("2016-04-20", "2016-04-29", "2017-01-21"),
    4: ("2016-04-15", "2016-06-15", "2016-12-01"),
    5: (None, "2016-06-15", "2016-12-01"),
    6: ("2016-04-15", None, "2016-12-01"),
    7: ("2016-04-15", "2016-06-15", "2016-12-01"),
    8: ("2016-04-15", "2016-06-15", "2016-12-01"),
}
# Participation codes (r1, r2, r3): PN1 unless listed.
K_PN = {5: ("PN0", "PN0", "PN0"), 6: ("PN1", None, "PN1"), 7: ("PN1", "PN1", "PN7"),
        4: ("PN1", "PN1", "PN5")}  # fmt: skip
P_CONTACT = {
    1: ("2016-12-01", "2017-03-01"),
    2: ("2016-12-10", None),
    3: ("2016-12-20", "2016-12-21"),
    4: (None, "2017-03-14"),
}
P_PN = {1: ("PN0", "PN0"), 2: ("PN1", "PN7")}


def looked_after(cs: CaseSystem2) -> None:
    """Periods of care, reviews with contact dates and participation codes."""
    for i in range(1, 9):
        pid, cla = f"K{i}", f"CLA-K{i}"
        cs.episode(f"EP-K{i}", pid, cla, "2016-04-04", "S")
        dates = ("2016-04-29", "2016-07-27", "2017-01-20")
        codes = K_PN.get(i, ("PN1", "PN1", "PN1"))
        rows = zip(dates, codes, K_CONTACT[i], strict=True)
        for k, (held, pn, contact) in enumerate(rows, start=1):
            # K8's third review has a null cancelled flag: not cancelled, held
            flag = None if (i, k) == (8, 3) else "N"
            cs.review2(f"RV-K{i}-{k}", cla, held, pn, contact, cancelled=flag)
    # K4's earlier period of care (no review): its care plan began then.
    cs.episode("EP-K4-old", "K4", "CLA-K4-old", "2015-01-05", "S", "2015-12-01", "E11")
    for i in range(1, 5):
        pid, cla = f"P{i}", f"CLA-P{i}"
        cs.episode(f"EP-P{i}", pid, cla, "2016-12-01", "S")
        codes = P_PN.get(i, ("PN1", "PN1"))
        for k, (held, pn, contact) in enumerate(
            zip(("2016-12-20", "2017-03-15"), codes, P_CONTACT[i], strict=True), start=1
        ):
            cs.review2(f"RV-P{i}-{k}", cla, held, pn, contact)
    # P3: a review CANCELLED (flag Y) though dated 2017-02-01: not held, so not
    # numbered (P3's second review is still 2017-03-15) and not the previous
    # review of any window (P3 r2's window still starts 2016-12-21).
    cs.review2("RV-P3-x", "CLA-P3", "2017-02-01", None, None, cancelled="Y", due="2017-02-01")
    cs.episode("EP-Z1", "Z1", "CLA-Z1", "2016-09-01", "S")
    cs.episode("EP-Z2", "Z2", "CLA-Z2", "2015-06-01", "S")
    cs.episode("EP-Z3", "Z3", "CLA-Z3", "2017-03-06", "S")


def care_plans(cs: CaseSystem2) -> None:
    """Care plan versions, per person (lacp_person_id), half-open."""
    # K1: a plan ENDING on review 2's date (2016-07-27) is not current on it;
    # the version starting that day is {} (no plan agreed).
    cs.care_plan("CP-K1-a", "K1", "2016-04-04", "2016-07-27", '{"LTFOST18": "Y"}')
    cs.care_plan("CP-K1-b", "K1", "2016-07-27", None, "{}")
    # K2: nothing agreed (empty field) until a plan STARTING on review 2's date.
    cs.care_plan("CP-K2-a", "K2", "2016-04-04", "2016-07-27", None)
    cs.care_plan("CP-K2-b", "K2", "2016-07-27", None, '{"RETURN6M": "Y"}')
    # K3: every key empty, blank or null: valid, but no plan chosen.
    cs.care_plan("CP-K3", "K3", "2016-04-04", None,
                 '{"ADOPTION": "", "RETURN1M": null, "LTFOST18": "  "}')  # fmt: skip
    # K4: a plan agreed in the earlier period of care, still current.
    cs.care_plan("CP-K4", "K4", "2015-03-02", None, '{"LTRELFR": "Y"}')
    # K5: parallel planning (the spec's example).
    cs.care_plan("CP-K5", "K5", "2016-06-01", None,
                 '{"ADOPTION": "Y", "LTFOST18": "", "RETURN6M": "Y"}')  # fmt: skip
    # K6: return home within a month, then long-term fostering (RETURN1M dropped, kept as "").
    cs.care_plan("CP-K6-a", "K6", "2016-05-03", "2016-07-01", '{"RETURN1M": "Y"}')
    cs.care_plan("CP-K6-b", "K6", "2016-07-01", None, '{"LTFOST18": "Y", "RETURN1M": ""}')
    cs.care_plan("CP-K7", "K7", "2016-05-03", None, '{"REMAINSUP": "Y"}')
    cs.care_plan("CP-K8", "K8", "2016-05-03", None, '{"OTHERPLN": "Y", "RESPLMT": "Y"}')
    # BAD INPUT (invalid_care_plan_json, row left out): P1 a value that is a
    # number; P2 an array, and the text null; P3 an unknown key ("adoption"
    # is not ADOPTION), and a truncated object. So P1-P3 have no plan.
    cs.care_plan("CP-P1", "P1", "2016-12-01", None, '{"ADOPTION": 1}')
    cs.care_plan("CP-P2", "P2", "2016-12-01", None, '["ADOPTION"]')
    cs.care_plan("CP-P2-b", "P2", "2016-12-01", None, "null")
    cs.care_plan("CP-P3", "P3", "2016-12-01", None, '{"adoption": "Y"}')
    cs.care_plan("CP-P3-b", "P3", "2016-12-01", None, '{"ADOPTION": "Y"')
    # P4: a value " Y " is chosen (not empty once trimmed).
    cs.care_plan("CP-P4", "P4", "2016-12-01", None, '{"RETURNEV": " Y "}')
    # BAD INPUT, the contract-1 rules on the new table: a person that does not
    # exist (unknown_reference) and a null start date (required_field_null):
    # both rows left out.
    cs.care_plan("CP-NOBODY", "NOBODY", "2016-12-01", None, '{"ADOPTION": "Y"}')
    cs.care_plan("CP-K7-z", "K7", None, None, '{"ADOPTION": "Y"}')


def child_protection(cs: CaseSystem2) -> None:
    """CP plans (start .. end) and review conferences (date, PN, quorate)."""
    cs.plan("PQ1a", "Q1", "2016-06-01")
    cs.plan("PQ1b", "Q1", "2016-09-01")  # Q1: two current plans
    cs.plan("PQ2", "Q2", "2016-06-01")
    cs.plan("PQ3", "Q3", "2016-06-01", "2017-03-31")  # ends ON E1
    cs.plan("PQ4", "Q4", "2017-03-31")  # starts ON E1
    cs.plan("PQ5", "Q5", "2016-08-01")
    cs.plan("PQ6", "Q6", "2016-08-01")
    cs.plan("PQ7", "Q7", "2016-08-01", "2017-05-01")
    cs.plan("PQ8", "Q8", "2017-02-01")  # pre-birth plan: Q8 is born 2017-05-20
    cs.plan("PK1", "K1", "2016-10-03")  # K1 is looked after too
    for rid, plan, pid, held, pn, quorate in [
        ("CPR-Q1a-1", "PQ1a", "Q1", "2016-09-01", "PN1", "Y"),
        ("CPR-Q1a-2", "PQ1a", "Q1", "2017-02-20", "PN1", "Y"),
        ("CPR-Q2-1", "PQ2", "Q2", "2016-09-01", "PN2", "Y"),
        ("CPR-Q2-2", "PQ2", "Q2", "2017-02-20", "PN7", "N"),
        ("CPR-Q2-x", "PQ2", "Q2", None, "PN1", "Y"),  # not held: counts nowhere
        ("CPR-Q3-1", "PQ3", "Q3", "2016-09-01", "PN0", "Y"),
        ("CPR-Q3-2", "PQ3", "Q3", "2017-03-01", "PN5", None),
        ("CPR-Q5-1", "PQ5", "Q5", "2016-11-01", "PN6", "Y"),
        ("CPR-Q5-2", "PQ5", "Q5", "2017-05-01", "PN1", "Y"),
        ("CPR-Q6-1", "PQ6", "Q6", "2016-11-01", "PN7", " Y "),
        # BAD INPUT: quorate "y" is not Y (codes compare exactly): the row is
        # left out and counts in no figure (not even its PN1).
        ("CPR-Q6-2", "PQ6", "Q6", "2017-02-20", "PN1", "y"),
        ("CPR-Q7-1", "PQ7", "Q7", "2016-11-01", None, "Y"),
        ("CPR-Q1b-1", "PQ1b", "Q1", "2016-12-01", " PN3 ", "Y"),
        ("CPR-K1-1", "PK1", "K1", "2017-01-10", "PN4", "N"),
        ("CPR-Q8-1", "PQ8", "Q8", "2017-03-20", "PN0", "Y"),
    ]:  # fmt: skip
        cs.cp_review2(rid, plan, pid, held, pn, quorate)


def professionals(cs: CaseSystem2) -> None:
    """IRO-P (FTE 1): K1, K2 from 2016-04-04; K3-K8 from 2016-05-03; P1-P4 from
    2016-12-01; Z2 from 2015-06-01. IRO-Q (FTE 0.5): Q1, Q2, Q3 from 2016-06-01;
    Q5, Q6, Q7 from 2016-08-01; K1 from 2016-10-03; Q4 from 2017-03-31. All
    open. Z1, Z3 and Q8 have no IRO."""
    cs.professional("IRO-P", 1)
    cs.professional("IRO-Q", 0.5)
    allocations = [("K1", "IRO-P", "2016-04-04"), ("K2", "IRO-P", "2016-04-04")]
    allocations += [(f"K{i}", "IRO-P", "2016-05-03") for i in range(3, 9)]
    allocations += [(f"P{i}", "IRO-P", "2016-12-01") for i in range(1, 5)]
    allocations += [("Z2", "IRO-P", "2015-06-01")]
    allocations += [(f"Q{i}", "IRO-Q", "2016-06-01") for i in (1, 2, 3)]
    allocations += [(f"Q{i}", "IRO-Q", "2016-08-01") for i in (5, 6, 7)]
    allocations += [("K1", "IRO-Q", "2016-10-03"), ("Q4", "IRO-Q", "2017-03-31")]
    for pid, prof, start in allocations:
        cs.involvement(f"INV-{pid}-{prof[-1]}", prof, pid, start)


#: (id, raised, resolved, outcome, [(stage, start)]): see test_contract2_measures.py
ESCALATIONS = [
    ("X1", "2016-05-02", "2016-06-01", "RESOLVED",
     [("0", "2016-05-02"), ("1", "2016-05-10"), ("2", "2016-05-20")]),
    ("X2", "2016-06-01", "2016-07-15", "CAFCASS_REFERRAL",
     [("0", "2016-06-01"), ("5", "2016-06-20")]),
    ("X3", "2016-07-01", "2016-09-30", "CAFCASS_REFERRAL",
     [("0", "2016-07-01"), ("1", "2016-07-10"), ("2", "2016-07-20"), ("3", "2016-08-01"),
      ("4", "2016-09-01")]),
    ("X4", "2016-09-01", "2016-11-30", "CAFCASS_REFERRAL", [("3", "2016-09-01")]),
    ("X5", "2016-10-03", "2017-01-31", "WITHDRAWN", [("0", "2016-10-03"), ("2", "2016-11-01")]),
    ("X6", "2016-11-01", "2017-03-01", "CAFCASS_REFERRAL",
     [("0", "2016-11-01"), ("1", "2016-12-01")]),
    ("X7", "2017-01-03", "2017-03-15", "CAFCASS_REFERRAL",
     [("0", "2017-01-03"), ("1", "2017-01-20"), ("2", "2017-02-10")]),
    ("X8", "2017-02-01", "2017-03-31", "CAFCASS_REFERRAL", [("2", "2017-02-01")]),
    ("X9", "2017-03-01", "2017-03-20", "RESOLVED", [("0", "2017-03-01")]),
    ("X10", "2017-03-10", None, None, [("0", "2017-03-10"), ("2", "2017-03-20")]),
    ("X11", "2017-01-10", "2017-02-10", "RESOLVED", []),
    ("X12", "2017-04-03", "2017-05-15", "CAFCASS_REFERRAL",
     [("0", "2017-04-03"), ("3", "2017-04-20")]),
    # BAD INPUT: stage "7" is outside 0-5: that stage row is left out.
    ("X13", "2016-08-01", "2016-08-20", "RESOLVED", [("0", "2016-08-01"), ("7", "2016-08-10")]),
]  # fmt: skip


def escalations(cs: CaseSystem2) -> None:
    for eid, raised, resolved, outcome, stages in ESCALATIONS:
        cs.escalation2(eid, raised, resolved, outcome)
        for stage, start in stages:
            cs.stage(f"XS{eid[1:]}-{stage}", eid, stage, start)


def build() -> dict[str, list[Row]]:
    cs = CaseSystem2()
    people(cs)
    looked_after(cs)
    care_plans(cs)
    child_protection(cs)
    professionals(cs)
    escalations(cs)
    return cs.rows

"""The acceptance case system: a few hand-built children per rule, in one database.

Every scenario below is written so that its effect on each figure can be
worked out by hand from ``shared/spec/rules.md`` and ``measures.md``. The
expected figures live in the ``test_*.py`` files next to this one; each
total there lists the scenarios (children, plans, escalations) it is made of.

Extract date 2017-06-15 (Thursday), reporting start 2016-04-01: months
2016-04 .. 2017-06 and financial years 2016-17, 2017-18. The periods the
tests look at most:

* ``2017-03`` (month) and ``2016-17`` (financial year): complete, both end
  on E1 = 2017-03-31 (Friday); "the 12 months ending E" of 2017-03 is
  2016-04-01 .. 2017-03-31, the financial year itself.
* ``2017-06`` (month) and ``2017-18`` (financial year): provisional; "in the
  period" stops at the extract date (2017-06-01 .. 06-15 and
  2017-04-01 .. 06-15) and every "on E" figure is taken on E2 = 2017-06-15.

England bank holidays that matter (checked against the ``holidays`` package
in ``test_calendar_arithmetic.py``): 2016-03-25, 2016-03-28, 2016-05-02,
2016-05-30, 2016-08-29, 2016-12-26, 2016-12-27 (Christmas Day fell on a
Sunday), 2017-01-02 (New Year's Day fell on a Sunday), 2017-04-14,
2017-04-17, 2017-05-01, 2017-05-29.

Names of the scenarios:

* ``G1``..``G8`` — the big group: eight children in care since 2014-03-03,
  reviewed on time (except G8 once), all with IRO ``IRO-A``; big enough for
  unsuppressed counts, percentages and ratios.
* ``L1``..``L21`` — looked after rules, one or two each.
* ``C1``..``C16`` — child protection rules.
* ``X1``..``X16`` — escalations.
* ``B3`` and the rows marked BAD INPUT — the data-quality rules.
* professionals ``IRO-A``..``IRO-K`` and ``SW-1`` — caseload rules.
"""

from __future__ import annotations

from datetime import date

EXTRACT = date(2017, 6, 15)
REPORTING_START = date(2016, 4, 1)

Row = dict[str, str | float | None]


class CaseSystem:
    """Collects rows per source table, with one small helper per table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {}

    def _add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def person(self, pid: str, dob: str = "2005-06-01") -> None:
        self._add(
            "ssd_person",
            {"pers_person_id": pid, "pers_forename": "Test", "pers_surname": pid,
             "pers_sex": "F", "pers_ethnicity": "WBRI", "pers_dob": dob,
             "pers_death_date": None},
        )  # fmt: skip

    def episode(
        self, eid: str, pid: str, cla: str, start: str, rne: str, ceased: str | None = None,
        rec: str | None = None, placement: str | None = None, entered: str | None = None,
    ) -> None:  # fmt: skip
        self._add(
            "ssd_cla_episodes",
            {"clae_cla_episode_id": eid, "clae_person_id": pid, "clae_cla_id": cla,
             "clae_cla_episode_start_date": start, "clae_cla_episode_start_reason": rne,
             "clae_cla_episode_ceased_date": ceased, "clae_cla_episode_ceased_reason": rec,
             "clae_cla_primary_need_code": "N1", "clae_cla_placement_id": placement,
             "clae_entered_care_date": entered or start},
        )  # fmt: skip

    def placement(
        self, plid: str, cla: str, pid: str, start: str, ptype: str, end: str | None = None
    ) -> None:
        self._add(
            "ssd_cla_placement",
            {"clap_cla_placement_id": plid, "clap_cla_id": cla, "clap_person_id": pid,
             "clap_cla_placement_start_date": start, "clap_cla_placement_end_date": end,
             "clap_cla_placement_type": ptype, "clap_cla_placement_provider": "PR1",
             "clap_cla_placement_urn": None, "clap_cla_placement_postcode": None,
             "clap_cla_placement_change_reason": None},
        )  # fmt: skip

    def legal(self, lid: str, pid: str, status: str, start: str, end: str | None = None) -> None:
        self._add(
            "ssd_legal_status",
            {"lega_legal_status_id": lid, "lega_person_id": pid, "lega_legal_status": status,
             "lega_legal_status_start_date": start, "lega_legal_status_end_date": end},
        )  # fmt: skip

    def review(
        self, rid: str, cla: str, held: str | None = None, pn: str | None = None,
        cancelled: str | None = "N", due: str | None = None,
    ) -> None:  # fmt: skip
        self._add(
            "ssd_cla_reviews",
            {"clar_cla_review_id": rid, "clar_cla_id": cla, "clar_cla_review_due_date": due,
             "clar_cla_review_date": held, "clar_cla_review_cancelled": cancelled,
             "clar_cla_review_participation": pn},
        )  # fmt: skip

    def s47(self, sid: str, pid: str, start: str) -> None:
        self._add(
            "ssd_s47_enquiry",
            {"s47e_s47_enquiry_id": sid, "s47e_referral_id": f"REF-{sid}", "s47e_person_id": pid,
             "s47e_s47_start_date": start, "s47e_s47_end_date": None, "s47e_s47_nfa": "N"},
        )  # fmt: skip

    def icpc(
        self, iid: str, pid: str, held: str, s47: str | None = None, plan: str | None = None,
        transfer: str | None = "N",
    ) -> None:  # fmt: skip
        self._add(
            "ssd_initial_cp_conference",
            {"icpc_icpc_id": iid, "icpc_s47_enquiry_id": s47, "icpc_person_id": pid,
             "icpc_cp_plan_id": plan, "icpc_icpc_transfer_in": transfer,
             "icpc_icpc_target_date": None, "icpc_icpc_date": held,
             "icpc_icpc_outcome_cp_flag": "Y" if plan else "N", "icpc_icpc_worker_id": "IRO-E"},
        )  # fmt: skip

    def plan(
        self, plid: str, pid: str, start: str, end: str | None = None, icpc: str | None = None
    ) -> None:
        self._add(
            "ssd_cp_plans",
            {"cppl_cp_plan_id": plid, "cppl_icpc_id": icpc, "cppl_person_id": pid,
             "cppl_cp_plan_start_date": start, "cppl_cp_plan_end_date": end,
             "cppl_cp_plan_initial_category": "NEG", "cppl_cp_plan_latest_category": "NEG"},
        )  # fmt: skip

    def cp_review(self, rid: str, plan: str, pid: str, held: str | None) -> None:
        self._add(
            "ssd_cp_reviews",
            {"cppr_cp_review_id": rid, "cppr_cp_plan_id": plan, "cppr_person_id": pid,
             "cppr_cp_review_due": None, "cppr_cp_review_date": held,
             "cppr_cp_review_outcome_continue_cp": "Y"},
        )  # fmt: skip

    def professional(self, prof: str, fte: float | None) -> None:
        self._add(
            "ssd_professionals",
            {"prof_professional_id": prof, "prof_professional_name": f"Worker {prof}",
             "prof_professional_job_title": "Independent Reviewing Officer",
             "prof_full_time_equivalency": fte, "prof_agency_worker_flag": "N"},
        )  # fmt: skip

    def involvement(
        self, inv: str, prof: str, pid: str, start: str, end: str | None = None, role: str = "IRO"
    ) -> None:
        self._add(
            "ssd_involvements",
            {"invo_involvements_id": inv, "invo_professional_id": prof,
             "invo_professional_role_id": role, "invo_person_id": pid,
             "invo_involvement_start_date": start, "invo_involvement_end_date": end},
        )  # fmt: skip

    def escalation(
        self, eid: str, pid: str, raised: str, resolved: str | None, case_type: str,
        category: str,
    ) -> None:  # fmt: skip
        self._add(
            "ext_iro_escalations",
            {"esc_escalation_id": eid, "esc_person_id": pid, "esc_raised_by_id": "IRO-A",
             "esc_case_type": case_type, "esc_category": category, "esc_raised_date": raised,
             "esc_resolved_date": resolved, "esc_outcome": "RESOLVED" if resolved else None},
        )  # fmt: skip

    def stage(self, sid: str, eid: str, stage: str, start: str, end: str | None = None) -> None:
        self._add(
            "ext_iro_escalation_stages",
            {"escs_stage_id": sid, "escs_escalation_id": eid, "escs_stage": stage,
             "escs_start_date": start, "escs_end_date": end},
        )  # fmt: skip


def big_group(cs: CaseSystem) -> None:
    """G1..G8: in care since Mon 2014-03-03, one U1 placement, IRO-A since 2014-03-10.

    Legal status C2 (G7, G8: V2, section 20) from 2014-03-03, open. Born
    2005-06-01: aged 11 on E1, 12 on E2 (under 16). IRO-H (FTE 0.1) also
    has G1..G7 since 2016-04-01.

    Review chain (rules.md, reg 33), the same for all eight:
      r1 due add_working_days(2014-03-03, 20) = Mon 2014-03-31 (no bank
         holiday in March 2014); held 2014-03-28
      r2 due 2014-03-28 + 3 months = 2014-06-28; held 2014-06-20
      r3 due 2014-06-20 + 6 months = 2014-12-20; held 2014-12-15
      r4 due 2015-06-15; held 2015-06-10
      r5 due 2015-12-10; held 2015-12-01
      r6 due 2016-06-01; held 2016-05-25   in time, FY 2016-17, all PN1
      r7 due 2016-11-25; held 2016-11-20   in time, FY 2016-17
         G8 holds r7 on 2016-12-02: LATE
         PN: G1-G5 PN1, G6 PN5, G7 PN7, G8 PN0
      r8 due 2017-05-20 (G8: 2016-12-02 + 6 months = 2017-06-02);
         held 2017-05-15: in time, FY 2017-18; PN1 except G2 PN6
      r9 due 2017-11-15: nobody is overdue on E1 (next due r8, 2017-05-20
         or 2017-06-02) or on E2 (next due r9).
    Stability: one placement since 2014-03-03 (G6 changes legal status on
    2015-06-01 with a new placement id: still the same placement), so on E1 (E-30 months =
    2014-09-30, E-24 months = 2015-03-31) and on E2 (2014-12-15, 2015-06-15)
    each is in both the denominator and the numerator of
    stability_long_term_pct; one placement in any 12 months.
    """
    early = ["2014-03-28", "2014-06-20", "2014-12-15", "2015-06-10", "2015-12-01", "2016-05-25"]
    r7_pn = {1: "PN1", 2: "PN1", 3: "PN1", 4: "PN1", 5: "PN1", 6: "PN5", 7: "PN7", 8: "PN0"}
    for i in range(1, 9):
        pid, cla = f"G{i}", f"CLA-G{i}"
        cs.person(pid)
        cs.placement(f"PL-G{i}", cla, pid, "2014-03-03", "U1")
        if i == 6:
            # RNE L with a different placement id (PL-G6b, U2) from 2015-06-01:
            # an L episode continues the current placement, which still starts
            # 2014-03-03 (<= E1 - 24 months). Counting it as a new placement
            # would start one on 2015-06-01 > 2015-03-31 and drop G6 from the
            # numerator of stability_long_term_pct on E1.
            cs.placement("PL-G6b", cla, pid, "2015-06-01", "U2")
            cs.episode("EP-G6", pid, cla, "2014-03-03", "S", "2015-06-01", "X1", "PL-G6")
            cs.episode("EP-G6b", pid, cla, "2015-06-01", "L", placement="PL-G6b")
        else:
            cs.episode(f"EP-G{i}", pid, cla, "2014-03-03", "S", placement=f"PL-G{i}")
        cs.legal(f"LS-G{i}", pid, "V2" if i >= 7 else "C2", "2014-03-03")
        for k, held in enumerate(early, start=1):
            cs.review(f"RV-G{i}-{k}", cla, held, "PN1")
        cs.review(f"RV-G{i}-7", cla, "2016-12-02" if i == 8 else "2016-11-20", r7_pn[i])
        cs.review(f"RV-G{i}-8", cla, "2017-05-15", "PN6" if i == 2 else "PN1", cancelled=None)
        cs.involvement(f"INV-G{i}-A", "IRO-A", pid, "2014-03-10")
        if i <= 7:
            cs.involvement(f"INV-G{i}-H", "IRO-H", pid, "2016-04-01")


def looked_after(cs: CaseSystem) -> None:
    """L1..L21: one or two looked after rules each (see each block)."""
    # L1 -- HALF-OPEN END. Period Tue 2016-05-10 .. 2017-03-31 (E11): ceased on
    # E1, so NOT looked after on E1; started in FY 2016-17, ceased in 2017-03.
    # Reviews: r1 due add_working_days(2016-05-10, 20) = Wed 2016-06-08 (Mon
    # 30 May is a bank holiday); held ON the due date 2016-06-08: in time, PN3.
    # r2 due 2016-09-08, held 2016-09-09: LATE, PN4. r3 due 2017-03-09, held
    # 2017-03-01: in time, PN7 (in 2017-03).
    # IRO: IRO-B from add_working_days(2016-05-10, 5) = Tue 2016-05-17: in time.
    cs.person("L1")
    cs.placement("PL-L1", "CLA-L1", "L1", "2016-05-10", "U3", "2017-03-31")
    cs.episode("EP-L1", "L1", "CLA-L1", "2016-05-10", "S", "2017-03-31", "E11", "PL-L1")
    cs.legal("LS-L1", "L1", "C2", "2016-05-10", "2017-03-31")
    cs.review("RV-L1-1", "CLA-L1", "2016-06-08", "PN3")
    cs.review("RV-L1-2", "CLA-L1", "2016-09-09", "PN4")
    cs.review("RV-L1-3", "CLA-L1", "2017-03-01", "PN7")
    cs.involvement("INV-L1-B", "IRO-B", "L1", "2016-05-17", "2017-03-31")

    # L2 -- PERIOD START = EARLIEST EPISODE START (entered-care date 2015-01-01
    # is not used), X1 chain, PLACEMENT COLLAPSING. Period CLA-L2 from Wed
    # 2016-06-01, open: started in FY 2016-17, looked after on E1 and E2.
    #   EP-L2a 2016-06-01 S  placement PL-L2a (U1) -> placement 1 starts
    #   EP-L2b 2016-09-01 L  PL-L2a                -> continues (same placement id)
    #   EP-L2c 2016-10-03 P  PL-L2t (T1)           -> temporary: skipped
    #   EP-L2d 2016-10-10 P  PL-L2a                -> same id as the last episode
    #                                                 not skipped: continues
    # One placement only.
    # Reviews: r1 due add_working_days(2016-06-01, 20) = Wed 2016-06-29, held
    # 06-24 in time; r2 due 2016-09-24, held 09-20 in time; r3 due 2017-03-20,
    # held 2017-03-20 in time (2017-03); r4 due 2017-09-20: not overdue. All PN1.
    # IRO: IRO-B and IRO-G from 2016-06-01: allocated in time.
    cs.person("L2")
    cs.placement("PL-L2a", "CLA-L2", "L2", "2016-06-01", "U1")
    cs.placement("PL-L2t", "CLA-L2", "L2", "2016-10-03", "T1", "2016-10-10")
    cs.episode("EP-L2a", "L2", "CLA-L2", "2016-06-01", "S", "2016-09-01", "X1", "PL-L2a",
               entered="2015-01-01")  # fmt: skip
    cs.episode("EP-L2b", "L2", "CLA-L2", "2016-09-01", "L", "2016-10-03", "X1", "PL-L2a",
               entered="2015-01-01")  # fmt: skip
    cs.episode("EP-L2c", "L2", "CLA-L2", "2016-10-03", "P", "2016-10-10", "X1", "PL-L2t",
               entered="2015-01-01")  # fmt: skip
    cs.episode("EP-L2d", "L2", "CLA-L2", "2016-10-10", "P", placement="PL-L2a",
               entered="2015-01-01")  # fmt: skip
    cs.legal("LS-L2", "L2", "C2", "2016-06-01")
    cs.review("RV-L2-1", "CLA-L2", "2016-06-24", "PN1")
    cs.review("RV-L2-2", "CLA-L2", "2016-09-20", "PN1", cancelled=None)
    cs.review("RV-L2-3", "CLA-L2", "2017-03-20", "PN1")
    cs.involvement("INV-L2-B", "IRO-B", "L2", "2016-06-01")
    cs.involvement("INV-L2-G", "IRO-G", "L2", "2016-06-01")

    # L3 -- LAST EPISODE CEASED WITH X1: period still open. NO LEGAL STATUS ROW:
    # still looked after. Period from Fri 2016-07-01 (started in FY 2016-17),
    # looked after on E1 and E2. No review: r1 due add_working_days(2016-07-01,
    # 20) = Fri 2016-07-29, so OVERDUE on E1 and E2. Only a social worker
    # (role SW, professional SW-1): no IRO on E1/E2, not allocated in time.
    cs.person("L3")
    cs.placement("PL-L3", "CLA-L3", "L3", "2016-07-01", "U2")
    cs.episode("EP-L3", "L3", "CLA-L3", "2016-07-01", "S", "2016-11-01", "X1", "PL-L3")
    cs.involvement("INV-L3-SW", "SW-1", "L3", "2016-07-01", role="SW")

    # L4 -- NULL CEASED REASON ENDS THE PERIOD: Mon 2016-08-01 .. 2017-03-15;
    # started in FY 2016-17, ceased in 2017-03; not looked after on E1.
    # r1 due add_working_days(2016-08-01, 20) = Tue 2016-08-30 (Mon 29 Aug is a
    # bank holiday), held 2016-08-30: in time; r2 due 2016-11-30, held
    # 2016-11-30: in time. Both PN1.
    # IRO-B from 2016-08-09, one day after add_working_days(2016-08-01, 5) =
    # Mon 2016-08-08: NOT in time.
    cs.person("L4")
    cs.placement("PL-L4", "CLA-L4", "L4", "2016-08-01", "U1", "2017-03-15")
    cs.episode("EP-L4", "L4", "CLA-L4", "2016-08-01", "S", "2017-03-15", None, "PL-L4")
    cs.legal("LS-L4", "L4", "C1", "2016-08-01", "2017-03-15")
    cs.review("RV-L4-1", "CLA-L4", "2016-08-30", "PN1")
    cs.review("RV-L4-2", "CLA-L4", "2016-11-30", "PN1")
    cs.involvement("INV-L4-B", "IRO-B", "L4", "2016-08-09", "2017-03-15")

    # L5 -- SHORT-BREAK PERIOD (V3 on its start date) 2017-03-06 .. 03-08:
    # left out of starts, ceases and reviews (its review of 2017-03-07 is not
    # counted), and of IRO allocation (it has no IRO).
    cs.person("L5")
    cs.placement("PL-L5", "CLA-L5", "L5", "2017-03-06", "U1", "2017-03-08")
    cs.episode("EP-L5", "L5", "CLA-L5", "2017-03-06", "S", "2017-03-08", "E8", "PL-L5")
    cs.legal("LS-L5", "L5", "V3", "2017-03-06", "2017-03-08")
    cs.review("RV-L5-1", "CLA-L5", "2017-03-07", "PN1")

    # L5B -- SHORT-BREAK PERIOD that later changes to C2: legal status V4 on its
    # start date Mon 2017-02-06, C2 from 2017-02-20. Still a short-break
    # period (status on its START date decides): not started in 2017-02 or FY
    # 2016-17, not looked after on E1 or E2, no review or IRO figure.
    cs.person("L5B")
    cs.placement("PL-L5B", "CLA-L5B", "L5B", "2017-02-06", "U1")
    cs.episode("EP-L5B", "L5B", "CLA-L5B", "2017-02-06", "S", placement="PL-L5B")
    cs.legal("LS-L5Ba", "L5B", "V4", "2017-02-06", "2017-02-20")
    cs.legal("LS-L5Bb", "L5B", "C2", "2017-02-20")

    # L6 -- LEGAL STATUS V4 ON E: period Mon 2016-10-03, open, C2 at its start
    # (not a short break: started in FY 2016-17, reviews count), V4 from
    # 2017-03-01: NOT looked after on E1 or E2.
    # r1 due add_working_days(2016-10-03, 20) = Mon 2016-10-31, held
    # 2016-10-28: in time, PN1. IRO-C from 2016-10-03: in time.
    cs.person("L6")
    cs.placement("PL-L6", "CLA-L6", "L6", "2016-10-03", "U1")
    cs.episode("EP-L6", "L6", "CLA-L6", "2016-10-03", "S", placement="PL-L6")
    cs.legal("LS-L6a", "L6", "C2", "2016-10-03", "2017-03-01")
    cs.legal("LS-L6b", "L6", "V4", "2017-03-01")
    cs.review("RV-L6-1", "CLA-L6", "2016-10-28", "PN1")
    cs.involvement("INV-L6-C", "IRO-C", "L6", "2016-10-03")

    # L7 -- TWO CURRENT PERIODS, COUNTED ONCE: CLA-L7A from Wed 2016-04-20 and
    # CLA-L7B from Tue 2016-11-15, both open (overlapping episodes: listed,
    # not changed). Two periods started in FY 2016-17; one child looked after
    # on E1/E2. Current period = latest start = CLA-L7B, whose reviews decide
    # "overdue": r1 due add_working_days(2016-11-15, 20) = Tue 2016-12-13,
    # held 12-12 in time PN1; r2 due 2017-03-12, held 2017-03-10 in time,
    # participation code NULL (in neither side of participation/attendance);
    # r3 due 2017-09-10: not overdue. (CLA-L7A has no review at all: a model
    # that took it as current would call L7 overdue.)
    # Placements: EP-L7B is of a different period: a second placement; 2 in
    # the 12 months ending E1. IRO-C from 2016-04-20 covers both starts.
    cs.person("L7")
    cs.placement("PL-L7A", "CLA-L7A", "L7", "2016-04-20", "U1")
    cs.placement("PL-L7B", "CLA-L7B", "L7", "2016-11-15", "U4")
    cs.episode("EP-L7A", "L7", "CLA-L7A", "2016-04-20", "S", placement="PL-L7A")
    cs.episode("EP-L7B", "L7", "CLA-L7B", "2016-11-15", "S", placement="PL-L7B")
    cs.legal("LS-L7", "L7", "C2", "2016-04-20")
    cs.review("RV-L7B-1", "CLA-L7B", "2016-12-12", "PN1")
    cs.review("RV-L7B-2", "CLA-L7B", "2017-03-10", None)
    cs.involvement("INV-L7-C", "IRO-C", "L7", "2016-04-20")

    # L8 -- REVIEW 1 ACROSS CHRISTMAS: period Mon 2016-12-19, open.
    # add_working_days(2016-12-19, 20): 20, 21, 22, 23 Dec (4); 26 and 27 Dec
    # are bank holidays; 28, 29, 30 Dec (7); Mon 2 Jan is a bank holiday;
    # 3-6 Jan (11); 9-13 Jan (16); 16, 17, 18, 19 Jan (20) = Thu 2017-01-19.
    # r1 held 2017-01-19: in time (ignoring the holidays would give 01-16: late).
    # r2 due 2017-04-19, held 2017-04-19: in time (FY 2017-18). r3 due
    # 2017-10-19: not overdue on E1 or E2. Both PN1.
    # IRO-C from add_working_days(2016-12-19, 5) = Wed 2016-12-28: in time.
    cs.person("L8")
    cs.placement("PL-L8", "CLA-L8", "L8", "2016-12-19", "U1")
    cs.episode("EP-L8", "L8", "CLA-L8", "2016-12-19", "S", placement="PL-L8")
    cs.legal("LS-L8", "L8", "C2", "2016-12-19")
    cs.review("RV-L8-1", "CLA-L8", "2017-01-19", "PN1")
    cs.review("RV-L8-2", "CLA-L8", "2017-04-19", "PN1")
    cs.involvement("INV-L8-C", "IRO-C", "L8", "2016-12-28")

    # L9 -- MONTH-END CLAMP: period Tue 2016-11-01, open. r1 due
    # add_working_days(2016-11-01, 20) = Tue 2016-11-29; held 2016-11-30: LATE.
    # r2 due 2016-11-30 + 3 months = 2017-02-28 (clamped); held 2017-03-01:
    # LATE (2017-03), PN2. r3 due 2017-09-01: not overdue.
    # IRO: an old IRO-B involvement 2016-01-04 .. 2016-11-01 ends ON the start
    # day (needs end > s): NOT allocated in time; no IRO on E1. (On E2 it has
    # one: INV-L9-K, see after L21.)
    cs.person("L9")
    cs.placement("PL-L9", "CLA-L9", "L9", "2016-11-01", "U1")
    cs.episode("EP-L9", "L9", "CLA-L9", "2016-11-01", "S", placement="PL-L9")
    cs.legal("LS-L9", "L9", "C2", "2016-11-01")
    cs.review("RV-L9-1", "CLA-L9", "2016-11-30", "PN1")
    cs.review("RV-L9-2", "CLA-L9", "2017-03-01", "PN2")
    cs.involvement("INV-L9-B", "IRO-B", "L9", "2016-01-04", "2016-11-01")

    # L10 -- OVERDUE AND CANCELLED: period Tue 2015-09-01, open, IRO-A.
    # r1 due add_working_days(2015-09-01, 20) = 2015-09-29, held 09-25;
    # r2 due 2015-12-25, held 2015-12-20; r3 due 2016-06-20, held 2016-06-20:
    # in time, PN1; r4 due 2016-12-20, not held until 2017-06-05: LATE (2017-06).
    # On E1: 3 held reviews, next due 2016-12-20 < E1: OVERDUE. On E2: 4 held,
    # next due 2017-12-05: not overdue.
    # Cancelled rows (counted by recorded due date): RV-L10-c1 due 2017-03-10
    # (it even has a date, but cancelled = Y: not held) -> 2017-03 and FY
    # 2016-17; RV-L10-c2 due 2017-06-14 -> 2017-06 and 2017-18; RV-L10-c3 due
    # 2017-06-20, after the extract date: in no period yet.
    cs.person("L10")
    cs.placement("PL-L10", "CLA-L10", "L10", "2015-09-01", "U1")
    cs.episode("EP-L10", "L10", "CLA-L10", "2015-09-01", "S", placement="PL-L10")
    cs.legal("LS-L10", "L10", "C2", "2015-09-01")
    cs.review("RV-L10-1", "CLA-L10", "2015-09-25", "PN1")
    cs.review("RV-L10-2", "CLA-L10", "2015-12-20", "PN1")
    cs.review("RV-L10-3", "CLA-L10", "2016-06-20", "PN1")
    cs.review("RV-L10-4", "CLA-L10", "2017-06-05", "PN1")
    cs.review("RV-L10-c1", "CLA-L10", "2017-03-10", "PN1", cancelled="Y", due="2017-03-10")
    cs.review("RV-L10-c2", "CLA-L10", None, None, cancelled="Y", due="2017-06-14")
    cs.review("RV-L10-c3", "CLA-L10", None, None, cancelled="Y", due="2017-06-20")
    cs.involvement("INV-L10-A", "IRO-A", "L10", "2015-09-05")

    # L11 -- THREE PLACEMENTS IN 12 MONTHS: period Mon 2016-02-01, open.
    #   EP-L11a 2016-02-01 S -> placement 1 (2016-02-01 .. 2016-05-02)
    #   EP-L11b 2016-05-02 P -> placement 2 (2016-05-02 .. 2016-09-01)
    #   EP-L11c 2016-08-01 T -> same carer: continues placement 2
    #   EP-L11d 2016-09-01 B -> placement 3 (2016-09-01 .. open)
    #   EP-L11e 2016-12-01 U -> same carer: continues placement 3
    # 12 months ending E1 (2016-04-01 .. 2017-03-31): placements 1 (ends
    # 2016-05-02 > 2016-04-01), 2, 3 = 3: in the numerator on E1.
    # 12 months ending E2 for month 2017-06 (2016-06-16 .. 2017-06-15):
    # placements 2, 3 = 2; financial year 2017-18: placement 3 = 1. Not in
    # the numerator on E2 (T or U counted as moves would make it 3 for 2017-06).
    # r1 due add_working_days(2016-02-01, 20) = Mon 2016-02-29, held 02-26;
    # r2 due 2016-05-26, held 05-20; r3 due 2016-11-20, held 11-18; r4 due
    # 2017-05-18, held 2017-05-18: all in time, PN1. IRO-B since 2016-02-01,
    # IRO-G since 2016-06-01.
    cs.person("L11")
    for k, (start, end, ptype, rne) in enumerate(
        [("2016-02-01", "2016-05-02", "U1", "S"), ("2016-05-02", "2016-08-01", "U2", "P"),
         ("2016-08-01", "2016-09-01", "U3", "T"), ("2016-09-01", "2016-12-01", "U4", "B"),
         ("2016-12-01", None, "U5", "U")]
    ):  # fmt: skip
        letter = "abcde"[k]
        cs.placement(f"PL-L11{letter}", "CLA-L11", "L11", start, ptype, end)
        cs.episode(f"EP-L11{letter}", "L11", "CLA-L11", start, rne, end, "X1" if end else None,
                   f"PL-L11{letter}")  # fmt: skip
    cs.legal("LS-L11", "L11", "C2", "2016-02-01")
    for k, held in enumerate(["2016-02-26", "2016-05-20", "2016-11-18", "2017-05-18"], 1):
        cs.review(f"RV-L11-{k}", "CLA-L11", held, "PN1")
    cs.involvement("INV-L11-B", "IRO-B", "L11", "2016-02-01")
    cs.involvement("INV-L11-G", "IRO-G", "L11", "2016-06-01")

    # L12 -- LONG-TERM VIA ADOPTION: born 2008-01-01, period 2013-05-01, open.
    # Placement 1 U1 2013-05-01 .. 2017-01-09; placement 2 A4 from 2017-01-09.
    # On E1: period started <= 2014-09-30, under 16: denominator; current
    # placement is A4 and the previous one started 2013-05-01 <= 2015-03-31:
    # NUMERATOR. Same on E2. 2 placements in the 12 months ending E1.
    # No review at all: OVERDUE on E1 and E2. IRO-B and IRO-G.
    cs.person("L12", dob="2008-01-01")
    cs.placement("PL-L12a", "CLA-L12", "L12", "2013-05-01", "U1", "2017-01-09")
    cs.placement("PL-L12b", "CLA-L12", "L12", "2017-01-09", "A4")
    cs.episode("EP-L12a", "L12", "CLA-L12", "2013-05-01", "S", "2017-01-09", "X1", "PL-L12a")
    cs.episode("EP-L12b", "L12", "CLA-L12", "2017-01-09", "P", placement="PL-L12b")
    cs.legal("LS-L12", "L12", "C2", "2013-05-01")
    cs.involvement("INV-L12-B", "IRO-B", "L12", "2013-05-10")
    cs.involvement("INV-L12-G", "IRO-G", "L12", "2016-06-01")

    # L13 -- TURNS 16 ON E1 (born 2001-03-31): not under 16 on E1 or E2, so
    # not in stability_long_term_pct although in care since 2012-06-01.
    # No review: OVERDUE on E1 and E2. Its IRO-J involvement 2016-01-01 ..
    # 2017-03-31 ends ON E1: no IRO on E1 (and IRO-J is not in post on E1).
    cs.person("L13", dob="2001-03-31")
    cs.placement("PL-L13", "CLA-L13", "L13", "2012-06-01", "U1")
    cs.episode("EP-L13", "L13", "CLA-L13", "2012-06-01", "S", placement="PL-L13")
    cs.legal("LS-L13", "L13", "C2", "2012-06-01")
    cs.involvement("INV-L13-J", "IRO-J", "L13", "2016-01-01", "2017-03-31")

    # L14 -- LONG-TERM, ADOPTION WITH A TOO-RECENT PREVIOUS PLACEMENT: born
    # 2006-01-01, period 2014-01-06, open. Placements: U1 2014-01-06, U2
    # 2015-06-01, A3 2016-06-01 (current).
    # E1: denominator (period <= 2014-09-30); current placement 2016-06-01 >
    # 2015-03-31 and previous placement 2015-06-01 > 2015-03-31: NOT numerator.
    # E2: E-24 months = 2015-06-15 >= 2015-06-01: NUMERATOR.
    # Placements in the 12 months ending E1: 2 (the U2 one ends 2016-06-01).
    # No review: OVERDUE on E1 and E2. IRO-B and IRO-G.
    cs.person("L14", dob="2006-01-01")
    cs.placement("PL-L14a", "CLA-L14", "L14", "2014-01-06", "U1", "2015-06-01")
    cs.placement("PL-L14b", "CLA-L14", "L14", "2015-06-01", "U2", "2016-06-01")
    cs.placement("PL-L14c", "CLA-L14", "L14", "2016-06-01", "A3")
    cs.episode("EP-L14a", "L14", "CLA-L14", "2014-01-06", "S", "2015-06-01", "X1", "PL-L14a")
    cs.episode("EP-L14b", "L14", "CLA-L14", "2015-06-01", "P", "2016-06-01", "X1", "PL-L14b")
    cs.episode("EP-L14c", "L14", "CLA-L14", "2016-06-01", "P", placement="PL-L14c")
    cs.legal("LS-L14", "L14", "C2", "2014-01-06")
    cs.involvement("INV-L14-B", "IRO-B", "L14", "2014-01-10")
    cs.involvement("INV-L14-G", "IRO-G", "L14", "2016-06-01")

    # L15 -- SECTION 20 FOR EXACTLY 6 MONTHS: period and V2 from Fri 2016-09-30
    # = E1 - 6 months: counted on E1 (on or before) and on E2. Started in FY.
    # r1 due add_working_days(2016-09-30, 20) = Fri 2016-10-28, held 10-27 in
    # time, PN5; r2 due 2017-01-27, held 2017-01-30: LATE, PN5; r3 due
    # 2017-07-30: not overdue. IRO-C from 2016-09-30: in time.
    cs.person("L15")
    cs.placement("PL-L15", "CLA-L15", "L15", "2016-09-30", "U1")
    cs.episode("EP-L15", "L15", "CLA-L15", "2016-09-30", "S", placement="PL-L15")
    cs.legal("LS-L15", "L15", "V2", "2016-09-30")
    cs.review("RV-L15-1", "CLA-L15", "2016-10-27", "PN5")
    cs.review("RV-L15-2", "CLA-L15", "2017-01-30", "PN5")
    cs.involvement("INV-L15-C", "IRO-C", "L15", "2016-09-30")

    # L16 -- SECTION 20 TOO RECENT ON E1: period Tue 2016-03-01 (before FY),
    # C2 until 2016-10-01, then V2 from 2016-10-01 > E1 - 6 months: not
    # counted on E1; counted on E2 (<= 2016-12-15).
    # r1 due add_working_days(2016-03-01, 20) = Thu 2016-03-31 (Easter:
    # 25 and 28 March), held 03-30; r2 due 2016-06-30, held 06-28 in time,
    # PN6; r3 due 2016-12-28, held 2016-12-28 in time, PN6; r4 due 2017-06-28:
    # not overdue on E2. IRO-C from 2016-03-01.
    cs.person("L16")
    cs.placement("PL-L16", "CLA-L16", "L16", "2016-03-01", "U1")
    cs.episode("EP-L16", "L16", "CLA-L16", "2016-03-01", "S", placement="PL-L16")
    cs.legal("LS-L16a", "L16", "C2", "2016-03-01", "2016-10-01")
    cs.legal("LS-L16b", "L16", "V2", "2016-10-01")
    cs.review("RV-L16-1", "CLA-L16", "2016-03-30", "PN6")
    cs.review("RV-L16-2", "CLA-L16", "2016-06-28", "PN6")
    cs.review("RV-L16-3", "CLA-L16", "2016-12-28", "PN6")
    cs.involvement("INV-L16-C", "IRO-C", "L16", "2016-03-01")

    # L18 -- CEASED DATE AFTER THE EXTRACT DATE (BAD INPUT: treated as null):
    # period Mon 2017-04-03, "ceased" 2017-06-30: still looked after on E2,
    # NOT ceased in 2017-06. Started in FY 2017-18 (month 2017-04).
    # r1 due add_working_days(2017-04-03, 20): 4-7 Apr (4); 10-13 Apr (8); 14
    # and 17 Apr are bank holidays; 18-21 Apr (12); 24-28 Apr (17); Mon 1 May
    # is a bank holiday; 2, 3, 4 May (20) = Thu 2017-05-04; held 2017-05-04 in
    # time, PN7. r2 due 2017-08-04: not overdue on E2.
    # IRO-D from add_working_days(2017-04-03, 5) = Mon 2017-04-10: in time.
    cs.person("L18")
    cs.placement("PL-L18", "CLA-L18", "L18", "2017-04-03", "U1")
    cs.episode("EP-L18", "L18", "CLA-L18", "2017-04-03", "S", "2017-06-30", "E11", "PL-L18")
    cs.legal("LS-L18", "L18", "C2", "2017-04-03")
    cs.review("RV-L18-1", "CLA-L18", "2017-05-04", "PN7")
    cs.involvement("INV-L18-D", "IRO-D", "L18", "2017-04-10")

    # L19 -- STARTED AND CEASED IN THE PROVISIONAL YEAR: Tue 2017-05-02 ..
    # 2017-06-09 (E13): started 2017-18, ceased 2017-06 and 2017-18.
    # r1 due add_working_days(2017-05-02, 20) = Wed 2017-05-31 (29 May is a
    # bank holiday), held 2017-06-01: LATE, PN1. No IRO: not in time.
    cs.person("L19")
    cs.placement("PL-L19", "CLA-L19", "L19", "2017-05-02", "U1", "2017-06-09")
    cs.episode("EP-L19", "L19", "CLA-L19", "2017-05-02", "S", "2017-06-09", "E13", "PL-L19")
    cs.legal("LS-L19", "L19", "C2", "2017-05-02", "2017-06-09")
    cs.review("RV-L19-1", "CLA-L19", "2017-06-01", "PN1")

    # L20 -- STARTED IN THE PROVISIONAL MONTH: Mon 2017-06-05, open. Looked
    # after on E2. r1 due add_working_days(2017-06-05, 20) = Mon 2017-07-03:
    # not overdue on E2. IRO-D from add_working_days(2017-06-05, 5) =
    # Mon 2017-06-12: in time.
    cs.person("L20")
    cs.placement("PL-L20", "CLA-L20", "L20", "2017-06-05", "U1")
    cs.episode("EP-L20", "L20", "CLA-L20", "2017-06-05", "S", placement="PL-L20")
    cs.legal("LS-L20", "L20", "C2", "2017-06-05")
    cs.involvement("INV-L20-D", "IRO-D", "L20", "2017-06-12")

    # L21 -- EPISODE ORDER, OPEN LAST: two episodes of CLA-L21 both start Mon
    # 2016-06-06 (overlapping: listed only); EP-L21a ceased 2016-06-20 (E11),
    # EP-L21b open. Ordered by start, then ceased date with the open one
    # last, the last episode is EP-L21b: the period is OPEN, looked after on
    # E1 and E2 (a model taking EP-L21a as last would end it on 2016-06-20).
    # Started in FY 2016-17 (month 2016-06). EP-L21b (RNE L) has the same
    # placement id PL-L21 as EP-L21a: one placement. No review: r1 due
    # add_working_days(2016-06-06, 20) = Mon 2016-07-04, OVERDUE on E1 and
    # E2. IRO-B from 2016-06-06: in time.
    cs.person("L21")
    cs.placement("PL-L21", "CLA-L21", "L21", "2016-06-06", "U1")
    cs.episode("EP-L21a", "L21", "CLA-L21", "2016-06-06", "S", "2016-06-20", "E11", "PL-L21")
    cs.episode("EP-L21b", "L21", "CLA-L21", "2016-06-06", "L", placement="PL-L21")
    cs.legal("LS-L21", "L21", "C2", "2016-06-06")
    cs.involvement("INV-L21-B", "IRO-B", "L21", "2016-06-06")

    # G5 (big group) -- LEGAL STATUS TIE: besides LS-G5 (C2 since 2014-03-03)
    # two rows start 2016-04-01, both open: "LS-G5-10" V4 and "LS-G5-9" C2.
    # Latest start first, then the largest id compared as text: "LS-G5-9" >
    # "LS-G5-10", so G5's legal status is C2 and G5 stays looked after (a
    # numeric comparison would pick V4 and drop G5 from every figure on E).
    cs.legal("LS-G5-10", "G5", "V4", "2016-04-01")
    cs.legal("LS-G5-9", "G5", "C2", "2016-04-01")

    # L9 (above) -- AN INVOLVEMENT WHOSE PROFESSIONAL IS LEFT OUT: IRO-K's
    # two rows differ (duplicate key), so IRO-K is left out, but INV-L9-K
    # (from 2017-04-03, open) still gives L9 an IRO on E2; IRO-K is not in
    # post and adds no FTE.
    cs.involvement("INV-L9-K", "IRO-K", "L9", "2017-04-03")


def child_protection(cs: CaseSystem) -> None:
    """C1..C16: conferences, plans, review conferences. Children born 2010-01-01."""
    for i in range(1, 16):
        cs.person(f"C{i}", dob="2010-01-01")

    # C1 -- ICPC IN TIME ON THE DUE DAY, REPEAT PLAN. Enquiry Wed 2017-03-01:
    # add_working_days(2017-03-01, 15) = Wed 2017-03-22; ICPC 2017-03-22 (in
    # time, transfer flag null = not a transfer-in). Plan PLN1 from 2017-03-22,
    # open. C1 had PLN1-old 2012-02-01 .. 2012-08-01: PLN1 is a REPEAT plan.
    # A review conference dated 2017-06-20 (after the extract date) is left
    # out (bad input). IRO-E since 2017-03-01.
    cs.s47("SE1", "C1", "2017-03-01")
    cs.icpc("IC1", "C1", "2017-03-22", s47="SE1", plan="PLN1", transfer=None)
    cs.plan("PLN1", "C1", "2017-03-22", icpc="IC1")
    cs.plan("PLN1-old", "C1", "2012-02-01", "2012-08-01")
    cs.cp_review("CPR1-1", "PLN1", "C1", "2017-06-20")
    cs.involvement("INV-C1-E", "IRO-E", "C1", "2017-03-01")

    # C2 -- ICPC ONE DAY LATE: enquiry 2017-03-01, ICPC Thu 2017-03-23.
    # (The ICPC row is sent twice, identical: BAD INPUT counted once.)
    # Plan PLN2 from 2017-03-23, end 2017-07-01 after the extract date (BAD
    # INPUT: treated as null, still current on E2). Review 1 due 2017-06-23,
    # held 2017-06-14: in time. IRO-E since 2017-03-01.
    cs.s47("SE2", "C2", "2017-03-01")
    cs.icpc("IC2", "C2", "2017-03-23", s47="SE2", plan="PLN2")
    cs.icpc("IC2", "C2", "2017-03-23", s47="SE2", plan="PLN2")
    cs.plan("PLN2", "C2", "2017-03-23", "2017-07-01", icpc="IC2")
    cs.cp_review("CPR2-1", "PLN2", "C2", "2017-06-14")
    cs.involvement("INV-C2-E", "IRO-E", "C2", "2017-03-01")

    # C3 -- TRANSFER-IN ICPC 2017-03-15 (no enquiry): counted in icpc_held, in
    # neither side of icpc_in_15wd_pct. Plan PLN3 2017-03-15 .. 2017-06-15:
    # ends ON E2: not current on E2, ended in 2017-06 (the extract day is
    # in the provisional period). No IRO.
    cs.icpc("IC3", "C3", "2017-03-15", plan="PLN3", transfer="Y")
    cs.plan("PLN3", "C3", "2017-03-15", "2017-06-15", icpc="IC3")

    # C4 -- ICPC 2017-03-20 with NO ENQUIRY, not a transfer-in: in icpc_held
    # only. No plan.
    cs.icpc("IC4", "C4", "2017-03-20")

    # C6 -- ICPC ACROSS CHRISTMAS: enquiry Thu 2016-12-15;
    # add_working_days(2016-12-15, 15): 16 Dec (1); 19-23 (6); 26, 27 Dec
    # holidays; 28-30 (9); 2 Jan holiday; 3-6 Jan (13); 9, 10 Jan (15) =
    # Tue 2017-01-10. ICPC 2017-01-10: in time. Plan PLN6 2017-01-10 ..
    # 2017-03-31: ends ON E1, not current on E1, ended in 2017-03 (lasted
    # under 2 years).
    cs.s47("SE6", "C6", "2016-12-15")
    cs.icpc("IC6", "C6", "2017-01-10", s47="SE6", plan="PLN6")
    cs.plan("PLN6", "C6", "2017-01-10", "2017-03-31", icpc="IC6")

    # C7 -- TWO PLANS OF ONE CHILD, SAME START (Mon 2017-03-06), both open:
    # both current on E1 and E2 (plans counted as plans: 2); neither started
    # STRICTLY before the other, so neither is a repeat. No ICPC.
    # PLN7a review 1 due 2017-06-06, held 2017-03-27: in time (2017-03).
    # PLN7b review 1 due 2017-06-06, held 2017-06-07: LATE (2017-06).
    # IRO-E since 2017-03-01.
    cs.plan("PLN7a", "C7", "2017-03-06")
    cs.plan("PLN7b", "C7", "2017-03-06")
    cs.cp_review("CPR7a-1", "PLN7a", "C7", "2017-03-27")
    cs.cp_review("CPR7b-1", "PLN7b", "C7", "2017-06-07")
    cs.involvement("INV-C7-E", "IRO-E", "C7", "2017-03-01")

    # C8 -- CP REVIEW 1 CLAMPED: enquiry Mon 2016-11-14,
    # add_working_days(2016-11-14, 15) = Mon 2016-12-05; ICPC 2016-11-30: in
    # time. Plan PLN8 from 2016-11-30, open: review 1 due 2016-11-30 +
    # 3 months = 2017-02-28; held 2017-02-28: in time. IRO-F (negative FTE)
    # 2016-12-01 .. 2017-05-01: an IRO on E1, not on E2.
    cs.s47("SE8", "C8", "2016-11-14")
    cs.icpc("IC8", "C8", "2016-11-30", s47="SE8", plan="PLN8")
    cs.plan("PLN8", "C8", "2016-11-30", icpc="IC8")
    cs.cp_review("CPR8-1", "PLN8", "C8", "2017-02-28")
    cs.involvement("INV-C8-F", "IRO-F", "C8", "2016-12-01", "2017-05-01")

    # C9 -- ICPC LATE ACROSS EASTER, REPEAT, CP REVIEW CHAIN: enquiry Mon
    # 2016-03-21, add_working_days(2016-03-21, 15): 22-24 Mar (3); 25 and 28
    # Mar holidays; 29 Mar - 1 Apr (7); 4-8 Apr (12); 11-13 Apr (15) =
    # Wed 2016-04-13. ICPC Fri 2016-04-15: LATE. Plan PLN9 from 2016-04-15,
    # open; earlier plan PLN9-old 2015-01-05 .. 2015-09-01: REPEAT.
    # Reviews: r1 due 2016-07-15, held 2016-07-20 LATE; r2 due 2017-01-20
    # (chained from the actual r1), held 2017-01-18 in time; r3 due
    # 2017-07-18, held 2017-06-12 in time (2017-06). A review row with no
    # date (not held) is ignored. IRO-E since 2016-04-15.
    cs.s47("SE9", "C9", "2016-03-21")
    cs.icpc("IC9", "C9", "2016-04-15", s47="SE9", plan="PLN9")
    cs.plan("PLN9", "C9", "2016-04-15", icpc="IC9")
    cs.plan("PLN9-old", "C9", "2015-01-05", "2015-09-01")
    cs.cp_review("CPR9-1", "PLN9", "C9", "2016-07-20")
    cs.cp_review("CPR9-2", "PLN9", "C9", "2017-01-18")
    cs.cp_review("CPR9-x", "PLN9", "C9", None)
    cs.cp_review("CPR9-3", "PLN9", "C9", "2017-06-12")
    cs.involvement("INV-C9-E", "IRO-E", "C9", "2016-04-15")

    # C10 -- EXACTLY 2 YEARS: PLN10 2015-03-31 .. 2017-03-31; 2015-03-31 +
    # 24 months = 2017-03-31 <= end: lasted 2 years or more. Ended 2017-03.
    cs.plan("PLN10", "C10", "2015-03-31", "2017-03-31")
    # C11 -- ONE DAY SHORT: PLN11 2015-04-01 .. 2017-03-31; + 24 months =
    # 2017-04-01 > end: not 2 years. Ended 2017-03.
    cs.plan("PLN11", "C11", "2015-04-01", "2017-03-31")
    # C12 -- PLN12 2015-02-28 .. 2017-02-28: 2 years or more. Ended 2017-02.
    cs.plan("PLN12", "C12", "2015-02-28", "2017-02-28")

    # C13 -- ICPC IN THE PROVISIONAL YEAR: enquiry Thu 2017-04-20,
    # add_working_days(2017-04-20, 15): 21 Apr (1); 24-28 (6); 1 May holiday;
    # 2-5 May (10); 8-12 May (15) = Fri 2017-05-12. ICPC 2017-05-10: in time.
    # Plan PLN13 from 2017-05-10, open, not a repeat. No IRO.
    cs.s47("SE13", "C13", "2017-04-20")
    cs.icpc("IC13", "C13", "2017-05-10", s47="SE13", plan="PLN13")
    cs.plan("PLN13", "C13", "2017-05-10", icpc="IC13")

    # C14 -- BAD INPUT, duplicate key with differing rows: both rows of
    # PLN-D are left out (no plan started in 2017-03 from them).
    cs.plan("PLN-D", "C14", "2017-03-02")
    cs.plan("PLN-D", "C14", "2017-03-03")

    # C15 -- BAD INPUT, code outside its list: transfer-in flag "y" (not "Y"):
    # the ICPC of 2017-03-10 is left out (not in icpc_held for 2017-03).
    cs.s47("SE15", "C15", "2017-03-01")
    cs.icpc("IC15", "C15", "2017-03-10", s47="SE15", transfer="y")

    # C16 -- ICPC WHOSE ENQUIRY IS LEFT OUT: SE16 is sent twice with different
    # start dates (both left out). IC16 (2017-03-28) still points at a row as
    # received, so it is kept: counted in icpc_held (2017-03, 2016-17), on
    # neither side of icpc_in_15wd_pct.
    cs.person("C16", dob="2010-01-01")
    cs.s47("SE16", "C16", "2017-03-06")
    cs.s47("SE16", "C16", "2017-03-07")
    cs.icpc("IC16", "C16", "2017-03-28", s47="SE16")


def professionals(cs: CaseSystem) -> None:
    """IROs (role IRO) and one social worker; involvements are with the children above.

    | id    | FTE  | whose IRO                                 | in post E1 | in post E2 |
    |-------|------|-------------------------------------------|------------|------------|
    | IRO-A | 0.8  | G1-G8, L10                                | yes        | yes        |
    | IRO-B | 1    | L1 (to E1), L2, L4 (to 03-15), L9 (old),  | yes        | yes        |
    |       |      | L11, L12, L14, L21                        |            |            |
    | IRO-C | null | L6, L7, L8, L15, L16          (counts 0)  | yes        | yes        |
    | IRO-D | 1.5  | L18 (from 04-10), L20 (from 06-12)        | no         | yes        |
    | IRO-E | 0.5  | C1, C2, C7, C9 (CP only)                  | yes        | yes        |
    | IRO-F | -0.2 | C8 to 2017-05-01 (CP only)    (counts 0)  | yes        | no         |
    | IRO-G | 0.05 | L2, L11, L12, L14                         | yes        | yes        |
    | IRO-H | 0.1  | G1-G7                                     | yes        | yes        |
    | IRO-J | 1    | L13, ending ON E1                         | no         | no         |
    | SW-1  | 1    | L3, role SW: not an IRO                   | no         | no         |
    | IRO-K | dup  | L9 from 2017-04-03; both rows left out    | no         | no         |
    """
    for prof, fte in [("IRO-A", 0.8), ("IRO-B", 1), ("IRO-C", None), ("IRO-D", 1.5),
                      ("IRO-E", 0.5), ("IRO-F", -0.2), ("IRO-G", 0.05), ("IRO-H", 0.1),
                      ("IRO-J", 1), ("SW-1", 1)]:  # fmt: skip
        cs.professional(prof, fte)
    # BAD INPUT: IRO-K twice with different FTE: both rows left out.
    cs.professional("IRO-K", 0.5)
    cs.professional("IRO-K", 0.6)


def escalations(cs: CaseSystem) -> None:
    """X1..X16: raised, resolved, days to resolve, highest stage.

    | id  | raised     | resolved   | days | type | category           | stages   | highest |
    |-----|------------|------------|------|------|--------------------|----------|---------|
    | X16 | 2016-04-04 | 2016-04-05 | 1    | CLA  | OTHER              | 0        | 0       |
    | X1  | 2016-05-02 | 2016-05-12 | 10   | CLA  | QUALITY_PLAN       | 0, "6"*  | 0       |
    | X2  | 2016-06-01 | 2016-06-21 | 20   | CP   | QUALITY_ASSESSMENT | 0, 1     | 1       |
    | X3  | 2016-07-01 | 2016-07-04 | 3    | CLA  | PLAN_DELAY         | none     | 0       |
    | X4  | 2016-08-01 | 2016-08-31 | 30   | CLA  | TIMESCALE          | 0        | 0       |
    | X5  | 2016-09-01 | 2016-09-06 | 5    | CP   | PLACEMENT          | 0        | 0       |
    | X6  | 2016-10-03 | 2016-11-02 | 30   | CLA  | CONTACT            | 0, 1, 2  | 2       |
    | X7  | 2017-01-16 | 2017-03-01 | 44   | CLA  | OTHER              | 0, 3     | 3       |
    | X8  | 2017-02-01 | 2017-03-08 | 35   | CP   | TIMESCALE          | 0        | 0       |
    | X9  | 2017-03-10 | 2017-03-31 | 21   | CLA  | QUALITY_ASSESSMENT | 0        | 0       |
    | X10 | 2017-03-20 | open       |      | CP   | PLAN_DELAY         | 0        |         |
    | X11 | 2015-12-01 | open       |      | CLA  | ALLOCATION         | 0        |         |
    | X14 | 2017-04-03 | 2017-06-01 | 59   | CLA  | TIMESCALE          | 2        | 2       |
    | X12 | 2017-05-02 | 2017-06-10 | 39   | CLA  | OTHER              | 0, 1**   | 0       |
    | X13 | 2017-06-05 | 2017-06-20*** |   | CP   | QUALITY_PLAN       | 0        |         |

    BAD INPUT: * stage "6" is outside 0-5: that stage row is left out;
    ** X12's stage 1 starts 2017-06-20, after the extract date: left out;
    *** resolved after the extract date: treated as null, X13 open on E2.
    X9 is resolved ON E1: not open on E1 (half-open).
    """
    table = [
        ("X16", "2016-04-04", "2016-04-05", "CLA", "OTHER", [("0", "2016-04-04")]),
        ("X1", "2016-05-02", "2016-05-12", "CLA", "QUALITY_PLAN",
         [("0", "2016-05-02"), ("6", "2016-05-05")]),
        ("X2", "2016-06-01", "2016-06-21", "CP", "QUALITY_ASSESSMENT",
         [("0", "2016-06-01"), ("1", "2016-06-10")]),
        ("X3", "2016-07-01", "2016-07-04", "CLA", "PLAN_DELAY", []),
        ("X4", "2016-08-01", "2016-08-31", "CLA", "TIMESCALE", [("0", "2016-08-01")]),
        ("X5", "2016-09-01", "2016-09-06", "CP", "PLACEMENT", [("0", "2016-09-01")]),
        ("X6", "2016-10-03", "2016-11-02", "CLA", "CONTACT",
         [("0", "2016-10-03"), ("1", "2016-10-10"), ("2", "2016-10-20")]),
        ("X7", "2017-01-16", "2017-03-01", "CLA", "OTHER",
         [("0", "2017-01-16"), ("3", "2017-02-01")]),
        ("X8", "2017-02-01", "2017-03-08", "CP", "TIMESCALE", [("0", "2017-02-01")]),
        ("X9", "2017-03-10", "2017-03-31", "CLA", "QUALITY_ASSESSMENT", [("0", "2017-03-10")]),
        ("X10", "2017-03-20", None, "CP", "PLAN_DELAY", [("0", "2017-03-20")]),
        ("X11", "2015-12-01", None, "CLA", "ALLOCATION", [("0", "2015-12-01")]),
        ("X14", "2017-04-03", "2017-06-01", "CLA", "TIMESCALE", [("2", "2017-04-03")]),
        ("X12", "2017-05-02", "2017-06-10", "CLA", "OTHER",
         [("0", "2017-05-02"), ("1", "2017-06-20")]),
        ("X13", "2017-06-05", "2017-06-20", "CP", "QUALITY_PLAN", [("0", "2017-06-05")]),
    ]  # fmt: skip
    for eid, raised, resolved, case_type, category, stages in table:
        cs.escalation(eid, "G1", raised, resolved, case_type, category)
        for stage, start in stages:
            cs.stage(f"XS{eid[1:]}-{stage}", eid, stage, start)


def bad_input(cs: CaseSystem) -> None:
    """Rows the data-quality rules catch that are not part of a scenario above.

    B3 -- episode ending before it starts (2016-09-01 .. 2016-08-01): left
    out, so its period is not a start in FY 2016-17.
    RV-NOPE -- a cancelled review (due 2017-03-20) of a period of care that
    does not exist: left out, not in cla_reviews_cancelled for 2017-03.
    RV-B3-1 -- a held review of B3's period, which has no episode left.
    (Also elsewhere: IC2 twice, PLN-D twice, IC15 "y", XS1-6, XS12-1,
    EP-L18 / PLN2 / X13 ending after the extract date, CPR1-1 dated after
    it, FTE null / negative / above 1 for IRO-C / IRO-F / IRO-D.)
    """
    cs.person("B3")
    cs.episode("EP-B3", "B3", "CLA-B3", "2016-09-01", "S", "2016-08-01", "E11")
    cs.review("RV-NOPE", "CLA-NOPE", None, None, cancelled="Y", due="2017-03-20")
    # RV-B3-1 -- a held review (2016-10-10) of CLA-B3, whose only episode is
    # left out: not listed (its reference matches a row as received), but the
    # period of care has no episode left, so it counts in no review figure.
    cs.review("RV-B3-1", "CLA-B3", "2016-10-10", "PN1")


def build() -> dict[str, list[Row]]:
    cs = CaseSystem()
    big_group(cs)
    looked_after(cs)
    child_protection(cs)
    professionals(cs)
    escalations(cs)
    bad_input(cs)
    return cs.rows

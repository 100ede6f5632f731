"""Corrections to past records made between two extracts (``advance_to``).

A real case system is edited after the fact: a code is corrected, a due date
retyped, a mistaken review or allocation deleted. Each advance from extract
date ``p`` to ``a`` applies, to rows that already existed on ``p`` (their start
or event date is on or before ``p``):

* **updates** to about 0.5% of rows of some tables, each a change that keeps
  the row valid: an episode's primary need, a placement's provider and
  postcode, a review's participation code (never to or from PN0) or recorded
  due date (one day), a plan's latest category, an enquiry's referral id, an
  escalation's category, a person's ethnicity; and in the contract-2 parts, a
  CP review's participation (never to or from PN0) or quorate flag, a care
  plan version's JSON (a return home within six months re-recorded as
  eventually, or the reverse, or an unchosen key added or dropped), and an
  IRO contact left blank at a review filled in later (2% of those blanks);
* **deletions** of about 0.1% of rows nobody references: looked after
  reviews, CP reviews, social worker and team manager involvements,
  enquiries that ended with no further action, and care plan versions.

Contract-2 columns are corrected whatever the contract level written; a
contract-1 extract simply does not show them.

Rows are chosen with a hash of (seed, advance date, table, key), so every
advance is reproducible, and all the advances recorded in the parameters are
replayed, oldest first, on every regeneration.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from iro_warehouse import spec
from iro_warehouse.simulate.rand import key_fraction, stream

UPDATE_RATE = 0.005
DELETE_RATE = 0.001
CONTACT_FILL_RATE = 0.02

Tables = dict[str, list[tuple]]


def _other(options: tuple[str, ...], current: object, seed: int, *key: object) -> str:
    rng = stream(seed, "fix", *key)
    choices = [o for o in options if o != current]
    return rng.choice(choices)


def apply(tables: Tables, seed: int, previous_end: date, new_end: date) -> None:
    """Apply the corrections of the advance ``previous_end -> new_end`` in place."""
    tag = new_end.isoformat()

    def chosen(table: str, pk: object, rate: float, what: str) -> bool:
        return key_fraction(seed, what, tag, table, pk) < rate

    # people seen before the previous extract
    seen: set[str] = set()
    for row in tables["ssd_cla_episodes"]:
        if row[3] <= previous_end:
            seen.add(row[1])
    for row in tables["ssd_s47_enquiry"]:
        if row[3] <= previous_end:
            seen.add(row[2])

    def update(table: str, date_index: int, change) -> None:
        rows = tables[table]
        for i, row in enumerate(rows):
            d = row[date_index]
            if d is None or d > previous_end or not chosen(table, row[0], UPDATE_RATE, "upd"):
                continue
            new = change(list(row))
            if new is not None:
                rows[i] = tuple(new)

    def fix_person(r: list) -> list | None:
        if r[0] not in seen:
            return None
        r[4] = _other(("WBRI", "WOTH", "MOTH", "NOBT", "REFU"), r[4], seed, tag, r[0])
        return r

    rows = tables["ssd_person"]
    for i, row in enumerate(rows):
        if chosen("ssd_person", row[0], UPDATE_RATE, "upd"):
            new = fix_person(list(row))
            if new is not None:
                rows[i] = tuple(new)

    def fix_episode(r: list) -> list:
        r[7] = _other(spec.NEED, r[7], seed, tag, r[0])
        return r

    def fix_placement(r: list) -> list:
        if r[6] != "PR0":
            r[6] = _other(("PR1", "PR4", "PR5"), r[6], seed, tag, r[0])
        if r[8] is not None:
            r[8] = r[8][:-2] + ("AB" if r[8][-2:] != "AB" else "BA")
        return r

    def fix_review(r: list) -> list:
        if r[5] not in (None, "PN0") and key_fraction(seed, tag, r[0]) < 0.5:
            r[5] = _other(spec.PARTICIPATION[1:], r[5], seed, tag, r[0])
        elif r[2] is not None:
            r[2] = r[2] + timedelta(days=1 if key_fraction(seed, tag, r[0], "d") < 0.5 else -1)
        return r

    def fix_plan(r: list) -> list:
        r[6] = _other(spec.CP_CATEGORY, r[6], seed, tag, r[0])
        return r

    def fix_s47(r: list) -> list:
        r[1] = f"{r[1]}A"
        return r

    def fix_escalation(r: list) -> list:
        r[4] = _other(spec.ESC_CATEGORY, r[4], seed, tag, r[0])
        return r

    def fix_cp_review(r: list) -> list | None:
        if r[6] not in (None, "PN0") and key_fraction(seed, tag, r[0]) < 0.5:
            r[6] = _other(spec.PARTICIPATION[1:], r[6], seed, tag, r[0])
        elif r[7] is not None:
            r[7] = "N" if r[7] == "Y" else "Y"
        else:
            return None
        return r

    def fix_care_plan(r: list) -> list | None:
        if r[4] is None:
            return None
        plan = json.loads(r[4])
        swap = {"RETURN6M": "RETURNEV", "RETURNEV": "RETURN6M"}
        chosen_codes = [c for c, v in plan.items() if v]
        if len(chosen_codes) == 1 and chosen_codes[0] in swap:
            del plan[chosen_codes[0]]
            plan[swap[chosen_codes[0]]] = "Y"
        elif any(not v for v in plan.values()):
            plan = {c: v for c, v in plan.items() if v}
        else:
            plan["OTHERPLN"] = plan.get("OTHERPLN") or ""
        r[4] = json.dumps(plan, sort_keys=True)
        return r

    update("ssd_cla_episodes", 3, fix_episode)
    update("ssd_cla_placement", 3, fix_placement)
    _update_reviews(tables, previous_end, chosen, fix_review)
    update("ssd_cp_plans", 3, fix_plan)
    update("ssd_s47_enquiry", 3, fix_s47)
    update("ext_iro_escalations", 5, fix_escalation)
    update("ssd_cp_reviews", 4, fix_cp_review)
    update("ssd_cla_care_plan", 2, fix_care_plan)
    rows = tables["ssd_cla_reviews"]
    for i, row in enumerate(rows):
        held = row[3]
        if (
            held is not None
            and row[6] is None
            and held <= previous_end
            and chosen("ssd_cla_reviews", row[0], CONTACT_FILL_RATE, "contact")
        ):
            days = 1 + int(20 * key_fraction(seed, tag, row[0], "contact"))
            rows[i] = (*row[:6], held - timedelta(days=days), *row[7:])

    # deletions
    def delete(table: str, date_index: int, allowed) -> None:
        tables[table] = [
            row
            for row in tables[table]
            if not (
                row[date_index] is not None
                and row[date_index] <= previous_end
                and allowed(row)
                and chosen(table, row[0], DELETE_RATE, "del")
            )
        ]

    delete("ssd_cp_reviews", 4, lambda r: True)
    delete("ssd_involvements", 4, lambda r: r[2] != "IRO")
    delete("ssd_s47_enquiry", 3, lambda r: r[5] == "Y")
    delete("ssd_cla_care_plan", 2, lambda r: True)
    tables["ssd_cla_reviews"] = [
        row
        for row in tables["ssd_cla_reviews"]
        if not (
            (row[3] or row[2]) <= previous_end
            and chosen("ssd_cla_reviews", row[0], DELETE_RATE, "del")
        )
    ]


def _update_reviews(tables: Tables, previous_end: date, chosen, fix) -> None:
    rows = tables["ssd_cla_reviews"]
    for i, row in enumerate(rows):
        d = row[3] or row[2]
        if d <= previous_end and chosen("ssd_cla_reviews", row[0], UPDATE_RATE, "upd"):
            rows[i] = tuple(fix(list(row)))

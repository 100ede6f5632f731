"""Helpers for the simulator tests: read a CSV case system, check it, measure it.

The checks follow ``rules.md`` literally (half-open intervals, "Bad input"),
written independently of the simulator so that they can catch its mistakes.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from iro_warehouse import spec
from iro_warehouse.simulate.calendar import WorkCalendar, add_months, age_on

Row = dict[str, str | None]
Tables = dict[str, list[Row]]

_CAL: WorkCalendar | None = None
ONE_DAY = timedelta(days=1)
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T].*)?\Z", re.DOTALL)


def cal() -> WorkCalendar:
    global _CAL
    if _CAL is None:
        _CAL = WorkCalendar(1975, 2045)
    return _CAL


#: the ten permanence plan codes of case-system.md (``ssd_cla_care_plan``)
PLAN_CODES = frozenset(
    ("REMAINSUP", "RETURN1M", "RETURN6M", "RETURNEV", "LTRELFR", "LTFOST18", "RESPLMT",
     "SUPPLIV", "ADOPTION", "OTHERPLN")
)  # fmt: skip


def read_csv_tables(folder: Path, contract: int = 2) -> Tables:
    """The CSV tables of a contract level; the header must be exactly its columns."""
    out: Tables = {}
    for t in spec.tables(contract):
        with (folder / f"{t.name}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            assert tuple(reader.fieldnames or ()) == t.column_names, t.name
            out[t.name] = [{k: (v if v != "" else None) for k, v in row.items()} for row in reader]
    return out


def read_bad_rows(folder: Path) -> list[tuple[str, str | None, str]]:
    with (folder / "_bad_rows.csv").open(encoding="utf-8", newline="") as f:
        return [(r["table_name"], r["key"] or None, r["fault"]) for r in csv.DictReader(f)]


def d(value: str | None) -> date | None:
    if value is None:
        return None
    return date.fromisoformat(value[:10])


# --------------------------------------------------------------- validation
def care_plan_json_fault(text: str) -> str | None:
    """Why a non-empty ``lacp_cla_care_plan_json`` breaks the rule, or None when it is valid."""
    try:
        value = json.loads(text)
    except ValueError:
        return "not JSON"
    if not isinstance(value, dict):
        return "not an object"
    if any(k not in PLAN_CODES for k in value):
        return "key outside the plan codes"
    if any(v is not None and not isinstance(v, str) for v in value.values()):
        return "value not a string or null"
    return None


def violations(tables: Tables, extract: date) -> list[tuple[str, str | None, str]]:
    """Every row that breaks a rule of the "Bad input" table, as (table, key, fault)."""
    return [(t, k, f) for t, k, f, _ in column_violations(tables, extract)]


def column_violations(
    tables: Tables, extract: date
) -> list[tuple[str, str | None, str, str | None]]:
    """Like ``violations``, with the column at fault (None for a row-level fault).

    Reads whichever tables and columns ``tables`` has (a contract-1 extract has
    no care plan table and no contract-2 columns).
    """
    out: list[tuple[str, str | None, str, str | None]] = []
    present = [
        t.of_contract(2 if _has_c2(t, tables) else 1) for t in spec.TABLES if t.name in tables
    ]
    keys = {t.name: {r[t.primary_key] for r in tables[t.name]} for t in present}
    # reference targets: for clar_cla_id the period ids of episodes
    for t in present:
        rows = tables[t.name]
        pk = t.primary_key
        seen: dict[str, Row] = {}
        for r in rows:
            key = r[pk]
            if key is None:
                out.append((t.name, None, "null_primary_key", t.primary_key))
                continue
            if key in seen:
                same = seen[key] == r
                fault = "duplicate_key_identical" if same else "duplicate_key_differing"
                out.append((t.name, key, fault, t.primary_key))
            seen[key] = r
            starts: dict[str, date] = {}
            dates: dict[str, date] = {}
            for c in t.columns:
                v = r[c.name]
                if v is None:
                    if c.required:
                        out.append((t.name, key, "required_field_null", c.name))
                    continue
                if c.kind == "date":
                    try:
                        # rules.md: YYYY-MM-DD, optionally a space or T and a time
                        # (date.fromisoformat alone would take 20170615 too)
                        if not _DATE_TEXT.match(v):
                            raise ValueError
                        dv = date.fromisoformat(v[:10])
                    except ValueError:
                        out.append((t.name, key, "bad_date", c.name))
                        continue
                    dates[c.name] = dv
                    if c.date_role in ("start", "event") and dv > extract:
                        out.append((t.name, key, "date_after_extract", c.name))
                    if c.date_role == "end" and dv > extract:
                        out.append((t.name, key, "end_after_extract", c.name))
                    if c.date_role == "start":
                        starts["start"] = dv
                    if c.date_role == "end" and "start" in starts and dv < starts["start"]:
                        out.append((t.name, key, "end_before_start", c.name))
                if c.codes is not None and v not in c.codes:
                    out.append((t.name, key, "code_outside_list", c.name))
                if c.references is not None:
                    ref_table, ref_col = c.references
                    target = (
                        keys[ref_table]
                        if ref_col == spec.table(ref_table).primary_key
                        else {x[ref_col] for x in tables[ref_table]}
                    )
                    if v not in target:
                        out.append((t.name, key, "dangling_reference", c.name))
                if c.name == "lacp_cla_care_plan_json" and care_plan_json_fault(v):
                    out.append((t.name, key, "invalid_care_plan_json", c.name))
                if c.kind == "number":
                    try:
                        f = float(v)
                    except ValueError:
                        out.append((t.name, key, "fte_non_numeric", c.name))
                        continue
                    if f <= 0:
                        out.append((t.name, key, "fte_not_positive", c.name))
                    elif f > 1:
                        out.append((t.name, key, "fte_above_one", c.name))
            if t.name == "ssd_professionals" and r["prof_full_time_equivalency"] is None:
                out.append((t.name, key, "fte_null", "prof_full_time_equivalency"))
            contact = dates.get("clar_cla_review_last_iro_contact_date")
            held = dates.get("clar_cla_review_date")
            if contact is not None and held is not None and contact > held:
                out.append(
                    (t.name, key, "contact_after_review", "clar_cla_review_last_iro_contact_date")
                )
    # overlapping episodes of a child (half-open)
    by_child: dict[str, list[tuple[date, date | None, str]]] = defaultdict(list)
    for r in tables["ssd_cla_episodes"]:
        s = _safe(r["clae_cla_episode_start_date"])
        if s is None or r["clae_person_id"] is None:
            continue
        by_child[r["clae_person_id"]].append(
            (s, _safe(r["clae_cla_episode_ceased_date"]), r["clae_cla_episode_id"])
        )
    for eps in by_child.values():
        eps.sort(key=lambda e: (e[0], e[1] or date.max))
        for a, b in pairwise(eps):
            if a[1] is None or a[1] > b[0]:
                out.append(("ssd_cla_episodes", b[2], "overlapping_episodes", None))
    return out


def _has_c2(t: spec.Table, tables: Tables) -> bool:
    """Whether the rows of ``t`` carry its contract-2 columns."""
    rows = tables[t.name]
    extra = [c.name for c in t.columns if c.contract == 2]
    return bool(extra) and (not rows or extra[0] in rows[0])


def _safe(v: str | None) -> date | None:
    try:
        return d(v)
    except ValueError:
        return None


# -------------------------------------------------------------- structure
def chain_problems(tables: Tables) -> list[str]:
    """Periods of care that do not chain as 903 episodes should."""
    problems = []
    periods: dict[str, list[Row]] = defaultdict(list)
    for r in tables["ssd_cla_episodes"]:
        periods[r["clae_cla_id"]].append(r)
    for cla_id, eps in periods.items():
        eps.sort(key=lambda r: (r["clae_cla_episode_start_date"], r["clae_cla_episode_id"]))
        if eps[0]["clae_cla_episode_start_reason"] != "S":
            problems.append(f"{cla_id}: first episode not S")
        for a, b in pairwise(eps):
            if a["clae_cla_episode_ceased_reason"] != "X1":
                problems.append(f"{cla_id}: {a['clae_cla_episode_id']} not X1 but followed")
            if a["clae_cla_episode_ceased_date"] != b["clae_cla_episode_start_date"]:
                problems.append(f"{cla_id}: gap or overlap before {b['clae_cla_episode_id']}")
            if b["clae_cla_episode_start_reason"] == "S":
                problems.append(f"{cla_id}: S inside a period")
        last = eps[-1]
        if (last["clae_cla_episode_ceased_date"] is None) != (
            last["clae_cla_episode_ceased_reason"] is None
        ):
            problems.append(f"{cla_id}: last episode ceased date/reason mismatch")
        if last["clae_cla_episode_ceased_reason"] == "X1":
            problems.append(f"{cla_id}: last episode X1")
        for r in eps:
            if r["clae_entered_care_date"] != eps[0]["clae_cla_episode_start_date"]:
                problems.append(f"{cla_id}: entered care date differs")
            if (
                r["clae_cla_episode_ceased_date"] is not None
                and r["clae_cla_episode_ceased_date"] <= r["clae_cla_episode_start_date"]
            ):
                problems.append(f"{cla_id}: empty episode {r['clae_cla_episode_id']}")
    return problems


def care_plan_problems(tables: Tables) -> list[str]:
    """Care plan versions that break the shape of case-system.md or sit outside care.

    Each version is valid JSON of the plan codes (or null), is not empty, and
    lies inside one non-short-break period of care of its child (open only
    while the period is); one child's versions do not overlap (half-open).
    """
    problems = []
    periods: dict[str, list[dict]] = defaultdict(list)
    for p in Measures(tables).periods.values():
        if not p["short_break"]:
            periods[p["person"]].append(p)
    versions: dict[str, list[Row]] = defaultdict(list)
    for r in tables["ssd_cla_care_plan"]:
        versions[r["lacp_person_id"]].append(r)
    for person, rows in versions.items():
        rows.sort(key=lambda r: (r["lacp_cla_care_plan_start_date"], r["lacp_table_id"]))
        for r in rows:
            key = r["lacp_table_id"]
            s, e = d(r["lacp_cla_care_plan_start_date"]), d(r["lacp_cla_care_plan_end_date"])
            text = r["lacp_cla_care_plan_json"]
            if text is not None and care_plan_json_fault(text):
                problems.append(f"{key}: {care_plan_json_fault(text)}")
            if e is not None and e <= s:
                problems.append(f"{key}: empty or reversed")
            inside = [
                p
                for p in periods[person]
                if p["start"] <= s
                and (p["end"] is None or (e is not None and e <= p["end"]))
                and (e is not None or p["end"] is None)
            ]
            if not inside:
                problems.append(f"{key}: not inside a period of care of {person}")
        for a, b in pairwise(rows):
            a_end = d(a["lacp_cla_care_plan_end_date"])
            if a_end is None or a_end > d(b["lacp_cla_care_plan_start_date"]):
                problems.append(f"{a['lacp_table_id']} overlaps {b['lacp_table_id']}")
    return problems


# ---------------------------------------------------------------- measures
class Measures:
    """The headline figures of ``measures.md``, by the rules, on clean data."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables
        self.periods: dict[str, dict] = {}
        eps_by_period: dict[str, list[Row]] = defaultdict(list)
        for r in tables["ssd_cla_episodes"]:
            eps_by_period[r["clae_cla_id"]].append(r)
        self.legal: dict[str, list[tuple[date, date | None, str, str]]] = defaultdict(list)
        for r in tables["ssd_legal_status"]:
            self.legal[r["lega_person_id"]].append(
                (
                    d(r["lega_legal_status_start_date"]),
                    d(r["lega_legal_status_end_date"]),
                    r["lega_legal_status_id"],
                    r["lega_legal_status"],
                )
            )
        self.ptype = {
            r["clap_cla_placement_id"]: r["clap_cla_placement_type"]
            for r in tables["ssd_cla_placement"]
        }
        for cla_id, eps in eps_by_period.items():
            eps.sort(
                key=lambda r: (
                    d(r["clae_cla_episode_start_date"]),
                    d(r["clae_cla_episode_ceased_date"]) or date.max,
                    r["clae_cla_episode_id"],
                )
            )
            start = d(eps[0]["clae_cla_episode_start_date"])
            last = eps[-1]
            end = (
                d(last["clae_cla_episode_ceased_date"])
                if last["clae_cla_episode_ceased_reason"] != "X1"
                else None
            )
            person = eps[0]["clae_person_id"]
            ls = self.legal_on(person, start)
            self.periods[cla_id] = {
                "start": start, "end": end, "person": person, "eps": eps,
                "short_break": ls in ("V3", "V4"),
            }  # fmt: skip
        self.dob = {r["pers_person_id"]: d(r["pers_dob"]) for r in tables["ssd_person"]}

    def legal_on(self, person: str, day: date) -> str | None:
        cur = [
            x for x in self.legal.get(person, ()) if x[0] <= day and (x[1] is None or x[1] > day)
        ]
        if not cur:
            return None
        return max(cur, key=lambda x: (x[0], x[2]))[3]

    def current_periods(self, day: date) -> dict[str, dict]:
        """Child -> current non-short-break period of care on ``day``."""
        out: dict[str, dict] = {}
        for cla_id, p in self.periods.items():
            if p["short_break"] or p["start"] > day or (p["end"] is not None and p["end"] <= day):
                continue
            if self.legal_on(p["person"], day) in ("V3", "V4"):
                continue
            prev = out.get(p["person"])
            if prev is None or (p["start"], cla_id) > (prev["start"], prev["id"]):
                out[p["person"]] = {**p, "id": cla_id}
        return out

    def cla_at(self, day: date) -> int:
        return len(self.current_periods(day))

    def cla_started(self, a: date, b: date) -> int:
        return sum(
            1 for p in self.periods.values() if not p["short_break"] and a <= p["start"] <= b
        )

    def cla_ceased(self, a: date, b: date) -> int:
        return sum(
            1
            for p in self.periods.values()
            if not p["short_break"] and p["end"] and a <= p["end"] <= b
        )

    def cp_at(self, day: date) -> int:
        n = 0
        for r in self.t["ssd_cp_plans"]:
            s, e = d(r["cppl_cp_plan_start_date"]), d(r["cppl_cp_plan_end_date"])
            if s <= day and (e is None or e > day):
                n += 1
        return n

    def cp_started(self, a: date, b: date) -> tuple[int, float, float]:
        """(plans started, repeat %, % of plans ended that lasted 2y+)."""
        plans = [
            (d(r["cppl_cp_plan_start_date"]), d(r["cppl_cp_plan_end_date"]), r["cppl_person_id"])
            for r in self.t["ssd_cp_plans"]
        ]
        firsts: dict[str, date] = {}
        for s, _, p in plans:
            firsts[p] = min(firsts.get(p, s), s)
        started = [(s, p) for s, _, p in plans if a <= s <= b]
        repeat = sum(1 for s, p in started if firsts[p] < s)
        ended = [(s, e) for s, e, _ in plans if e and a <= e <= b]
        long = sum(1 for s, e in ended if add_months(s, 24) <= e)
        return len(started), 100 * repeat / max(1, len(started)), 100 * long / max(1, len(ended))

    def icpc_in_time(self, a: date, b: date) -> float:
        s47 = {
            r["s47e_s47_enquiry_id"]: d(r["s47e_s47_start_date"]) for r in self.t["ssd_s47_enquiry"]
        }
        num = den = 0
        for r in self.t["ssd_initial_cp_conference"]:
            held = d(r["icpc_icpc_date"])
            if (
                not (a <= held <= b)
                or r["icpc_icpc_transfer_in"] == "Y"
                or r["icpc_s47_enquiry_id"] not in s47
            ):
                continue
            den += 1
            num += held <= cal().add_working_days(s47[r["icpc_s47_enquiry_id"]], 15)
        return 100 * num / max(1, den)

    def cla_reviews(self, a: date, b: date) -> tuple[int, float, float]:
        """(held reviews in the period, % in time, participation %)."""
        by_period: dict[str, list[tuple[date, str, str | None]]] = defaultdict(list)
        for r in self.t["ssd_cla_reviews"]:
            if r["clar_cla_review_date"] is None or r["clar_cla_review_cancelled"] == "Y":
                continue
            by_period[r["clar_cla_id"]].append(
                (
                    d(r["clar_cla_review_date"]),
                    r["clar_cla_review_id"],
                    r["clar_cla_review_participation"],
                )
            )
        held = in_time = part_num = part_den = 0
        for cla_id, revs in by_period.items():
            p = self.periods.get(cla_id)
            if p is None or p["short_break"]:
                continue
            revs.sort()
            prev = None
            for k, (day, _, pn) in enumerate(revs, 1):
                due = (
                    cal().add_working_days(p["start"], 20)
                    if k == 1
                    else add_months(prev, 3 if k == 2 else 6)
                )
                prev = day
                if a <= day <= b:
                    held += 1
                    in_time += day <= due
                    if pn in ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"):
                        part_den += 1
                        part_num += pn != "PN7"
        return held, 100 * in_time / max(1, held), 100 * part_num / max(1, part_den)

    def rcpc_in_time(self, a: date, b: date) -> float:
        plans = {
            r["cppl_cp_plan_id"]: d(r["cppl_cp_plan_start_date"]) for r in self.t["ssd_cp_plans"]
        }
        by_plan: dict[str, list[tuple[date, str]]] = defaultdict(list)
        for r in self.t["ssd_cp_reviews"]:
            if r["cppr_cp_review_date"]:
                by_plan[r["cppr_cp_plan_id"]].append(
                    (d(r["cppr_cp_review_date"]), r["cppr_cp_review_id"])
                )
        num = den = 0
        for plan, revs in by_plan.items():
            revs.sort()
            prev = plans[plan]
            for k, (day, _) in enumerate(revs, 1):
                due = add_months(prev, 3 if k == 1 else 6)
                prev = day
                if a <= day <= b:
                    den += 1
                    num += day <= due
        return 100 * num / max(1, den)

    def placements(self, person_periods: list[dict]) -> list[tuple[str, date, date | None, str]]:
        """Placements (period id, start, end, type) of one child's periods, by the rules."""
        eps = []
        for p in person_periods:
            for e in p["eps"]:
                eps.append((p, e))
        eps.sort(
            key=lambda x: (
                d(x[1]["clae_cla_episode_start_date"]),
                d(x[1]["clae_cla_episode_ceased_date"]) or date.max,
                x[1]["clae_cla_episode_id"],
            )
        )
        out: list[list] = []
        last_pid = None
        cur_period = None
        for p, e in eps:
            ptype = self.ptype.get(e["clae_cla_placement_id"])
            if ptype in spec.TEMPORARY_PLACE:
                continue
            rne = e["clae_cla_episode_start_reason"]
            start = d(e["clae_cla_episode_start_date"])
            new = (
                not out or cur_period != p["id"] or rne == "S"
                or (e["clae_cla_placement_id"] != last_pid and rne in ("P", "B"))
            )  # fmt: skip
            if new:
                out.append([p["id"], start, None, ptype, p["end"]])
            else:
                out[-1][3] = ptype
            cur_period = p["id"]
            last_pid = e["clae_cla_placement_id"]
        result = []
        for i, (pid, s, _, ptype, pend) in enumerate(out):
            nxt = out[i + 1] if i + 1 < len(out) and out[i + 1][0] == pid else None
            result.append((pid, s, nxt[1] if nxt else pend, ptype))
        return result

    def stability(self, day: date) -> tuple[float, float]:
        """(3+ placements %, long-term stability %) on ``day``."""
        current = self.current_periods(day)
        by_person: dict[str, list[dict]] = defaultdict(list)
        for cla_id, p in self.periods.items():
            if not p["short_break"]:
                by_person[p["person"]].append({**p, "id": cla_id})
        w_start = add_months(day, -12) + (date(2000, 1, 2) - date(2000, 1, 1))
        three = lt_num = lt_den = 0
        for person, cur in current.items():
            pls = self.placements(by_person[person])
            n = sum(1 for _, s, e, _ in pls if s <= day and (e is None or e > w_start))
            three += n >= 3
            dob = self.dob.get(person)
            if dob and age_on(dob, day) < 16 and cur["start"] <= add_months(day, -30):
                lt_den += 1
                mine = [x for x in pls if x[0] == cur["id"] and x[1] <= day]
                if mine:
                    last = mine[-1]
                    ok = last[1] <= add_months(day, -24)
                    if not ok and last[3] in spec.ADOPTION_PLACE and len(mine) > 1:
                        ok = mine[-2][1] <= add_months(day, -24)
                    lt_num += ok
        return 100 * three / max(1, len(current)), 100 * lt_num / max(1, lt_den)

    def iro(self, day: date) -> dict[str, float]:
        fte = {
            r["prof_professional_id"]: float(r["prof_full_time_equivalency"] or 0)
            for r in self.t["ssd_professionals"]
        }
        current = self.current_periods(day)
        iros: dict[str, set[str]] = defaultdict(set)
        child_iro: set[str] = set()
        for r in self.t["ssd_involvements"]:
            if r["invo_professional_role_id"] != "IRO":
                continue
            s, e = d(r["invo_involvement_start_date"]), d(r["invo_involvement_end_date"])
            if s <= day and (e is None or e > day):
                iros[r["invo_professional_id"]].add(r["invo_person_id"])
                child_iro.add(r["invo_person_id"])
        total_fte = sum(fte.get(p, 0) for p in iros)
        cla_with = sum(1 for c in current if c in child_iro)
        over = 0
        for p, kids in iros.items():
            n = sum(1 for c in kids if c in current)
            if n and (fte.get(p, 0) == 0 or n / fte[p] > 70):
                over += 1
        return {
            "in_post": len(iros),
            "fte": total_fte,
            "cla_per_fte": cla_with / total_fte if total_fte else 0,
            "over": over,
            "cla_without": len(current) - cla_with,
        }

    def iro_allocated_in_time(self, a: date, b: date) -> float:
        invs: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
        for r in self.t["ssd_involvements"]:
            if r["invo_professional_role_id"] == "IRO":
                invs[r["invo_person_id"]].append(
                    (d(r["invo_involvement_start_date"]), d(r["invo_involvement_end_date"]))
                )
        num = den = 0
        for p in self.periods.values():
            if p["short_break"] or not (a <= p["start"] <= b):
                continue
            den += 1
            lim = cal().add_working_days(p["start"], 5)
            num += any(s <= lim and (e is None or e > p["start"]) for s, e in invs[p["person"]])
        return 100 * num / max(1, den)

    def escalations(self, a: date, b: date) -> tuple[int, float]:
        top: dict[str, int] = defaultdict(int)
        for r in self.t["ext_iro_escalation_stages"]:
            top[r["escs_escalation_id"]] = max(top[r["escs_escalation_id"]], int(r["escs_stage"]))
        raised = sum(1 for r in self.t["ext_iro_escalations"] if a <= d(r["esc_raised_date"]) <= b)
        resolved = [
            r
            for r in self.t["ext_iro_escalations"]
            if r["esc_resolved_date"] and a <= d(r["esc_resolved_date"]) <= b
        ]
        informal = sum(1 for r in resolved if top[r["esc_escalation_id"]] == 0)
        return raised, 100 * informal / max(1, len(resolved))


# ------------------------------------------------------ contract-2 measures
_PN_1_TO_7 = ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7")
WHITE = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM")


class Contract2Measures(Measures):
    """The contract-2 figures of ``measures.md``, by the rules, on clean data."""

    def cp_review_participation(self, a: date, b: date) -> tuple[int, float]:
        """(CP reviews held in the period with PN1-PN7, % of them with PN1-PN6)."""
        codes = [
            r["cppr_cp_review_participation"]
            for r in self.t["ssd_cp_reviews"]
            if r["cppr_cp_review_date"] and a <= d(r["cppr_cp_review_date"]) <= b
        ]
        den = [c for c in codes if c in _PN_1_TO_7]
        return len(den), 100 * sum(c != "PN7" for c in den) / max(1, len(den))

    def cp_review_quorate(self, a: date, b: date) -> tuple[int, float, int]:
        """(CP reviews held in the period flagged Y or N, % Y, number with no flag)."""
        flags = [
            r["cppr_cp_review_quorate"]
            for r in self.t["ssd_cp_reviews"]
            if r["cppr_cp_review_date"] and a <= d(r["cppr_cp_review_date"]) <= b
        ]
        den = [f for f in flags if f in ("Y", "N")]
        return len(den), 100 * den.count("Y") / max(1, len(den)), flags.count(None)

    def _held_reviews(self) -> dict[str, list[tuple[date, str, Row]]]:
        """Held reviews of non-short-break periods of care, numbered by date then id."""
        by_period: dict[str, list[tuple[date, str, Row]]] = defaultdict(list)
        for r in self.t["ssd_cla_reviews"]:
            if r["clar_cla_review_date"] is None or r["clar_cla_review_cancelled"] == "Y":
                continue
            p = self.periods.get(r["clar_cla_id"])
            if p is None or p["short_break"]:
                continue
            by_period[r["clar_cla_id"]].append(
                (d(r["clar_cla_review_date"]), r["clar_cla_review_id"], r)
            )
        for revs in by_period.values():
            revs.sort(key=lambda x: (x[0], x[1]))
        return by_period

    def contact_between_reviews(self, a: date, b: date) -> tuple[int, float]:
        """(held reviews in the period, % where the IRO saw the child between reviews)."""
        num = den = 0
        for cla_id, revs in self._held_reviews().items():
            lo = self.periods[cla_id]["start"]
            for day, _, r in revs:
                contact = d(r["clar_cla_review_last_iro_contact_date"])
                if a <= day <= b:
                    den += 1
                    num += contact is not None and lo <= contact <= day - ONE_DAY
                lo = day + ONE_DAY
        return den, 100 * num / max(1, den)

    def permanence_at_second_review(self, a: date, b: date) -> tuple[int, float]:
        """(second reviews held in the period, % where the child had a permanence plan)."""
        plans: dict[str, list[tuple[date, date | None, str | None]]] = defaultdict(list)
        for r in self.t["ssd_cla_care_plan"]:
            plans[r["lacp_person_id"]].append(
                (
                    d(r["lacp_cla_care_plan_start_date"]),
                    d(r["lacp_cla_care_plan_end_date"]),
                    r["lacp_cla_care_plan_json"],
                )
            )
        num = den = 0
        for cla_id, revs in self._held_reviews().items():
            if len(revs) < 2 or not a <= revs[1][0] <= b:
                continue
            day = revs[1][0]
            den += 1
            child = self.periods[cla_id]["person"]
            num += any(
                s <= day and (e is None or e > day) and _chosen(text) for s, e, text in plans[child]
            )
        return den, 100 * num / max(1, den)

    def escalation_stages(self, a: date, b: date) -> tuple[int, float, int]:
        """(resolved in the period, % reaching stage 2 or more, Cafcass referrals)."""
        top: dict[str, int] = defaultdict(int)
        for r in self.t["ext_iro_escalation_stages"]:
            top[r["escs_escalation_id"]] = max(top[r["escs_escalation_id"]], int(r["escs_stage"]))
        resolved = [
            r
            for r in self.t["ext_iro_escalations"]
            if r["esc_resolved_date"] and a <= d(r["esc_resolved_date"]) <= b
        ]
        stage2 = sum(1 for r in resolved if top[r["esc_escalation_id"]] >= 2)
        cafcass = sum(1 for r in resolved if r["esc_outcome"] == "CAFCASS_REFERRAL")
        return len(resolved), 100 * stage2 / max(1, len(resolved)), cafcass

    def ethnicity_of_cla(self, day: date) -> dict[str, int]:
        """Children looked after on ``day`` by ethnicity code (None: not recorded)."""
        eth = {r["pers_person_id"]: r["pers_ethnicity"] for r in self.t["ssd_person"]}
        out: dict[str, int] = defaultdict(int)
        for child in self.current_periods(day):
            out[eth.get(child)] += 1  # type: ignore[index]
        return dict(out)


def _chosen(text: str | None) -> bool:
    """A care plan JSON with at least one chosen plan (a value that, trimmed, is not empty)."""
    if text is None:
        return False
    plan = json.loads(text)
    return any(isinstance(v, str) and v.strip() for v in plan.values())

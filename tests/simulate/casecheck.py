"""Helpers for the simulator tests: read a CSV case system, check it, measure it.

The checks follow ``rules.md`` literally (half-open intervals, "Bad input"),
written independently of the simulator so that they can catch its mistakes.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

from iro_warehouse import spec
from iro_warehouse.simulate.calendar import WorkCalendar, add_months, age_on

Row = dict[str, str | None]
Tables = dict[str, list[Row]]

_CAL: WorkCalendar | None = None


def cal() -> WorkCalendar:
    global _CAL
    if _CAL is None:
        _CAL = WorkCalendar(1975, 2045)
    return _CAL


def read_csv_tables(folder: Path) -> Tables:
    out: Tables = {}
    for t in spec.TABLES:
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
def violations(tables: Tables, extract: date) -> list[tuple[str, str | None, str]]:
    """Every row that breaks a rule of the "Bad input" table, as (table, key, fault)."""
    out: list[tuple[str, str | None, str]] = []
    keys = {t.name: {r[t.primary_key] for r in tables[t.name]} for t in spec.TABLES}
    # reference targets: for clar_cla_id the period ids of episodes
    for t in spec.TABLES:
        rows = tables[t.name]
        pk = t.primary_key
        seen: dict[str, Row] = {}
        for r in rows:
            key = r[pk]
            if key is None:
                out.append((t.name, None, "null_primary_key"))
                continue
            if key in seen:
                same = seen[key] == r
                out.append(
                    (t.name, key, "duplicate_key_identical" if same else "duplicate_key_differing")
                )
            seen[key] = r
            starts: dict[str, date] = {}
            for c in t.columns:
                v = r[c.name]
                if v is None:
                    if c.required:
                        out.append((t.name, key, "required_field_null"))
                    continue
                if c.kind == "date":
                    try:
                        dv = date.fromisoformat(v[:10])
                        if len(v) > 10 and v[10] not in " T":
                            raise ValueError
                    except ValueError:
                        out.append((t.name, key, "bad_date"))
                        continue
                    if c.date_role in ("start", "event") and dv > extract:
                        out.append((t.name, key, "date_after_extract"))
                    if c.date_role == "end" and dv > extract:
                        out.append((t.name, key, "end_after_extract"))
                    if c.date_role == "start":
                        starts["start"] = dv
                    if c.date_role == "end" and "start" in starts and dv < starts["start"]:
                        out.append((t.name, key, "end_before_start"))
                if c.codes is not None and v not in c.codes:
                    out.append((t.name, key, "code_outside_list"))
                if c.references is not None:
                    ref_table, ref_col = c.references
                    target = (
                        keys[ref_table]
                        if ref_col == spec.table(ref_table).primary_key
                        else {x[ref_col] for x in tables[ref_table]}
                    )
                    if v not in target:
                        out.append((t.name, key, "dangling_reference"))
                if c.kind == "number":
                    try:
                        f = float(v)
                    except ValueError:
                        out.append((t.name, key, "fte_non_numeric"))
                        continue
                    if f <= 0:
                        out.append((t.name, key, "fte_not_positive"))
                    elif f > 1:
                        out.append((t.name, key, "fte_above_one"))
            if t.name == "ssd_professionals" and r["prof_full_time_equivalency"] is None:
                out.append((t.name, key, "fte_null"))
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
                out.append(("ssd_cla_episodes", b[2], "overlapping_episodes"))
    return out


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

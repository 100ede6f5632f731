"""Escalations under the IRO Dispute Resolution Process (IRO Handbook ch. 6).

Modelling choices: while a child has an IRO (in care, or on a plan) the IRO
raises an escalation now and then (about 0.15 a year per looked after child and
0.09 per CP child, so 100-250 a year at scale 1). Three quarters are resolved
informally at stage 0 within a few weeks; the rest move up the formal stages
(1 IRO manager, 2 strategic manager, 3 head of service, 4 director, 5 Cafcass),
each stage starting the day the previous one ends: about 7% reach stage 2 or
more (``realism.md``: 5-10% of those resolved). A referral to Cafcass is
possible at any point (IRO Handbook), so one in ten that move on from stage 2
or 3 go straight to it; with the full ladder that makes about one referral a
year at scale 1 (``realism.md``: 0-2). The escalation is resolved (or
withdrawn, about 8%) the day its last stage ends; a stage 5 ends with a
referral to Cafcass. The raiser is whichever IRO holds the case that day.
"""

from __future__ import annotations

from datetime import date, timedelta

from iro_warehouse.simulate.model import Context, Escalation, Need
from iro_warehouse.simulate.rand import pick, stream

D = timedelta

RATE_PER_YEAR = {"CLA": 0.15, "CP": 0.09}
_CATEGORIES = {
    "CLA": (
        ("QUALITY_PLAN", 0.16), ("QUALITY_ASSESSMENT", 0.08), ("PLAN_DELAY", 0.18),
        ("TIMESCALE", 0.10), ("PLACEMENT", 0.14), ("CONTACT", 0.09), ("HEALTH_EDUCATION", 0.08),
        ("ALLOCATION", 0.07), ("PARTICIPATION", 0.05), ("OTHER", 0.05),
    ),
    "CP": (
        ("QUALITY_ASSESSMENT", 0.20), ("QUALITY_PLAN", 0.20), ("PLAN_DELAY", 0.15),
        ("TIMESCALE", 0.15), ("ALLOCATION", 0.10), ("PARTICIPATION", 0.06), ("CONTACT", 0.04),
        ("HEALTH_EDUCATION", 0.05), ("OTHER", 0.05),
    ),
}  # fmt: skip
_UP = (0.25, 0.30, 0.33, 0.30, 0.35)  # chance of moving on from stage k
#: chance that moving on from stage 2 or 3 is straight to Cafcass (stage 5)
_STRAIGHT_TO_CAFCASS = 0.10
_STAGE_DAYS = ((2, 40), (7, 45), (7, 40), (7, 35), (7, 30), (1, 14))


def generate_escalations(ctx: Context, need: Need, person_id: str) -> list[Escalation]:
    """The escalations raised about one child during one need (uncensored)."""
    rate = RATE_PER_YEAR[need.kind]
    rng = stream(ctx.seed, "esc", need.child, need.seq)
    out: list[Escalation] = []
    t: date = need.start
    k = 0
    while True:
        t = t + D(1 + int(rng.expovariate(rate / 365.25)))
        if t >= need.end:
            return out
        k += 1
        category = pick(rng, _CATEGORIES[need.kind])
        stages: list[tuple[int, date, date]] = []
        s = t
        stage = 0
        while True:
            lo, hi = _STAGE_DAYS[stage]
            e = s + D(rng.randint(lo, hi))
            stages.append((stage, s, e))
            if stage == 5 or rng.random() >= _UP[stage]:
                break
            if stage in (2, 3) and rng.random() < _STRAIGHT_TO_CAFCASS:
                stage = 5
            else:
                stage += 1
            s = e
        if stage == 5:
            outcome = "CAFCASS_REFERRAL"
        else:
            outcome = "WITHDRAWN" if rng.random() < 0.08 else "RESOLVED"
        out.append(
            Escalation(
                esc_id=f"X{need.child:08d}{need.seq:02d}{k:02d}",
                person_id=person_id,
                need=need,
                case_type=need.kind,
                category=category,
                raised=t,
                stages=stages,
                outcome=outcome,
            )
        )


def emit_escalations(ctx: Context) -> None:
    """Write escalations and their stages, censored at the end date."""
    end = ctx.end
    esc_rows = ctx.tables["ext_iro_escalations"]
    stage_rows = ctx.tables["ext_iro_escalation_stages"]
    for esc in ctx.escalations:
        if esc.raised > end:
            continue
        raiser = esc.need.iro_on(esc.raised)
        if raiser is None:
            continue
        resolved = esc.resolved if esc.resolved <= end else None
        esc_rows.append(
            (
                esc.esc_id, esc.person_id, raiser, esc.case_type, esc.category, esc.raised,
                resolved, esc.outcome if resolved is not None else None,
            )
        )  # fmt: skip
        for stage, s, e in esc.stages:
            if s > end:
                break
            stage_rows.append(
                (f"{esc.esc_id}S{stage}", esc.esc_id, str(stage), s, e if e <= end else None)
            )

"""Contract 2 of a period of care: the IRO's contact with the child, and the care plan.

Both are drawn from the period's *second* random stream (``"period+"``), so
the contract-1 parts of a period (its episodes, placements, legal statuses and
review dates) are drawn exactly as without them, and only for the periods
that are written (a child whose record closed before the history starts is
never written, and never costs these draws). Like the rest of a period they
are generated whole and censored at the extract date.

Modelling choices (tuned against the contract-2 rows of ``realism.md``):

* **IRO contact** (``clar_cla_review_last_iro_contact_date``, SSD CLAR010A).
  The IRO usually sees the child in the weeks before a review (a consultation
  visit): about three quarters of the held reviews have a last contact between
  the previous held review and the day before this one (for the first review,
  from the start of the period), fewer for the first review, whose window is
  only about four weeks long. The rest record the contact as the review day
  itself, or the day of the previous review (the IRO has not seen the child
  since), or nothing. A cancelled review records the last contact before its
  due date, or nothing. A contact date is never after the review it belongs
  to, nor after the extract date.
* **Care plan** (``ssd_cla_care_plan``). Each period of care has its own chain
  of plan versions: half-open, each version starting the day the previous one
  ends, the last ending with the period (so the current version, once the
  period is censored at the extract date, has a null end). About a third of
  periods start with a permanence plan; the others start with no plan agreed
  yet (null, ``{}``, or only unchosen keys) and get one at the first review,
  between the first and the second review, or (about one in six) only after
  the second review, so that about five in six second reviews find a plan
  (``realism.md``: 75-90%). The plan follows the period's path: twin-track
  planning (return home and adoption) narrowing to adoption at the placement
  order; return home within a month or six months; long-term fostering, often
  in parallel with a return home until the full care order, and supported
  living or residential care to independence for older teenagers; special
  guardianship with relatives or friends; others. A later change takes effect
  at the first review on or after the event that prompts it (plans are
  ratified at reviews). A plan dropped from a parallel plan is often kept as
  an unchosen key (value ``""``, rarely JSON ``null``).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from iro_warehouse.simulate.calendar import birthday
from iro_warehouse.simulate.rand import pick

if TYPE_CHECKING:
    from iro_warehouse.simulate.cla import Period

D = timedelta

Plan = dict[str, str | None]


def add_contract_2(rng: random.Random, period: Period, dob: date, child: int, p: int) -> None:
    """Add the IRO contact dates and the care plan versions to a (non-short-break) period."""
    iro_contacts(rng, period)
    care_plans(rng, period, dob, child, p)


def iro_contacts(rng: random.Random, period: Period) -> None:
    """Add the IRO's last contact date to every review of ``period`` (in place)."""
    prev: date | None = None  # the previous held review
    out = []
    for r_id, due, held, cancelled, pn, _ in period.reviews:
        lo = period.start if prev is None else prev + D(1)
        contact: date | None = None
        if held is None:  # cancelled: the last contact before the due date, or none
            span = (due - lo).days
            if span >= 1 and rng.random() < 0.7:
                contact = due - D(rng.randint(1, min(span, 60)))
            out.append((r_id, due, held, cancelled, pn, contact))
            continue
        span = (held - lo).days  # days in the window [lo, held - 1]
        between = 0.55 if prev is None else 0.78
        u = rng.random()
        if u < between and span >= 1:
            contact = held - D(rng.randint(1, min(span, 70)))
        elif u < between + 0.07 and prev is not None:
            contact = prev if rng.random() < 0.7 else prev - D(rng.randint(1, 40))
        elif u < 0.92:
            contact = held
        out.append((r_id, due, held, cancelled, pn, contact))
        prev = held
    period.reviews = out


def _plan(chosen: tuple[str, ...], dropped: tuple[str, ...] = (), none: bool = False) -> Plan:
    plan: Plan = {c: "Y" for c in chosen}
    for c in dropped:
        if c not in plan:
            plan[c] = None if none else ""
    return plan


def _first_plan(rng: random.Random, period: Period, age: float) -> tuple[str, ...]:
    path = period.path
    if path == "adopt":
        return pick(rng, ((("ADOPTION", "RETURN6M"), 0.45), (("ADOPTION", "RETURNEV"), 0.1),
                          (("ADOPTION",), 0.45)))  # fmt: skip
    if path == "sgo":
        return pick(rng, ((("LTRELFR",), 0.5), (("LTRELFR", "RETURN6M"), 0.4),
                          (("RETURN6M",), 0.1)))  # fmt: skip
    if path == "home":
        if (period.end - period.start).days < 45:
            return pick(rng, ((("RETURN1M",), 0.8), (("RETURN6M",), 0.15), (("REMAINSUP",), 0.05)))
        return pick(rng, ((("RETURN6M",), 0.7), (("RETURNEV",), 0.2), (("RETURN1M",), 0.05),
                          (("REMAINSUP",), 0.05)))  # fmt: skip
    if path == "long":
        if age < 10:
            return pick(rng, ((("RETURN6M",), 0.3), (("LTFOST18", "RETURN6M"), 0.4),
                              (("LTFOST18",), 0.15), (("LTRELFR",), 0.15)))  # fmt: skip
        if age < 16:
            return pick(rng, ((("RETURNEV",), 0.25), (("LTFOST18",), 0.5),
                              (("LTFOST18", "RETURNEV"), 0.25)))  # fmt: skip
        return pick(rng, ((("SUPPLIV",), 0.5), (("LTFOST18",), 0.3), (("RESPLMT",), 0.2)))
    if path == "remand":
        return pick(rng, ((("RETURN1M",), 0.7), (("OTHERPLN",), 0.3)))
    if path == "uasc":
        if age >= 16:
            return pick(rng, ((("SUPPLIV",), 0.7), (("LTFOST18",), 0.3)))
        return pick(rng, ((("LTFOST18",), 0.8), (("SUPPLIV",), 0.2)))
    return pick(rng, ((("OTHERPLN",), 0.6), (("RETURNEV",), 0.2), (("LTFOST18",), 0.2)))


def _changes(
    rng: random.Random, period: Period, dob: date, first: tuple[str, ...]
) -> list[tuple[date, tuple[str, ...]]]:
    """Later plans and the dates of the events that prompt them."""
    S, E = period.start, period.end
    out: list[tuple[date, tuple[str, ...]]] = []
    legal = {code: s for code, s, _ in reversed(period.legal)}
    if period.path == "adopt" and len(first) > 1 and "E1" in legal:
        out.append((legal["E1"], ("ADOPTION",)))
    elif period.path == "sgo" and first != ("LTRELFR",):
        out.append((S + D(rng.randint(120, 300)), ("LTRELFR",)))
    elif period.path == "long":
        plan = first
        if "RETURN6M" in first or "RETURNEV" in first:
            when = legal["C1"] if "C1" in legal else S + D(rng.randint(150, 400))
            plan = ("LTRELFR",) if rng.random() < 0.15 else ("LTFOST18",)
            out.append((when, plan))
        b16 = birthday(dob, 16)
        if S < b16 < E and plan == ("LTFOST18",) and rng.random() < 0.5:
            later = ("SUPPLIV",) if rng.random() < 0.7 else ("RESPLMT",)
            out.append((b16 + D(rng.randint(0, 300)), later))
    elif period.path == "uasc":
        b17 = birthday(dob, 17)
        if first == ("LTFOST18",) and S < b17 < E and rng.random() < 0.6:
            out.append((b17, ("SUPPLIV",)))
    return out


def care_plans(rng: random.Random, period: Period, dob: date, child: int, p: int) -> None:
    """Set ``period.care_plans``: the versions of the child's plan during the period."""
    S, E = period.start, period.end
    held = [r[2] for r in period.reviews if r[2] is not None]
    r1 = held[0] if held else S + D(28)
    r2 = held[1] if len(held) > 1 else r1 + D(92)
    age = (S - dob).days / 365.25
    first = _first_plan(rng, period, age)
    changes = _changes(rng, period, dob, first)

    u = rng.random()
    events: list[tuple[date, Plan | None]] = []
    if u < 0.33:
        agreed = S
    else:
        v = rng.random()
        initial: Plan | None
        if v < 0.5:
            initial = None
        elif v < 0.9:
            initial = {}
        else:
            initial = _plan((), (first[0],))  # a plan code with no choice yet
        events.append((S, initial))
        if u < 0.62:
            agreed = r1
        elif u < 0.83:
            agreed = r1 + D(rng.randint(1, max(1, (r2 - r1).days - 1)))
        else:
            agreed = r2 + D(rng.randint(1, 150))
    events.append((agreed, _plan(first)))
    current = first
    last = agreed
    for when, plan in changes:
        # ratified at the first review on or after the event (and the previous change)
        at = next((h for h in held if h >= max(when, last)), None)
        if at is None:
            break
        dropped = tuple(c for c in current if c not in plan) if rng.random() < 0.5 else ()
        events.append((at, _plan(plan, dropped, none=rng.random() < 0.05)))
        current, last = plan, at

    versions: list[tuple[date, str | None]] = []
    for when, plan in events:
        if when >= E:
            break
        text = None if plan is None else json.dumps(plan, sort_keys=True)
        if versions and versions[-1][0] == when:
            versions[-1] = (when, text)
        elif not versions or versions[-1][1] != text:
            versions.append((when, text))
    prefix = f"A{child:08d}{p:03d}"
    period.care_plans = [
        (f"{prefix}{i + 1:02d}", s, versions[i + 1][0] if i + 1 < len(versions) else E, text)
        for i, (s, text) in enumerate(versions)
    ]

"""Child protection: section 47 enquiries, initial conferences, plans, reviews.

Modelling choices (tuned against ``realism.md``):

* A child comes to the CP process through a strategy discussion that starts a
  section 47 enquiry. About half of first enquiries end with no further action
  (NFA); the rest lead to an ICPC, held within 15 working days of the strategy
  discussion about four times in five and otherwise up to seven weeks later.
  Most ICPCs (about 88%) make a plan; the plan starts on the ICPC date.
* A few children arrive on another authority's plan: a transfer-in ICPC with
  no enquiry, which always makes a plan.
* Review conferences: the first is due 3 months after the plan starts, then
  every 6 months from the previous review; about 95% are held on or before the
  due date. At each review the plan may end (continue = N); the chance rises
  with every review, so ~3-4% of plans last two years or more. A few plans end
  between reviews because the child comes into care (the plan ends on the day
  the period of care starts) or moves away.
* Neglect is the initial category of about three quarters of plans; the
  latest category sometimes changes at a review.
* After a plan ends about three in ten children have another enquiry within
  a few years, most of which lead to a repeat plan (17-19% of plans started).
* A few children are unborn when the enquiry starts (a pre-birth plan); one
  who comes into care does so at birth at the earliest.
* *(contract 2)* At review conferences children take part far less than at
  their looked after reviews (PN0 under 4; of older children about three in
  five, the seed's "area to improve"; teenagers more often through an
  advocate, PN5; about 1% not recorded). About 94% of conferences are
  quorate, 5% not, and 1% have the flag blank. These come from the child's
  own stream at emission (``review_extras``), not from the plan's stream.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_warehouse.simulate.calendar import WorkCalendar, add_months
from iro_warehouse.simulate.rand import pick

D = timedelta

CATEGORY = (("NEG", 0.75), ("EMO", 0.13), ("PHY", 0.06), ("SAB", 0.04), ("MUL", 0.02))
#: chance that the plan ends at review k (1-based); later reviews use the last value
_END_AT_REVIEW = (0.28, 0.55, 0.62, 0.72, 0.75)
_PN_4_TO_9 = (
    ("PN1", 0.10), ("PN2", 0.03), ("PN3", 0.06), ("PN4", 0.04), ("PN5", 0.05), ("PN6", 0.27),
    ("PN7", 0.44), (None, 0.01),
)  # fmt: skip
_PN_10_PLUS = (
    ("PN1", 0.20), ("PN2", 0.04), ("PN3", 0.02), ("PN4", 0.03), ("PN5", 0.18), ("PN6", 0.21),
    ("PN7", 0.31), (None, 0.01),
)  # fmt: skip
_QUORATE = (("Y", 0.94), ("N", 0.05), (None, 0.01))


def review_extras(rng: random.Random, age: int) -> tuple[str | None, str | None]:
    """(participation, quorate) of one review conference, for a child aged ``age``."""
    if age < 4:
        pn: str | None = "PN0"
    else:
        pn = pick(rng, _PN_4_TO_9 if age < 10 else _PN_10_PLUS)
    return pn, pick(rng, _QUORATE)


@dataclass
class CpEpisode:
    """One pass through the CP process, as lived (uncensored)."""

    n: int
    #: (s47 id, referral id, start, end, nfa) or None for a transfer-in
    s47: tuple[str, str, date, date, str] | None
    #: (icpc id, target date or None, held date, transfer in flag) or None after NFA
    icpc: tuple[str, date | None, date, str] | None = None
    plan_id: str | None = None
    plan_start: date | None = None
    plan_end: date | None = None
    initial: str = "NEG"
    latest: str = "NEG"
    latest_from: date | None = None
    #: (review id, due, held, continue flag)
    reviews: list[tuple[str, date, date, str]] = field(default_factory=list)
    #: "nfa" | "no_plan" | "review" | "care" | "moved"
    outcome: str = "nfa"

    @property
    def last_date(self) -> date:
        if self.plan_end is not None:
            return self.plan_end
        if self.icpc is not None:
            return self.icpc[2]
        assert self.s47 is not None
        return self.s47[3]


def generate_cp(
    rng: random.Random,
    cal: WorkCalendar,
    child: int,
    n: int,
    start: date,
    *,
    transfer_in: bool = False,
    had_plan: bool = False,
    born: date | None = None,
) -> CpEpisode:
    """Live one enquiry (or transfer-in) and whatever follows it.

    ``born``: the child's date of birth; a child unborn at the plan's start
    comes into care on that day at the earliest.
    """
    tag = f"{child:08d}{n:02d}"
    if transfer_in:
        ep = CpEpisode(n=n, s47=None)
        icpc_date = cal.on_or_after(start)
        ep.icpc = (f"K{tag}", None, icpc_date, "Y")
        made_plan = True
    else:
        nfa = rng.random() < (0.30 if had_plan else 0.53)
        s47_start = start
        if nfa:
            ep = CpEpisode(
                n=n, s47=(f"Q{tag}", f"F{tag}", s47_start, s47_start + D(rng.randint(3, 40)), "Y")
            )
            return ep
        wd = pick(rng, ((0, 0.76), (1, 0.06), (2, 0.18)))
        if wd == 0:
            wd = rng.randint(5, 15)
        elif wd == 1:
            wd = rng.randint(2, 4)
        else:
            wd = rng.randint(16, 35)
        icpc_date = cal.add_working_days(s47_start, wd)
        s47_end = max(s47_start + D(1), icpc_date - D(rng.randint(0, 4)))
        ep = CpEpisode(n=n, s47=(f"Q{tag}", f"F{tag}", s47_start, s47_end, "N"))
        ep.icpc = (f"K{tag}", cal.add_working_days(s47_start, 15), icpc_date, "N")
        made_plan = rng.random() < (0.92 if had_plan else 0.88)
    if not made_plan:
        ep.outcome = "no_plan"
        return ep

    ep.plan_id = f"CP{tag}"
    ep.plan_start = icpc_date
    ep.initial = ep.latest = pick(rng, CATEGORY)
    care = icpc_date + D(rng.randint(20, 600)) if rng.random() < 0.10 else None
    if care is not None and born is not None and care < born:
        care = born
    moved = icpc_date + D(rng.randint(30, 700)) if rng.random() < 0.03 else None
    interrupt = min((d for d in (care, moved) if d is not None), default=None)
    change_at = rng.randint(1, 4) if rng.random() < 0.08 else 0
    prev = icpc_date
    due = add_months(icpc_date, 3)
    k = 1
    while True:
        if rng.random() < 0.95:
            held = cal.on_or_before(due - D(rng.randint(0, 14)))
        else:
            held = cal.on_or_after(due + D(rng.randint(1, 25)))
        if held <= prev:
            held = cal.on_or_after(prev + D(1))
        if interrupt is not None and interrupt <= held:
            ep.plan_end = max(interrupt, prev + D(1))
            ep.outcome = "care" if interrupt == care else "moved"
            break
        ends = rng.random() < _END_AT_REVIEW[min(k, len(_END_AT_REVIEW)) - 1]
        if k == change_at:
            ep.latest = pick(rng, [(c, w) for c, w in CATEGORY if c != ep.initial])
            ep.latest_from = held
        ep.reviews.append((f"V{tag}{k:02d}", due, held, "N" if ends else "Y"))
        if ends:
            ep.plan_end = held
            ep.outcome = "review"
            break
        prev = held
        due = add_months(held, 6)
        k += 1
    return ep

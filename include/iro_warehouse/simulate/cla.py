"""Periods of care: legal statuses, placements, 903 episodes and reviews.

Modelling choices (numbers are tuned against ``realism.md``):

* **Who comes into care.** Ages at entry cluster under 1 (a fifth, many within
  days of birth) and at 10-15 (about two fifths). The age decides a *path*:
  adoption (young children: interim care order C2, placement order E1 after
  8-14 months, an adoptive placement A4/A6 2-7 months later, adoption E11/E12
  months after that), special guardianship or child arrangements (E41/E43/E44),
  a return home after weeks or months (section 20 V2 mostly; E13/E4A/E4B),
  long-term care (C2 then full care order C1, or V2 for teenagers) usually
  until 18 (E5/E6/E7/E17/E8 on the 18th birthday), remand (J1-J3; E14/E9),
  unaccompanied asylum-seeking teenagers (V2, need N8; some E15) and others
  (E3 another authority, E16 abroad, E8).
* **Episodes.** A new 903 episode starts on every change of legal status or
  placement; the first has RNE S, later ones L (status only), P / T (placement,
  new / same carer), B / U (both). Every episode but the last is ceased X1 on
  the day the next starts; the last is ceased with the period's REC.
* **Placements.** One ``ssd_cla_placement`` row per placement with a carer. A
  third of periods start with a short emergency placement; later moves follow
  an exponential clock that is fast for an "unstable" minority (mostly
  teenagers) and slow otherwise, and slows further after the first year, so
  moves cluster early. A foster placement may become long term with the same
  carer (RNE T, a new record, change reason PLACE). Temporary placements
  (T1-T4: hospital, holiday, respite) last 2-14 days and the child then
  returns to the *same* placement record. The change reason is recorded on a
  placement that ended with a move.
* **Reviews (reg 33).** Review 1 is due 20 working days after the period
  starts, review 2 three months after review 1, then six-monthly, each chained
  from the actual previous review. Most are held on a working day up to ten
  days before the due date; about one in ten is late by days to weeks; a few
  are cancelled (a row with the flag Y) and rearranged a little later.
  Participation: PN0 under 4; of older children ~92% take part, teenagers
  more often through an advocate (PN5).
* **Short breaks.** A few disabled children have a series of short breaks
  (legal status V4, sometimes V3): each break is its own period of care of a
  few nights with one episode and no review, IRO or care plan.
* **Contract 2.** The IRO's contact dates and the care plan versions of a
  period come from ``careplan``, drawn from a second stream of the period
  when the period is written.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from iro_warehouse.simulate.calendar import WorkCalendar, add_months, age_on, birthday
from iro_warehouse.simulate.names import postcode
from iro_warehouse.simulate.rand import pick, poisson

D = timedelta

NEED_CODES = (
    ("N1", 0.60), ("N2", 0.03), ("N3", 0.04), ("N4", 0.10), ("N5", 0.13), ("N6", 0.03),
    ("N7", 0.01), ("N8", 0.06),
)  # fmt: skip
LEAVING_AT_18 = (
    ("E5", 0.30),
    ("E6", 0.08),
    ("E17", 0.22),
    ("E8", 0.30),
    ("E7", 0.05),
    ("E13", 0.05),
)
RETURN_HOME = (("E13", 0.35), ("E4B", 0.40), ("E4A", 0.20), ("E8", 0.05))
CHANGE_REASON = (
    ("CARPL", 0.40), ("CREQB", 0.15), ("CREQO", 0.10), ("CHILD", 0.07), ("LAREQ", 0.08),
    ("STAND", 0.04), ("ALLEG", 0.03), ("CLOSE", 0.03), ("APPRR", 0.02), ("OTHER", 0.08),
)  # fmt: skip
PN_4_TO_9 = (
    ("PN1", 0.35), ("PN2", 0.10), ("PN3", 0.18), ("PN4", 0.05), ("PN5", 0.08), ("PN6", 0.16),
    ("PN7", 0.08),
)  # fmt: skip
PN_10_PLUS = (
    ("PN1", 0.38), ("PN2", 0.05), ("PN3", 0.04), ("PN4", 0.03), ("PN5", 0.25), ("PN6", 0.17),
    ("PN7", 0.08),
)  # fmt: skip
_LONG_TERM_OF = {"U6": "U4", "U3": "U1", "U5": "U4", "U2": "U1"}
_FOSTER = ("U1", "U2", "U3", "U4", "U5", "U6")
_RESIDENTIAL = ("K1", "K2", "R1", "S1", "H5", "R5")


def participation(rng: random.Random, age: int) -> str:
    """A PN code consistent with the child's age at the review."""
    if age < 4:
        return "PN0"
    return pick(rng, PN_4_TO_9 if age < 10 else PN_10_PLUS)


@dataclass(eq=False)
class Placement:
    pid: str
    carer: int
    ptype: str
    provider: str
    urn: str | None
    postcode: str | None
    start: date | None = None
    end: date | None = None
    reason: str | None = None

    @property
    def temporary(self) -> bool:
        return self.ptype[0] == "T"


@dataclass
class Period:
    """One period of care as lived (uncensored: it always ends)."""

    cla_id: str
    start: date
    end: date
    rec: str
    need: str
    short_break: bool
    path: str
    #: (episode id, start, RNE, ceased, REC, placement id)
    episodes: list[tuple[str, date, str, date, str, str]] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    #: (status, start, end)
    legal: list[tuple[str, date, date]] = field(default_factory=list)
    #: (review id, due, date or None, cancelled flag, participation or None,
    #: the IRO's last contact or None: set by ``careplan.iro_contacts``)
    reviews: list[tuple[str, date, date | None, str, str | None, date | None]] = field(
        default_factory=list
    )
    #: care plan versions: (id, start, end, plan JSON text or None), set by
    #: ``careplan.care_plans``
    care_plans: list[tuple[str, date, date, str | None]] = field(default_factory=list)


def entry_age_days(rng: random.Random) -> int:
    """Age at entry to care in days: clusters under 1 and at 10-15."""
    r = rng.random()
    if r < 0.20:
        if rng.random() < 0.4:
            return rng.randint(0, 7)
        return rng.randint(8, 364)
    if r < 0.36:
        return rng.randint(365, 5 * 365)
    if r < 0.53:
        return rng.randint(5 * 365, 10 * 365)
    if r < 0.92:
        return rng.randint(10 * 365, 16 * 365)
    return rng.randint(16 * 365, 17 * 365 + 300)


def _path(rng: random.Random, age: float) -> str:
    if age < 1:
        return pick(
            rng, (("adopt", 0.36), ("home", 0.25), ("sgo", 0.24), ("long", 0.10), ("other", 0.05))
        )
    if age < 5:
        return pick(
            rng, (("adopt", 0.18), ("home", 0.35), ("sgo", 0.26), ("long", 0.18), ("other", 0.03))
        )
    if age < 10:
        return pick(rng, (("home", 0.39), ("sgo", 0.18), ("long", 0.39), ("other", 0.04)))
    if age < 14:
        return pick(rng, (("home", 0.47), ("long", 0.42), ("remand", 0.05), ("other", 0.06)))
    if age < 16:
        return pick(
            rng, (("home", 0.46), ("long", 0.34), ("remand", 0.07), ("uasc", 0.08), ("other", 0.05))
        )
    return pick(
        rng, (("home", 0.45), ("long", 0.33), ("uasc", 0.14), ("remand", 0.05), ("other", 0.03))
    )


def _home_days(rng: random.Random) -> int:
    if rng.random() < 0.35:
        return 1 + int(rng.expovariate(1 / 20))
    return max(1, int(rng.lognormvariate(math.log(150), 0.7)))


def _first_type(rng: random.Random, age: int, path: str) -> str:
    if path == "remand":
        return pick(rng, (("K1", 0.3), ("R5", 0.3), ("U6", 0.2), ("K2", 0.2)))
    if path == "uasc":
        return pick(rng, (("U6", 0.5), ("H5", 0.3), ("K2", 0.2)))
    return _type_by_age(rng, age)


def _type_by_age(rng: random.Random, age: int) -> str:
    if age < 1:
        return pick(rng, (("U6", 0.6), ("U3", 0.15), ("R3", 0.1), ("U5", 0.1), ("U2", 0.05)))
    if age < 10:
        return pick(
            rng, (("U6", 0.65), ("U3", 0.2), ("U2", 0.03), ("K2", 0.02), ("P1", 0.05), ("U5", 0.05))
        )
    if age < 16:
        return pick(
            rng,
            (
                ("U6", 0.55),
                ("U3", 0.12),
                ("K2", 0.22),
                ("R1", 0.03),
                ("S1", 0.03),
                ("P1", 0.03),
                ("K1", 0.02),
            ),
        )
    return pick(rng, (("U6", 0.4), ("K2", 0.25), ("H5", 0.25), ("U3", 0.08), ("P2", 0.02)))


def _provider(rng: random.Random, ptype: str) -> str:
    if ptype in ("P1", "P2"):
        return "PR0"
    if ptype[0] == "U":
        return pick(rng, (("PR1", 0.62), ("PR4", 0.33), ("PR5", 0.05)))
    if ptype[0] == "A":
        return pick(rng, (("PR1", 0.7), ("PR5", 0.2), ("PR2", 0.1)))
    if ptype[0] == "T":
        return "PR1"
    if ptype in ("R2", "R5", "K1"):
        return "PR3"
    if ptype == "S1":
        return "PR5"
    return pick(rng, (("PR1", 0.4), ("PR4", 0.55), ("PR5", 0.05)))


class _Placements:
    """Builds the placement records of one period."""

    def __init__(self, rng: random.Random, prefix: str) -> None:
        self.rng = rng
        self.prefix = prefix
        self.records: list[Placement] = []
        self.carers = 0

    def new(self, ptype: str, carer: int | None = None) -> Placement:
        rng = self.rng
        if carer is None:
            self.carers += 1
            carer = self.carers
        urn = None
        if ptype in _RESIDENTIAL or (ptype[0] in "UA" and rng.random() < 0.5):
            urn = f"SC{rng.randint(100000, 999999)}"
        pc = None if ptype[0] == "T" and rng.random() < 0.5 else postcode(rng)
        p = Placement(
            pid=f"L{self.prefix}{len(self.records) + 1:03d}",
            carer=carer,
            ptype=ptype,
            provider=_provider(rng, ptype),
            urn=urn,
            postcode=pc,
        )
        self.records.append(p)
        return p


def generate_period(
    rng: random.Random,
    cal: WorkCalendar,
    child: int,
    p: int,
    start: date,
    dob: date,
    *,
    late_review_share: float | None = None,
) -> Period:
    """Live one period of care from ``start`` to its (always finite) end.

    The contract-2 parts (IRO contact dates, care plans) are added by
    ``careplan.add_contract_2`` when the period is written.
    """
    S = start
    b18 = birthday(dob, 18)
    age = (S - dob).days / 365.25
    age_y = age_on(dob, S)
    path = _path(rng, age)
    need = "N8" if path == "uasc" else pick(rng, NEED_CODES)
    left = (b18 - S).days  # days until 18 (> 0)

    adopt_place: date | None = None
    e1: date | None = None
    ls: list[tuple[date, str]]
    if path == "adopt":
        e1 = S + D(rng.randint(240, 420))
        adopt_place = e1 + D(rng.randint(50, 200))
        E = adopt_place + D(rng.randint(70, 365))
        rec = pick(rng, (("E11", 0.85), ("E12", 0.15)))
        first = pick(rng, (("C2", 0.6), ("V2", 0.25), ("L2", 0.1), ("L1", 0.05)))
        ls = [(S, first)]
        if first != "C2":
            gap = rng.randint(14, 90) if first == "V2" else rng.randint(1, 8)
            ls.append((S + D(gap), "C2"))
        ls.append((e1, "E1"))
    elif path == "sgo":
        E = S + D(rng.randint(250, 900))
        rec = pick(rng, (("E43", 0.4), ("E44", 0.3), ("E41", 0.3)))
        first = "C2" if rng.random() < 0.65 else "V2"
        ls = [(S, first)]
        if first == "C2" and rng.random() < 0.5:
            ls.append((S + D(rng.randint(180, 365)), "C1"))
    elif path == "home":
        E = S + D(_home_days(rng))
        rec = pick(rng, RETURN_HOME)
        first = pick(rng, (("V2", 0.65), ("C2", 0.30), ("L2", 0.05)))
        ls = [(S, first)]
        if first == "L2":
            ls.append((S + D(rng.randint(2, 8)), "V2" if rng.random() < 0.5 else "C2"))
    elif path == "long":
        if age < 10:
            first = "C2" if rng.random() < 0.7 else "V2"
            early = rng.random() < 0.3
        else:
            first = "C2" if rng.random() < 0.55 else "V2"
            early = rng.random() < 0.25
        ls = [(S, first)]
        t = S
        if first == "V2" and age < 10 and rng.random() < 0.5:
            t = S + D(rng.randint(30, 200))
            ls.append((t, "C2"))
        if ls[-1][1] == "C2":
            ls.append((t + D(rng.randint(150, 400)), "C1"))
        if early:
            E = S + D(rng.randint(min(180 if age >= 10 else 730, left), max(left, 181)))
            rec = pick(rng, (("E13", 0.5), ("E41", 0.2), ("E43", 0.2), ("E4B", 0.1)))
        else:
            E = b18
            rec = pick(rng, LEAVING_AT_18)
    elif path == "remand":
        ls = [(S, pick(rng, (("J2", 0.6), ("J1", 0.25), ("J3", 0.15))))]
        E = S + D(rng.randint(3, 120))
        rec = pick(rng, (("E14", 0.7), ("E9", 0.3)))
    elif path == "uasc":
        ls = [(S, "V2")]
        if rng.random() < 0.15:
            E = S + D(rng.randint(20, 200))
            rec = "E15"
        else:
            E = b18
            rec = pick(rng, LEAVING_AT_18)
    else:  # other
        ls = [(S, "V2" if rng.random() < 0.5 else "C2")]
        E = S + D(rng.randint(30, 700))
        rec = pick(rng, (("E3", 0.5), ("E16", 0.1), ("E8", 0.4)))
    if b18 <= E:
        E = b18
        if rec not in ("E5", "E6", "E7", "E8", "E17", "E13"):
            rec = pick(rng, LEAVING_AT_18)
    if E <= S:
        E = S + D(1)
    ls = [(d, code) for d, code in ls if d < E]
    if adopt_place is not None and adopt_place >= E:
        adopt_place = None

    period = Period(
        cla_id=f"C{child:08d}{p:03d}", start=S, end=E, rec=rec, need=need,
        short_break=False, path=path,
    )  # fmt: skip
    timeline = _placement_timeline(rng, period, dob, age_y, adopt_place)
    _episodes(period, ls, timeline, child, p)
    _reviews(rng, cal, period, dob, child, p, late_review_share)
    return period


def _placement_timeline(
    rng: random.Random, period: Period, dob: date, age: int, adopt_place: date | None
) -> list[tuple[date, Placement]]:
    S, E = period.start, period.end
    build = _Placements(rng, period.cla_id[1:])
    limit = adopt_place or E
    cur = build.new(_first_type(rng, age, period.path))
    timeline = [(S, cur)]
    unstable = rng.random() < (0.28 if age >= 10 else 0.06)
    t = S
    first = True
    while True:
        since = (t - S).days
        if first and rng.random() < 0.33:
            dur = rng.randint(2, 100)
        else:
            # unstable children move every few months for two years; others settle
            fast, slow = (170, 900) if unstable else (650, 6000)
            mean = fast if since < (730 if unstable else 365) else slow
            dur = 1 + int(rng.expovariate(1 / mean))
        first = False
        nt = t + D(dur)
        if nt >= limit:
            break
        long_term = _LONG_TERM_OF.get(cur.ptype)
        if long_term and (nt - S).days > 150 and rng.random() < 0.15:
            nxt = build.new(long_term, carer=cur.carer)
        else:
            nxt = build.new(_type_by_age(rng, age_on(dob, nt)))
        timeline.append((nt, nxt))
        cur, t = nxt, nt
    if adopt_place is not None:
        if cur.ptype in _FOSTER and rng.random() < 0.15:
            nxt = build.new("A4", carer=cur.carer)
        else:
            nxt = build.new("A6" if rng.random() < 0.85 else "A5")
        timeline.append((adopt_place, nxt))

    # temporary spells, returning to the same placement record
    spells: list[tuple[date, Placement]] = []
    for i, (d, pl) in enumerate(timeline):
        seg_end = timeline[i + 1][0] if i + 1 < len(timeline) else E
        length = (seg_end - d).days
        if length < 45:
            continue
        n = poisson(rng, 0.12 * length / 365.25)
        busy_until = d
        for _ in range(n):
            s = d + D(rng.randint(10, length - 25))
            dur = rng.randint(2, 14)
            if s <= busy_until + D(3) or s + D(dur) >= seg_end - D(7):
                continue
            temp = build.new(
                pick(rng, (("T1", 0.25), ("T2", 0.25), ("T3", 0.3), ("T4", 0.15), ("T0", 0.05)))
            )
            spells.append((s, temp))
            spells.append((s + D(dur), pl))
            busy_until = s + D(dur)
    if spells:
        timeline = sorted(timeline + spells, key=lambda x: x[0])

    for i, (d, pl) in enumerate(timeline):
        seg_end = timeline[i + 1][0] if i + 1 < len(timeline) else E
        if pl.start is None or d < pl.start:
            pl.start = d
        if pl.end is None or seg_end > pl.end:
            pl.end = seg_end
    by_start = {}
    for d, pl in timeline:
        if not pl.temporary:
            by_start.setdefault(d, pl)
    for pl in build.records:
        if pl.temporary or pl.end is None or pl.end >= E:
            continue
        nxt = by_start.get(pl.end)
        if nxt is None:
            continue
        if nxt.carer == pl.carer:
            pl.reason = "PLACE"
        elif nxt.ptype[0] == "A":
            pl.reason = "CARPL"
        else:
            pl.reason = pick(rng, CHANGE_REASON)
    period.placements = build.records
    return timeline


def _episodes(
    period: Period,
    ls: list[tuple[date, str]],
    timeline: list[tuple[date, Placement]],
    child: int,
    p: int,
) -> None:
    E = period.end
    for i, (d, code) in enumerate(ls):
        period.legal.append((code, d, ls[i + 1][0] if i + 1 < len(ls) else E))
    dates = sorted({d for d, _ in ls} | {d for d, _ in timeline})
    li = pi = 0
    prev_ls: str | None = None
    prev_pl: Placement | None = None
    starts: list[tuple[date, str, str]] = []
    for d in dates:
        while li + 1 < len(ls) and ls[li + 1][0] <= d:
            li += 1
        while pi + 1 < len(timeline) and timeline[pi + 1][0] <= d:
            pi += 1
        code, pl = ls[li][1], timeline[pi][1]
        if prev_pl is None:
            rne = "S"
        else:
            ls_changed = code != prev_ls
            pl_changed = pl.pid != prev_pl.pid
            carer_changed = pl.carer != prev_pl.carer
            if ls_changed and pl_changed:
                rne = "B" if carer_changed else "U"
            elif pl_changed:
                rne = "P" if carer_changed else "T"
            else:
                rne = "L"
        starts.append((d, rne, pl.pid))
        prev_ls, prev_pl = code, pl
    prefix = f"E{child:08d}{p:03d}"
    for i, (d, rne, pid) in enumerate(starts):
        last = i + 1 == len(starts)
        ceased = E if last else starts[i + 1][0]
        period.episodes.append(
            (f"{prefix}{i + 1:03d}", d, rne, ceased, period.rec if last else "X1", pid)
        )


def _reviews(
    rng: random.Random,
    cal: WorkCalendar,
    period: Period,
    dob: date,
    child: int,
    p: int,
    late_review_share: float | None = None,
) -> None:
    """The reviews of a period; ``late_review_share`` (practice) moves the share held late."""
    S, E = period.start, period.end
    late_from = 0.905 if late_review_share is None else 1 - late_review_share
    early_until = min(0.86, late_from)
    due = cal.add_working_days(S, 20)
    prev = S
    k = 1
    n = 0
    prefix = f"R{child:08d}{p:03d}"
    while due < E:
        r = rng.random()
        if r < 0.025:
            n += 1
            period.reviews.append((f"{prefix}{n:03d}", due, None, "Y", None, None))
            held = cal.on_or_after(due + D(rng.randint(1, 15)))
        elif r < early_until:
            held = cal.on_or_before(due - D(rng.randint(0, 10)))
        elif r < late_from:
            held = cal.on_or_before(due)
        else:
            held = cal.on_or_after(due + D(1 + int(rng.expovariate(1 / 9))))
        if held <= prev:
            held = cal.on_or_after(prev + D(1))
        if held >= E:
            break
        n += 1
        pn = participation(rng, age_on(dob, held))
        period.reviews.append((f"{prefix}{n:03d}", due, held, "N", pn, None))
        due = add_months(held, 3 if k == 1 else 6)
        prev = held
        k += 1


def generate_short_break(
    rng: random.Random, child: int, p: int, start: date, code: str, ptype: str
) -> Period:
    """One short break: a period of care of a few nights under V3/V4."""
    E = start + D(rng.randint(1, 4))
    period = Period(
        cla_id=f"C{child:08d}{p:03d}", start=start, end=E, rec="E13", need="N2",
        short_break=True, path="short_break",
    )  # fmt: skip
    build = _Placements(rng, period.cla_id[1:])
    pl = build.new(ptype)
    pl.start, pl.end = start, E
    period.placements = build.records
    _episodes(period, [(start, code)], [(start, pl)], child, p)
    return period

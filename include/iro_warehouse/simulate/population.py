"""Children: arrivals, lives, and the rows their lives leave in the case system.

Modelling choices:

* **Arrivals.** Each month a Poisson number of children arrive by each route
  (drawn from a stream keyed by the month, so the count never depends on the
  end date): straight into care (~270 a year at scale 1, rising from mid-2015),
  a first section 47 enquiry (~1,100 a year), a CP transfer-in (~20 a year)
  and a short-break series (~3.5 a year). Children are numbered in arrival
  order; that number is the person id (``P00001234``).
* **Opening stock.** Arrivals start well before the history does (19 years
  before for care, 6 for CP), with the same dynamics, so the children in care
  and on plans on the start date have realistic ages and durations. A child
  whose whole record ended before the start date is dropped; a child still
  open at the start (or seen later) is kept *with their whole history*, so
  periods and plans may begin years before the start and repeat plans have
  their earlier plan.
* **Lives.** A child's life is generated whole from their own streams, then
  *censored* at the end date: records starting after it do not exist, end dates
  after it become null, and events after it do not exist. Some CP children come
  into care (the plan ends the day the period starts, and they keep their
  IRO); some children return home and come back into care later.
* **Unborn and undated children.** About 4% of children arriving through a
  section 47 enquiry are unborn (a pre-birth enquiry and plan: the date of
  birth is two to five months after the strategy discussion, so after the
  plan's start), and about 0.3% of children have no date of birth recorded
  (their life is still generated from one). Both are drawn from key hashes,
  not from the child's stream, so the rest of the child's life is as before.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from iro_warehouse.simulate.calendar import add_months, age_on, birthday
from iro_warehouse.simulate.careplan import add_contract_2
from iro_warehouse.simulate.cla import Period, entry_age_days, generate_period, generate_short_break
from iro_warehouse.simulate.cp import CpEpisode, generate_cp, review_extras
from iro_warehouse.simulate.escalations import generate_escalations
from iro_warehouse.simulate.model import Context, Icpc, Need
from iro_warehouse.simulate.names import ethnicity, person_name
from iro_warehouse.simulate.rand import key_fraction, pick, poisson, stream
from iro_warehouse.simulate.staff import ROLE_SW, ROLE_TM, Staff

D = timedelta

CLA_BURN_IN_YEARS = 19
CP_BURN_IN_YEARS = 6
_SURGE = date(2015, 7, 1)
UNBORN_SHARE = 0.04  # of children arriving through an enquiry
NO_DOB_SHARE = 0.003


def annual_rate(kind: str, d: date, start: date) -> float:
    """Arrivals a year at scale 1 by route, on date ``d``."""
    years = max(0.0, (d - start).days / 365.25)
    if kind == "cla":
        return 262 + 4 * years + (32 if d >= _SURGE else 0)
    if kind == "cp":
        return 1080 + 8 * years + (40 if d >= _SURGE else 0)
    if kind == "tin":
        return 20.0
    return 3.5  # short breaks


def _cp_age_days(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.40:
        return rng.randint(0, 5 * 365 - 1)
    if r < 0.70:
        return rng.randint(5 * 365, 10 * 365 - 1)
    if r < 0.97:
        return rng.randint(10 * 365, 16 * 365 - 1)
    return rng.randint(16 * 365, 17 * 365)


def run_arrivals(ctx: Context, progress: bool) -> None:
    """Generate every child who arrives up to the end date, oldest arrivals first."""
    from tqdm import tqdm

    starts = {
        "cla": add_months(ctx.start, -12 * CLA_BURN_IN_YEARS),
        "cp": add_months(ctx.start, -12 * CP_BURN_IN_YEARS),
        "tin": add_months(ctx.start, -12 * CP_BURN_IN_YEARS),
        "sb": add_months(ctx.start, -12 * CP_BURN_IN_YEARS),
    }
    first = min(starts.values()).replace(day=1)
    months = []
    m = first
    while m <= ctx.end:
        months.append(m)
        m = add_months(m, 1)
    idx = 0
    bar = tqdm(months, disable=not progress, file=sys.stderr, desc="simulating", unit="month")
    for m in bar:
        nxt = add_months(m, 1)
        length = (nxt - m).days
        for kind in ("cla", "cp", "tin", "sb"):
            if m < starts[kind].replace(day=1):
                continue
            rng = stream(ctx.seed, "arrivals", kind, m.isoformat())
            n = poisson(rng, annual_rate(kind, m, ctx.start) * ctx.scale * length / 365.25)
            days = sorted(rng.randrange(length) for _ in range(n))
            for day in days:
                idx += 1
                live(ctx, idx, kind, m + D(day))
    bar.close()


def live(ctx: Context, idx: int, kind: str, t0: date) -> None:
    """Generate one child's life and write the part of it up to the end date."""
    rng = stream(ctx.seed, "child", idx)
    female = rng.random() < 0.48
    sex = "U" if rng.random() < 0.002 else ("F" if female else "M")
    forename, surname = person_name(rng, female)
    eth = ethnicity(rng)
    periods: list[Period] = []
    cps: list[CpEpisode] = []
    care_from_cp: date | None = None
    if kind == "cla":
        dob = t0 - D(entry_age_days(rng))
        _cla_chain(ctx, rng, idx, dob, t0, periods)
    elif kind in ("cp", "tin"):
        dob = t0 - D(_cp_age_days(rng))
        if kind == "cp" and key_fraction(ctx.seed, "unborn", idx) < UNBORN_SHARE:
            dob = t0 + D(60 + int(90 * key_fraction(ctx.seed, "due", idx)))
        care_from_cp = _cp_chain(ctx, rng, idx, dob, t0, cps, transfer_in=kind == "tin")
        if care_from_cp is not None:
            _cla_chain(ctx, rng, idx, dob, care_from_cp, periods)
    else:
        dob = t0 - D(rng.randint(5 * 365, 14 * 365))
        code = "V4" if rng.random() < 0.85 else "V3"
        ptype = pick(rng, (("K2", 0.5), ("U6", 0.4), ("R1", 0.1)))
        series_end = t0 + D(rng.randint(365, 5 * 365) if code == "V4" else rng.randint(1, 120))
        b18 = birthday(dob, 18)
        t = t0
        p = 1
        while t < series_end and t < b18 - D(10) and p < 999:
            periods.append(
                generate_short_break(stream(ctx.seed, "period", idx, p), idx, p, t, code, ptype)
            )
            t = periods[-1].end + D(rng.randint(14, 60))
            p += 1

    last = max([per.end for per in periods] + [ep.last_date for ep in cps])
    if last <= ctx.start:
        return  # the whole record closed before the history starts
    shown_dob = None if key_fraction(ctx.seed, "no-dob", idx) < NO_DOB_SHARE else dob
    _emit(ctx, idx, (forename, surname, sex, eth, shown_dob), periods, cps, care_from_cp, dob)


def _cla_chain(
    ctx: Context, rng: random.Random, idx: int, dob: date, t: date, periods: list[Period]
) -> None:
    b18 = birthday(dob, 18)
    p = len(periods) + 1
    while t < b18 - D(30):
        per = generate_period(
            stream(ctx.seed, "period", idx, p),
            ctx.cal,
            idx,
            p,
            t,
            dob,
            late_review_share=ctx.params.late_review_share,
        )
        periods.append(per)
        if per.rec in ("E13", "E4A", "E4B") and rng.random() < 0.12:
            t = per.end + D(rng.randint(60, 900))
            p += 1
            continue
        break


def _cp_chain(
    ctx: Context,
    rng: random.Random,
    idx: int,
    dob: date,
    t: date,
    cps: list[CpEpisode],
    *,
    transfer_in: bool,
) -> date | None:
    """The child's passes through the CP process; the date they came into care, if so."""
    b18 = birthday(dob, 18)
    n = 1
    had_plan = False
    while t < b18 - D(90) and n < 99:
        ep = generate_cp(
            stream(ctx.seed, "cp", idx, n), ctx.cal, idx, n, t,
            transfer_in=transfer_in, had_plan=had_plan, born=dob,
        )  # fmt: skip
        cps.append(ep)
        transfer_in = False
        had_plan = had_plan or ep.plan_id is not None
        if ep.outcome == "care":
            return ep.plan_end
        if ep.outcome == "moved":
            return None
        again = {"review": 0.30, "no_plan": 0.15, "nfa": 0.12}[ep.outcome]
        if rng.random() >= again:
            return None
        t = ep.last_date + D(rng.randint(60, 1200))
        n += 1
    return None


def _emit(
    ctx: Context,
    idx: int,
    person: tuple[str, str, str, str | None, date | None],
    periods: list[Period],
    cps: list[CpEpisode],
    care_from_cp: date | None,
    dob: date,
) -> None:
    end = ctx.end
    T = ctx.tables
    staff: Staff = ctx.staff  # type: ignore[assignment]
    person_id = f"P{idx:08d}"
    team = ctx.team_of(idx)
    rows = 0
    seq = 0
    workers = [0]
    cal = ctx.cal
    cp_need_into_care: Need | None = None

    # child protection first: a CP child who comes into care does so after their plan
    for ep in cps:
        if ep.s47 is not None:
            q_id, ref, s, e, nfa = ep.s47
            if s > end:
                break
            rows += 1
            kept_end = e if e <= end else None
            T["ssd_s47_enquiry"].append(
                (q_id, ref, person_id, s, kept_end, nfa if kept_end else None)
            )
        if ep.icpc is None:
            continue
        icpc_id, target, held, tin = ep.icpc
        if held > end:
            break
        seq += 1
        if ep.plan_id is None:
            need = Need(idx, person_id, team, held, held, "CHAIR", seq)
            ctx.needs.append(need)
            ctx.icpcs.append(
                Icpc(
                    icpc_id, ep.s47[0] if ep.s47 else None, person_id, None, tin, target, held, need
                )
            )
            continue
        assert ep.plan_start is not None and ep.plan_end is not None
        need = Need(idx, person_id, team, ep.plan_start, ep.plan_end, "CP", seq)
        ctx.needs.append(need)
        if ep.outcome == "care":
            cp_need_into_care = need
        ctx.icpcs.append(
            Icpc(
                icpc_id,
                ep.s47[0] if ep.s47 else None,
                person_id,
                ep.plan_id,
                tin,
                target,
                held,
                need,
            )
        )
        rows += 1
        plan_end = ep.plan_end if ep.plan_end <= end else None
        latest = ep.latest if ep.latest_from is not None and ep.latest_from <= end else ep.initial
        T["ssd_cp_plans"].append(
            (ep.plan_id, icpc_id, person_id, ep.plan_start, plan_end, ep.initial, latest)
        )
        extras = stream(ctx.seed, "cp+", idx, ep.n)
        for r_id, due, r_held, cont in ep.reviews:
            if r_held > end:
                break
            pn, quorate = review_extras(extras, age_on(dob, r_held))
            T["ssd_cp_reviews"].append(
                (r_id, ep.plan_id, person_id, due, r_held, cont, pn, quorate)
            )
        ctx.escalations.extend(generate_escalations(ctx, need, person_id))
        _workers(
            ctx,
            staff,
            idx,
            person_id,
            team,
            need.seq,
            ep.plan_start,
            ep.plan_end,
            workers,
            tm=False,
        )

    legal_n = 0
    for p, per in enumerate(periods, 1):  # numbered as generated (_cla_chain, short breaks)
        if per.start > end:
            break
        rows += 1
        if not per.short_break:
            add_contract_2(stream(ctx.seed, "period+", idx, p), per, dob, idx, p)
        for ep_id, s, rne, ceased, rec, pid in per.episodes:
            if s > end:
                break
            c = ceased if ceased <= end else None
            T["ssd_cla_episodes"].append(
                (
                    ep_id,
                    person_id,
                    per.cla_id,
                    s,
                    rne,
                    c,
                    rec if c else None,
                    per.need,
                    pid,
                    per.start,
                )
            )
        for pl in per.placements:
            assert pl.start is not None and pl.end is not None
            if pl.start > end:
                continue
            pe = pl.end if pl.end <= end else None
            T["ssd_cla_placement"].append(
                (
                    pl.pid, per.cla_id, person_id, pl.start, pe, pl.ptype, pl.provider, pl.urn,
                    pl.postcode, pl.reason if pe else None,
                )
            )  # fmt: skip
        for code, s, e in per.legal:
            legal_n += 1
            if s > end:
                continue
            T["ssd_legal_status"].append(
                (f"S{idx:08d}{legal_n:04d}", person_id, code, s, e if e <= end else None)
            )
        for r_id, due, held, cancelled, pn, contact in per.reviews:
            if held is None:
                if due > end:
                    break
            elif held > end:
                break
            T["ssd_cla_reviews"].append((r_id, per.cla_id, due, held, cancelled, pn, contact))
        for plan_id, s, e, text in per.care_plans:
            if s > end:
                break
            T["ssd_cla_care_plan"].append((plan_id, person_id, s, e if e <= end else None, text))
        if per.short_break:
            continue
        rng = stream(ctx.seed, "alloc", idx, per.cla_id)
        k = pick(rng, ((0, 0.35), (1, 0.57), (2, 0.08)))
        delay = 0 if k == 0 else (rng.randint(1, 5) if k == 1 else rng.randint(6, 15))
        alloc = cal.add_working_days(per.start, delay)
        seq += 1
        if alloc < per.end:
            need = Need(idx, person_id, team, alloc, per.end, "CLA", seq)
            if cp_need_into_care is not None and care_from_cp == per.start:
                need.preferred = cp_need_into_care
                need.start = per.start
            ctx.needs.append(need)
            if need.start <= end:
                ctx.escalations.extend(generate_escalations(ctx, need, person_id))
        _workers(ctx, staff, idx, person_id, team, seq, per.start, per.end, workers, tm=True)

    if rows:
        T["ssd_person"].append((person_id, *person, None))


def _workers(
    ctx: Context,
    staff: Staff,
    idx: int,
    person_id: str,
    team: int,
    seq: int,
    s: date,
    e: date,
    counter: list[int],
    *,
    tm: bool,
) -> None:
    """Social worker (changing about yearly) and team manager involvements."""
    end = ctx.end
    if s > end:
        return
    rows = ctx.tables["ssd_involvements"]
    rng = stream(ctx.seed, "workers", idx, seq)
    if tm:
        h = staff.holder(ROLE_TM, team, s, rng)
        if h is not None:
            counter[0] += 1
            te = min(e, h.end)
            rows.append(
                (
                    f"I{idx:08d}W{counter[0]:03d}",
                    h.prof_id,
                    ROLE_TM,
                    person_id,
                    s,
                    te if te <= end else None,
                )
            )
    t = s
    while t < e and t <= end:
        h = staff.holder(ROLE_SW, team, t, rng)
        seg_end = min(e, t + D(200 + int(rng.expovariate(1 / 300))))
        if h is None:
            t = min(e, t + D(30))
            continue
        seg_end = min(seg_end, h.end)
        counter[0] += 1
        rows.append(
            (
                f"I{idx:08d}W{counter[0]:03d}",
                h.prof_id,
                ROLE_SW,
                person_id,
                t,
                seg_end if seg_end <= end else None,
            )
        )
        t = seg_end

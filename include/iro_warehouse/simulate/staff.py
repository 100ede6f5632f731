"""Staff: IROs, social workers and team managers, and IRO allocation.

Modelling choices:

* The service has a fixed number of *posts* ("slots") per role: 14 IRO posts,
  45 social worker posts and 8 team manager posts at scale 1 (scaled, at least
  2 / 3 / 1), and one IRO post (per unit of scale) is cut in October 2015.
  Each post is held by a sequence of people (tenures): an IRO stays about 6
  years on average, a social worker about 3, a team manager about 5;
  between two holders a post is vacant for 2 to 13 weeks. About a third of IROs
  are part-time (FTE 0.5 to 0.8). Demand rises through 2016-17 while the posts
  shrink, so caseloads drift upwards past 70 children per FTE.
* At scale s the service is split into ``round(s)`` teams; a child belongs to
  team ``child index mod teams`` and is only allocated staff of that team.
  This keeps allocation cheap at large scales and does not change figures.
* IRO allocation runs once over the whole history in date order: a child who
  needs an IRO (a period of care, from a few working days after it starts; a
  CP plan, from the ICPC, whose chair the IRO is) gets the IRO of the team with
  the fewest children per FTE (a child coming into care from a CP plan keeps
  the IRO they had). When an IRO leaves, their children are reallocated that
  day. The pass is causal (a choice on day d uses only what happened up to d),
  so the history up to an end date does not depend on later end dates.
* Social workers and team managers are allocated at random among the team's
  post holders on the day; a child's social worker changes about once a year.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date, timedelta

from iro_warehouse.simulate.model import Context, Need
from iro_warehouse.simulate.names import person_name
from iro_warehouse.simulate.rand import pick, stream

ROLE_IRO = "IRO"
ROLE_SW = "SW"
ROLE_TM = "TM"

_ROLES = {
    # role: (posts at scale 1, minimum posts, mean tenure years, id letter)
    ROLE_IRO: (14, 2, 6.0, "I"),
    ROLE_SW: (45, 3, 3.0, "S"),
    ROLE_TM: (8, 1, 5.0, "T"),
}
_TITLES = {
    ROLE_IRO: (
        ("Independent Reviewing Officer", 0.85),
        ("Senior Independent Reviewing Officer", 0.15),
    ),
    ROLE_SW: (
        ("Social Worker", 0.6),
        ("Senior Social Worker", 0.25),
        ("Advanced Practitioner", 0.15),
    ),
    ROLE_TM: (("Team Manager", 0.9), ("Assistant Team Manager", 0.1)),
}
_FTE = {
    ROLE_IRO: ((1.0, 0.62), (0.8, 0.14), (0.6, 0.1), (0.5, 0.14)),
    ROLE_SW: ((1.0, 0.8), (0.8, 0.12), (0.6, 0.08)),
    ROLE_TM: ((1.0, 0.95), (0.8, 0.05)),
}


@dataclass
class Tenure:
    prof_id: str
    role: str
    team: int
    start: date
    end: date
    fte: float
    agency: str
    name: str
    title: str


#: IRO posts beyond ``round(13 * scale)`` are cut on this date (a budget saving), so
#: 2016-17's rising demand meets fewer IROs.
IRO_POSTS_AFTER_CUT = 13
POST_CUT = date(2015, 10, 1)


class Staff:
    """Every post and its holders from ``epoch`` up to the simulation end."""

    def __init__(self, ctx: Context, epoch: date) -> None:
        self.ctx = ctx
        self.tenures: list[Tenure] = []
        # role -> team -> list of posts; a post is (starts, tenures)
        self.posts: dict[str, list[list[tuple[list[int], list[Tenure]]]]] = {}
        for role, (per_scale, minimum, mean_years, letter) in _ROLES.items():
            n = max(minimum, round(per_scale * ctx.scale))
            teams: list[list[tuple[list[int], list[Tenure]]]] = [[] for _ in range(ctx.n_teams)]
            for slot in range(n):
                team = slot % ctx.n_teams
                rng = stream(ctx.seed, "post", role, slot)
                starts: list[int] = []
                held: list[Tenure] = []
                # the first holder has been in post for a while already
                t = epoch - timedelta(days=rng.randint(0, 3000))
                k = 0
                closes = role == ROLE_IRO and slot >= max(
                    minimum, round(IRO_POSTS_AFTER_CUT * ctx.scale)
                )
                while t <= ctx.end and not (closes and t >= POST_CUT):
                    length = max(180, int(rng.expovariate(1 / (mean_years * 365.25))))
                    fte = pick(rng, _FTE[role])
                    agency = "Y" if rng.random() < 0.1 else "N"
                    title = pick(rng, _TITLES[role])
                    forename, surname = person_name(rng, rng.random() < 0.75)
                    tenure = Tenure(
                        prof_id=f"W{letter}{slot:04d}{k:02d}",
                        role=role,
                        team=team,
                        start=t,
                        end=min(t + timedelta(days=length), POST_CUT)
                        if closes
                        else t + timedelta(days=length),
                        fte=fte,
                        agency=agency,
                        name=f"{forename} {surname}",
                        title=title,
                    )
                    starts.append(t.toordinal())
                    held.append(tenure)
                    self.tenures.append(tenure)
                    t = tenure.end + timedelta(days=rng.randint(14, 90))
                    k += 1
                teams[team].append((starts, held))
            self.posts[role] = teams

    def holder(self, role: str, team: int, d: date, rng: random.Random) -> Tenure | None:
        """A random holder of one of the team's posts on ``d`` (None if all vacant)."""
        posts = self.posts[role][team]
        o = d.toordinal()
        for _ in range(8):
            starts, held = posts[rng.randrange(len(posts))]
            i = bisect.bisect_right(starts, o) - 1
            if i >= 0 and held[i].end > d:
                return held[i]
        return None

    def professional_rows(self, referenced: set[str]) -> list[tuple]:
        """``ssd_professionals`` rows: staff in post since the start, or referenced."""
        ctx = self.ctx
        rows = []
        for t in self.tenures:
            if t.start <= ctx.end and (t.end > ctx.start or t.prof_id in referenced):
                rows.append((t.prof_id, t.name, t.title, t.fte, t.agency))
        return rows

    # ------------------------------------------------------------------ IROs
    def allocate_iros(self) -> None:
        """Allocate an IRO to every need, in date order, up to the simulation end."""
        ctx = self.ctx
        end = ctx.end.toordinal()
        events: list[tuple[int, int, int, int, object]] = []
        for need in ctx.needs:
            s = need.start.toordinal()
            if s > end:
                continue
            if need.kind == "CHAIR":
                events.append((s, 4, need.child, need.seq, need))
                continue
            events.append((s, 3, need.child, need.seq, need))
            e = need.end.toordinal()
            if e <= end:
                events.append((e, 0, need.child, need.seq, need))
        iro_tenures = [t for t in self.tenures if t.role == ROLE_IRO]
        for i, t in enumerate(iro_tenures):
            events.append((t.start.toordinal(), 2, -1, i, t))
            if t.end.toordinal() <= end:
                events.append((t.end.toordinal(), 1, -1, i, t))
        events.sort(key=lambda ev: ev[:4])

        n_teams = ctx.n_teams
        in_post: list[dict[str, Tenure]] = [{} for _ in range(n_teams)]
        load: dict[str, int] = {}
        cases: dict[str, dict[int, Need]] = {}
        current: dict[int, list] = {}  # id(need) -> open segment
        pending: list[dict[int, Need]] = [{} for _ in range(n_teams)]

        def best(team: int) -> Tenure | None:
            choice = None
            best_key = None
            for t in in_post[team].values():
                key = (load[t.prof_id] / t.fte, t.prof_id)
                if best_key is None or key < best_key:
                    best_key, choice = key, t
            return choice

        def assign(need: Need, t: Tenure, d: date) -> None:
            seg = [t.prof_id, d, None]
            need.segments.append(seg)
            current[id(need)] = seg
            load[t.prof_id] += 1
            cases[t.prof_id][id(need)] = need

        for o, kind, _child, _x, obj in events:
            d = date.fromordinal(o)
            if kind == 0:  # need ends
                need = obj  # type: ignore[assignment]
                seg = current.pop(id(need), None)
                if seg is not None:
                    seg[2] = d
                    load[seg[0]] -= 1
                    del cases[seg[0]][id(need)]
                else:
                    pending[need.team].pop(id(need), None)
            elif kind == 1:  # IRO leaves
                t = obj  # type: ignore[assignment]
                del in_post[t.team][t.prof_id]
                for need in list(cases[t.prof_id].values()):
                    seg = current.pop(id(need))
                    seg[2] = d
                    load[t.prof_id] -= 1
                    nxt = best(t.team)
                    if nxt is None:
                        pending[t.team][id(need)] = need
                    else:
                        assign(need, nxt, d)
                cases[t.prof_id].clear()
            elif kind == 2:  # IRO joins
                t = obj  # type: ignore[assignment]
                in_post[t.team][t.prof_id] = t
                load[t.prof_id] = 0
                cases[t.prof_id] = {}
                waiting = pending[t.team]
                if waiting:
                    for need in list(waiting.values()):
                        assign(need, t, d)
                    waiting.clear()
            elif kind == 3:  # need starts
                need = obj  # type: ignore[assignment]
                chosen = None
                pref = need.preferred
                if pref is not None and pref.segments:
                    prof = pref.segments[-1][0]
                    chosen = in_post[need.team].get(prof)
                if chosen is None:
                    chosen = best(need.team)
                if chosen is None:
                    pending[need.team][id(need)] = need
                else:
                    assign(need, chosen, d)
            else:  # an ICPC chair
                need = obj  # type: ignore[assignment]
                chosen = best(need.team)
                if chosen is not None:
                    need.segments.append([chosen.prof_id, d, d])

"""Shared state of one simulation run: parameters, context and record types."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from iro_warehouse import spec
from iro_warehouse.simulate.calendar import WorkCalendar


@dataclass(frozen=True)
class Params:
    """Everything that determines the generated case system."""

    seed: int
    start: date
    end: date
    scale: float = 1.0
    bad_rows: int = 0
    #: (previous end, new end) of every ``advance_to`` so far, oldest first
    advances: tuple[tuple[date, date], ...] = ()
    #: the contract level written: 2 (everything) or 1 (without the contract-2
    #: columns and table). The county generated is the same at both levels.
    contract: int = spec.CONTRACT
    #: the source profile whose script's style is written (``ssd``: the contract's own);
    #: a shipped name or the path of a profile file
    profile: str = "ssd"
    #: practice: the share of looked after reviews held late (None: the county's
    #: own, about one in ten); a region's authorities differ in it
    late_review_share: float | None = None

    def __post_init__(self) -> None:
        if self.contract not in (1, 2):
            raise ValueError(f"contract must be 1 or 2, not {self.contract!r}")
        if self.late_review_share is not None and not 0 <= self.late_review_share <= 0.6:
            raise ValueError("late_review_share must be between 0 and 0.6")

    def to_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scale": self.scale,
            "bad_rows": self.bad_rows,
            "advances": [[a.isoformat(), b.isoformat()] for a, b in self.advances],
            "contract": self.contract,
            "profile": self.profile,
            **(
                {"late_review_share": self.late_review_share}
                if self.late_review_share is not None
                else {}
            ),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Params:
        """Parameters as stored; a store without ``contract`` predates contract 2, so is 1."""
        adv = data.get("advances") or []
        return cls(
            seed=int(data["seed"]),  # type: ignore[arg-type]
            start=date.fromisoformat(str(data["start"])),
            end=date.fromisoformat(str(data["end"])),
            scale=float(data["scale"]),  # type: ignore[arg-type]
            bad_rows=int(data.get("bad_rows", 0)),  # type: ignore[arg-type]
            advances=tuple(
                (date.fromisoformat(a), date.fromisoformat(b))
                for a, b in adv  # type: ignore[union-attr]
            ),
            contract=int(data.get("contract", 1)),  # type: ignore[call-overload]
            profile=str(data.get("profile") or "ssd"),
            late_review_share=(
                float(data["late_review_share"])  # type: ignore[arg-type]
                if data.get("late_review_share") is not None
                else None
            ),
        )


@dataclass(eq=False)
class Need:
    """A stretch of time a child needs an IRO (a period of care or a CP plan).

    ``start == end`` marks a one-off need: the chair of an ICPC that made no plan.
    """

    child: int
    person_id: str
    team: int
    start: date
    end: date
    kind: str  # "CLA" | "CP" | "CHAIR"
    seq: int  # the need's number within the child's life
    preferred: Need | None = None
    #: filled by the allocator: [professional id, start, end or None]
    segments: list[list] = field(default_factory=list)

    def iro_on(self, d: date) -> str | None:
        for prof, s, e in self.segments:
            if s <= d and (e is None or e > d):
                return prof
        return None


@dataclass
class Escalation:
    """An escalation as lived (uncensored); the raiser is found after allocation."""

    esc_id: str
    person_id: str
    need: Need
    case_type: str
    category: str
    raised: date
    stages: list[tuple[int, date, date]]  # stage, start, end
    outcome: str

    @property
    def resolved(self) -> date:
        return self.stages[-1][2]


@dataclass
class Icpc:
    """An initial conference, kept until the chair is known."""

    icpc_id: str
    s47_id: str | None
    person_id: str
    plan_id: str | None
    transfer_in: str
    target: date | None
    held: date
    need: Need


class Context:
    """Run-wide state: parameters, calendar, the tables being filled."""

    def __init__(self, params: Params) -> None:
        self.params = params
        self.seed = params.seed
        self.start = params.start
        self.end = params.end
        self.scale = params.scale
        self.cal = WorkCalendar(first_year=min(1975, params.start.year - 25))
        self.tables: dict[str, list[tuple]] = {t.name: [] for t in spec.TABLES}
        self.needs: list[Need] = []
        self.icpcs: list[Icpc] = []
        self.escalations: list[Escalation] = []
        self.n_teams = max(1, round(params.scale))
        self.staff: object = None  # set by the engine (staff.Staff)

    def team_of(self, child: int) -> int:
        return child % self.n_teams

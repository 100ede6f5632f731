"""The synthetic case system (``iro simulate``).

Generates every table of ``shared/spec/case-system.md`` for a county-sized IRO
service and writes it to PostgreSQL or a CSV folder::

    from iro_warehouse.simulate import Target, simulate, advance_to
    simulate(Target.from_url_or_dir("/tmp/case"), seed=1, end=date(2017, 6, 30))
    advance_to(Target.from_url_or_dir("/tmp/case"), date(2017, 7, 1))

Design: each entity (child, staff post, arrival month) lives from its own
seeded random stream, independently of the end date, and its life is then
censored at the end date; so a longer run extends a shorter one exactly.
``advance_to`` regenerates to the new end with the stored parameters and
replays a deterministic set of corrections and deletions of past rows for
every advance so far (see ``corrections``). ``bad_rows=N`` adds N faulty rows
of every class of the rules' "Bad input" table, logged beside the tables (see
``faults``). ``contract=1`` writes the same county without the contract-2
columns and table (an extract that predates them); the level is stored with
the parameters, so ``advance_to`` keeps it; so is ``profile``, the case
system whose extract script's style is written (``styles``). Module by module: ``population``
(arrivals, lives, rows), ``cla`` (periods of care), ``careplan`` (IRO contact
and care plans), ``cp`` (child protection), ``staff`` (posts and IRO
allocation), ``escalations``, ``corrections``, ``faults``, ``styles``, ``writers``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from iro_warehouse import profile as source_profile
from iro_warehouse.simulate.engine import build
from iro_warehouse.simulate.faults import FAULTS
from iro_warehouse.simulate.model import Params
from iro_warehouse.simulate.writers import Target, read_params, write

__all__ = [
    "FAULTS",
    "Params",
    "SimulationSummary",
    "Target",
    "advance_to",
    "build",
    "read_params",
    "simulate",
]


@dataclass(frozen=True)
class SimulationSummary:
    """What a run wrote."""

    target: Target
    params: Params
    rows: dict[str, int] = field(default_factory=dict)
    bad_rows: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        lines = [
            f"case system at {self.target}: seed {self.params.seed}, "
            f"{self.params.start} to {self.params.end}, scale {self.params.scale:g}, "
            f"contract {self.params.contract}, profile {self.params.profile}, "
            f"{self.bad_rows} bad rows, {len(self.params.advances)} advances, {self.seconds:.1f}s"
        ]
        lines += [f"  {name:28} {n:>10,}" for name, n in self.rows.items()]
        return "\n".join(lines)


def _run(target: Target, params: Params, progress: bool) -> SimulationSummary:
    t0 = time.perf_counter()
    tables, bad = build(params, progress=progress, csv_faults=target.is_csv)
    write(target, tables, bad, params)
    return SimulationSummary(
        target=target,
        params=params,
        rows={name: len(rows) for name, rows in tables.items()},
        bad_rows=len(bad),
        seconds=time.perf_counter() - t0,
    )


def simulate(
    target: Target,
    *,
    seed: int = 1,
    start: date = date(2010, 4, 1),
    end: date,
    scale: float = 1.0,
    bad_rows: int = 0,
    contract: int = 2,
    profile: str = "ssd",
    late_review_share: float | None = None,
    progress: bool = True,
) -> SimulationSummary:
    """Generate a fresh case system from ``start`` to ``end`` and replace ``target``'s tables.

    ``contract``: 2 writes every table and column of the contract; 1 leaves
    out the contract-2 ones (the same county otherwise). ``profile``: write
    it as that case system's extract script would (a shipped profile name or
    a profile file; ``ssd``: the contract's own form); see ``styles``.
    """
    if bad_rows < 0:
        raise ValueError("bad_rows must be 0 or more")
    source_profile.load(profile)  # a clear error now rather than after the build
    params = Params(
        seed=seed,
        start=start,
        end=end,
        scale=scale,
        bad_rows=bad_rows,
        contract=contract,
        profile=profile,
        late_review_share=late_review_share,
    )
    return _run(target, params, progress)


def advance_to(target: Target, new_end: date, *, progress: bool = True) -> SimulationSummary:
    """Continue the case system on ``target`` to ``new_end``.

    The result equals a fresh ``simulate`` to ``new_end`` with the same
    parameters (the contract level included), plus the corrections and
    deletions of past rows of this and every earlier advance, so a nightly
    extract sees inserts, updates and deletes.
    """
    old = read_params(target)
    if new_end <= old.end:
        raise ValueError(
            f"the case system on {target} already runs to {old.end}; pick a later date"
        )
    params = Params(
        seed=old.seed,
        start=old.start,
        end=new_end,
        scale=old.scale,
        bad_rows=old.bad_rows,
        advances=(*old.advances, (old.end, new_end)),
        contract=old.contract,
        profile=old.profile,
        late_review_share=old.late_review_share,
    )
    return _run(target, params, progress)

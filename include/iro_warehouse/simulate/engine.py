"""Build every table of the case system for one set of parameters."""

from __future__ import annotations

from datetime import timedelta

from iro_warehouse import spec
from iro_warehouse.simulate import corrections, faults
from iro_warehouse.simulate.calendar import add_months
from iro_warehouse.simulate.escalations import emit_escalations
from iro_warehouse.simulate.model import Context, Params
from iro_warehouse.simulate.population import CLA_BURN_IN_YEARS, run_arrivals
from iro_warehouse.simulate.staff import ROLE_IRO, Staff

Tables = dict[str, list[tuple]]
BadRows = list[tuple[str, str | None, str]]


def build(
    params: Params, *, progress: bool = False, csv_faults: bool = True
) -> tuple[Tables, BadRows]:
    """Generate the tables (rows as tuples in contract column order) and the bad-row log.

    The tables are those of contract level ``params.contract`` with their
    columns of that level: the whole case system is generated and corrected
    the same way at every level, then cut down, so a contract-1 extract is the
    contract-2 one without its contract-2 parts (before faults are added).
    ``csv_faults`` allows fault classes that only a CSV can hold (malformed
    dates, a non-numeric FTE).
    """
    if params.end < params.start:
        raise ValueError(f"end {params.end} is before start {params.start}")
    if params.scale <= 0:
        raise ValueError("scale must be positive")
    ctx = Context(params)
    epoch = add_months(params.start, -12 * CLA_BURN_IN_YEARS) - timedelta(days=400)
    staff = Staff(ctx, epoch)
    ctx.staff = staff
    run_arrivals(ctx, progress)
    staff.allocate_iros()
    _emit_iro_involvements(ctx)
    _emit_icpcs(ctx)
    emit_escalations(ctx)
    referenced = {r[1] for r in ctx.tables["ssd_involvements"]}
    referenced.update(r[7] for r in ctx.tables["ssd_initial_cp_conference"] if r[7])
    referenced.update(r[2] for r in ctx.tables["ext_iro_escalations"] if r[2])
    ctx.tables["ssd_professionals"] = staff.professional_rows(referenced)
    for previous_end, new_end in params.advances:
        if new_end <= params.end:
            corrections.apply(ctx.tables, params.seed, previous_end, new_end)
    tables = _of_contract(ctx.tables, params.contract)
    bad = faults.inject(tables, params, csv_faults=csv_faults) if params.bad_rows else []
    return tables, bad


def _of_contract(tables: Tables, contract: int) -> Tables:
    """The tables of a contract level, rows cut to its columns (a prefix of each row)."""
    out: Tables = {}
    for t in spec.tables(contract):
        rows = tables[t.name]
        n = len(t.columns)
        out[t.name] = rows if len(spec.table(t.name).columns) == n else [r[:n] for r in rows]
    return out


def _emit_iro_involvements(ctx: Context) -> None:
    end = ctx.end
    rows = ctx.tables["ssd_involvements"]
    for need in ctx.needs:
        if need.kind == "CHAIR":
            continue
        for i, (prof, s, e) in enumerate(need.segments):
            if s > end:
                break
            rows.append(
                (
                    f"I{need.child:08d}R{need.seq:02d}{i:02d}", prof, ROLE_IRO, need.person_id, s,
                    e if e is not None and e <= end else None,
                )
            )  # fmt: skip


def _emit_icpcs(ctx: Context) -> None:
    end = ctx.end
    rows = ctx.tables["ssd_initial_cp_conference"]
    for ic in ctx.icpcs:
        if ic.held > end:
            continue
        chair = ic.need.iro_on(ic.held) if ic.need.kind != "CHAIR" else None
        if chair is None and ic.need.segments:
            chair = ic.need.segments[0][0]
        rows.append(
            (
                ic.icpc_id, ic.s47_id, ic.person_id, ic.plan_id, ic.transfer_in, ic.target, ic.held,
                "Y" if ic.plan_id else "N", chair,
            )
        )  # fmt: skip

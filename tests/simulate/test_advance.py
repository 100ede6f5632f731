"""advance_to: inserts, updates and deletes; reproducible from the stored parameters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casecheck import read_csv_tables, violations
from iro_warehouse import spec
from iro_warehouse.simulate import Params, Target, advance_to, build, read_params, simulate
from iro_warehouse.simulate.writers import write_csv

E1 = date(2013, 3, 31)
E2 = date(2013, 6, 30)


def _keyed(folder: Path) -> dict[str, dict[str, dict]]:
    tables = read_csv_tables(folder)
    return {t.name: {r[t.primary_key]: r for r in tables[t.name]} for t in spec.TABLES}


def test_advance(tmp_path: Path) -> None:
    target = Target.csv(tmp_path / "live")
    simulate(target, seed=9, end=E1, scale=0.2, progress=False)
    before = _keyed(tmp_path / "live")
    summary = advance_to(target, E2, progress=False)
    assert summary.params.advances == ((E1, E2),)
    assert read_params(target).end == E2
    after = _keyed(tmp_path / "live")

    inserted = sum(len(after[t].keys() - before[t].keys()) for t in after)
    deleted = sum(len(before[t].keys() - after[t].keys()) for t in after)
    updated = sum(
        1 for t in after for k in before[t].keys() & after[t].keys() if before[t][k] != after[t][k]
    )
    assert inserted > 100 and deleted > 0 and updated > 100
    # corrections reach the contract-2 parts too
    new_parts = ("ssd_cla_care_plan", "ssd_cp_reviews", "ssd_cla_reviews")
    changed = {
        t for t in new_parts for k in before[t].keys() & after[t].keys()
        if any(before[t][k][c] != after[t][k][c] for c in before[t][k]
               if spec.table(t).column(c).contract == 2)
    }  # fmt: skip
    assert changed == set(new_parts)
    # a deleted row is a correction, not a censoring effect: nothing started after E1 in it
    assert violations(read_csv_tables(tmp_path / "live"), E2) == []

    # the same as a fresh run to E2 with the same corrections
    tables, bad = build(
        Params(seed=9, start=date(2010, 4, 1), end=E2, scale=0.2, advances=((E1, E2),))
    )
    write_csv(
        tmp_path / "fresh", tables, bad, Params(seed=9, start=date(2010, 4, 1), end=E2, scale=0.2)
    )
    for t in spec.TABLES:
        a = (tmp_path / "live" / f"{t.name}.csv").read_bytes()
        b = (tmp_path / "fresh" / f"{t.name}.csv").read_bytes()
        assert a == b, t.name

    # a second advance replays the first one's corrections
    advance_to(target, date(2013, 7, 1), progress=False)
    assert read_params(target).advances == ((E1, E2), (E2, date(2013, 7, 1)))


def test_advance_must_move_forward(tmp_path: Path) -> None:
    import pytest

    target = Target.csv(tmp_path)
    simulate(target, seed=9, end=E1, scale=0.05, progress=False)
    with pytest.raises(ValueError):
        advance_to(target, E1, progress=False)

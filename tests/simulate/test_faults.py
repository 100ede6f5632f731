"""bad_rows=N adds exactly N logged faulty rows, of every class, and nothing else is faulty."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from casecheck import read_bad_rows, read_csv_tables, violations
from iro_warehouse.simulate import FAULTS, Params, Target, build, simulate
from iro_warehouse.simulate.faults import CSV_ONLY

END = date(2012, 12, 31)


def test_csv_bad_rows_logged_and_detected(tmp_path: Path) -> None:
    simulate(Target.csv(tmp_path), seed=2, end=END, scale=0.1, bad_rows=51, progress=False)
    bad = read_bad_rows(tmp_path)
    assert len(bad) == 51
    assert set(Counter(f for _, _, f in bad)) == set(FAULTS)
    found = violations(read_csv_tables(tmp_path), END)
    logged = {(t, k) for t, k, _ in bad}
    assert [v for v in found if (v[0], v[1]) not in logged] == []
    detected = {(t, k) for t, k, _ in found}
    assert [b for b in bad if (b[0], b[1]) not in detected] == []


def test_database_targets_skip_csv_only_faults() -> None:
    _, bad = build(
        Params(seed=2, start=date(2010, 4, 1), end=END, scale=0.1, bad_rows=30), csv_faults=False
    )
    assert len(bad) == 30
    faults = {f for _, _, f in bad}
    assert faults == set(FAULTS) - set(CSV_ONLY)

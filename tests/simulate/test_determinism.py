"""Same parameters give byte-identical tables; a longer run extends a shorter one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casecheck import read_csv_tables
from conftest import SMALL_END
from iro_warehouse import spec
from iro_warehouse.simulate import Params, Target, build, simulate


def _bytes(folder: Path) -> dict[str, bytes]:
    return {t.name: (folder / f"{t.name}.csv").read_bytes() for t in spec.TABLES}


def test_same_seed_identical(small_csv: Path, tmp_path: Path) -> None:
    simulate(Target.csv(tmp_path), seed=3, end=SMALL_END, scale=0.1, progress=False)
    assert _bytes(tmp_path) == _bytes(small_csv)


def test_different_seed_differs(small_csv: Path, tmp_path: Path) -> None:
    simulate(Target.csv(tmp_path), seed=4, end=SMALL_END, scale=0.1, progress=False)
    mine, theirs = _bytes(tmp_path), _bytes(small_csv)
    assert mine["ssd_cla_episodes"] != theirs["ssd_cla_episodes"]
    assert mine["ssd_cp_plans"] != theirs["ssd_cp_plans"]
    assert mine["ssd_cla_care_plan"] != theirs["ssd_cla_care_plan"]


def test_longer_run_extends_shorter() -> None:
    """The past does not depend on the end date: censoring the longer run gives the shorter."""
    short_end = date(2012, 9, 30)
    short, _ = build(Params(seed=5, start=date(2010, 4, 1), end=short_end, scale=0.1))
    long, _ = build(Params(seed=5, start=date(2010, 4, 1), end=date(2013, 9, 30), scale=0.1))
    # the contract-2 parts are there to compare
    assert short["ssd_cla_care_plan"] and any(r[6] for r in short["ssd_cla_reviews"])
    assert any(r[6] for r in short["ssd_cp_reviews"]) and any(r[7] for r in short["ssd_cp_reviews"])
    for t in spec.TABLES:
        starts = [i for i, c in enumerate(t.columns) if c.date_role in ("start", "event")]
        ends = [i for i, c in enumerate(t.columns) if c.date_role == "end"]
        old = {r[0]: r for r in short[t.name]}
        for row in long[t.name]:
            if any(row[i] is not None and row[i] > short_end for i in starts):
                assert row[0] not in old, (t.name, row)
                continue
            if row[0] not in old:
                continue  # e.g. a person or professional first seen later
            before = old[row[0]]
            for i, (a, b) in enumerate(zip(before, row, strict=True)):
                if i in ends and b is not None and b > short_end:
                    assert a is None, (t.name, row)
                elif a != b:
                    # only end dates and the outcome fields that go with them may differ
                    assert a is None and t.columns[i].name in _CLOSING_FIELDS, (t.name, before, row)


_CLOSING_FIELDS = {
    "clae_cla_episode_ceased_date", "clae_cla_episode_ceased_reason",
    "clap_cla_placement_end_date", "clap_cla_placement_change_reason",
    "lega_legal_status_end_date", "s47e_s47_end_date", "s47e_s47_nfa", "cppl_cp_plan_end_date",
    "invo_involvement_end_date", "esc_resolved_date", "esc_outcome", "escs_end_date",
    "lacp_cla_care_plan_end_date",
}  # fmt: skip


def test_plan_latest_category_is_only_later_change(small_csv: Path) -> None:
    tables = read_csv_tables(small_csv)
    assert all(r["cppl_cp_plan_latest_category"] for r in tables["ssd_cp_plans"])

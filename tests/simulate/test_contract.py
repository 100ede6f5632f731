"""Contract levels: ``spec.tables(1)`` and ``--contract 1`` (the same county without contract 2)."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from casecheck import read_csv_tables, violations
from conftest import SMALL_END
from iro_warehouse import cli, spec
from iro_warehouse.simulate import Params, Target, advance_to, read_params, simulate

CONTRACT_2_COLUMNS = {
    "ssd_cla_reviews": ["clar_cla_review_last_iro_contact_date"],
    "ssd_cp_reviews": ["cppr_cp_review_participation", "cppr_cp_review_quorate"],
}


def test_spec_contract_levels() -> None:
    assert spec.tables(2) == spec.TABLES
    one = {t.name: t for t in spec.tables(1)}
    assert "ssd_cla_care_plan" not in one
    assert spec.table("ssd_cla_care_plan").contract == 2
    names = [t.name for t in spec.TABLES]
    assert names.index("ssd_cla_care_plan") == names.index("ssd_cla_reviews") + 1
    for t in spec.TABLES:
        if t.name not in one:
            continue
        c1 = one[t.name].column_names
        # contract-2 columns are appended: contract 1 is a prefix
        assert t.column_names[: len(c1)] == c1
        assert list(t.column_names[len(c1) :]) == CONTRACT_2_COLUMNS.get(t.name, [])
        assert all(c.contract == 1 for c in one[t.name].columns)
    plan = spec.table("ssd_cla_care_plan")
    assert plan.column("lacp_cla_care_plan_json").kind == "json"
    assert plan.column("lacp_person_id").references == ("ssd_person", "pers_person_id")
    assert spec.table("ssd_cp_reviews").column("cppr_cp_review_quorate").codes == spec.YN
    assert len(spec.PLAN) == 10
    with pytest.raises(ValueError):
        spec.tables(3)


def _rows(folder: Path, name: str) -> list[list[str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_contract_1_csv_is_the_same_county_without_contract_2(
    small_csv: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "c1"
    folder.mkdir()
    # a care plan file left by an earlier contract-2 run must not survive
    shutil.copy(small_csv / "ssd_cla_care_plan.csv", folder)
    simulate(Target.csv(folder), seed=3, end=SMALL_END, scale=0.1, contract=1, progress=False)
    assert not (folder / "ssd_cla_care_plan.csv").exists()
    assert json.loads((folder / "_simulation.json").read_text())["contract"] == 1
    new_columns = {c for cols in CONTRACT_2_COLUMNS.values() for c in cols}
    for t in spec.tables(1):
        mine, full = _rows(folder, t.name), _rows(small_csv, t.name)
        assert not new_columns & set(mine[0]), t.name
        assert mine[0] == list(t.column_names)
        # the same rows, cut to the contract-1 columns
        assert mine == [r[: len(t.columns)] for r in full], t.name
    assert violations(read_csv_tables(folder, contract=1), SMALL_END) == []

    # advance_to keeps the stored level
    advance_to(Target.csv(folder), date(2013, 7, 31), progress=False)
    assert read_params(Target.csv(folder)).contract == 1
    assert not (folder / "ssd_cla_care_plan.csv").exists()
    c1 = spec.table("ssd_cp_reviews").of_contract(1)
    assert _rows(folder, "ssd_cp_reviews")[0] == list(c1.column_names)


def test_cli_contract_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["simulate", "--quiet", "--end", "2010-09-30", "--scale", "0.05"]
    assert cli.main([*args, "--contract", "1", "--csv-dir", str(tmp_path / "one")]) == 0
    assert "contract 1" in capsys.readouterr().out
    assert not (tmp_path / "one" / "ssd_cla_care_plan.csv").exists()
    assert cli.main([*args, "--csv-dir", str(tmp_path / "two")]) == 0  # default: 2
    assert (tmp_path / "two" / "ssd_cla_care_plan.csv").exists()
    assert read_params(Target.csv(tmp_path / "two")).contract == 2


def test_params_before_contract_2_are_contract_1() -> None:
    stored = Params(seed=1, start=date(2010, 4, 1), end=date(2011, 3, 31)).to_json()
    assert stored["contract"] == 2
    del stored["contract"]  # as written before contract 2 existed
    assert Params.from_json(stored).contract == 1
    with pytest.raises(ValueError):
        Params(seed=1, start=date(2010, 4, 1), end=date(2011, 3, 31), contract=3)

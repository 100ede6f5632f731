"""bad_rows=N adds exactly N logged faulty rows, of every class, and nothing else is faulty."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from casecheck import (
    care_plan_json_fault,
    column_violations,
    read_bad_rows,
    read_csv_tables,
    violations,
)
from iro_warehouse import spec
from iro_warehouse.simulate import FAULTS, Params, Target, build, simulate
from iro_warehouse.simulate.faults import CONTRACT_2, CSV_ONLY

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


def test_every_contract_2_fault_is_planted_and_recorded(tmp_path: Path) -> None:
    """Enough bad rows to go round every variant: each new part gets each fault it can hold."""
    simulate(Target.csv(tmp_path), seed=2, end=END, scale=0.1, bad_rows=200, progress=False)
    bad = read_bad_rows(tmp_path)
    tables = read_csv_tables(tmp_path)
    found = column_violations(tables, END)
    logged = {(t, k): f for t, k, f in bad}
    # the checker finds nothing unlogged and every logged row, under the logged rule
    # (the checker names some rules more broadly)
    assert [v for v in found if (v[0], v[1]) not in logged] == []
    same = {
        "malformed_date": "bad_date",
        "impossible_date": "bad_date",
        "fte_zero": "fte_not_positive",
        "fte_negative": "fte_not_positive",
    }
    for t, k, f in bad:
        assert any(v[:2] == (t, k) and v[2] == same.get(f, f) for v in found), (t, k, f)

    planted = {(t, f, c) for t, k, f, c in found if (t, k) in logged}
    json_col, contact_col = "lacp_cla_care_plan_json", "clar_cla_review_last_iro_contact_date"
    start, end = "lacp_cla_care_plan_start_date", "lacp_cla_care_plan_end_date"
    plan = "ssd_cla_care_plan"
    expected = {
        (plan, "invalid_care_plan_json", json_col),
        ("ssd_cla_reviews", "contact_after_review", contact_col),
        (plan, "required_field_null", "lacp_person_id"),
        (plan, "required_field_null", start),
        (plan, "dangling_reference", "lacp_person_id"),
        (plan, "end_before_start", end),
        (plan, "date_after_extract", start),
        (plan, "end_after_extract", end),
        (plan, "null_primary_key", "lacp_table_id"),
        (plan, "duplicate_key_identical", "lacp_table_id"),
        (plan, "duplicate_key_differing", "lacp_table_id"),
        (plan, "bad_date", start),
        (plan, "bad_date", end),
        ("ssd_cla_reviews", "bad_date", contact_col),
        ("ssd_cp_reviews", "code_outside_list", "cppr_cp_review_participation"),
        ("ssd_cp_reviews", "code_outside_list", "cppr_cp_review_quorate"),
    }
    assert expected - planted == set()
    # the JSON faults cover all three ways of breaking the rule
    bad_json = {r["lacp_table_id"]: r[json_col] for r in tables[plan]}
    kinds = {
        care_plan_json_fault(bad_json[k])
        for t, k, f in bad
        if f == "invalid_care_plan_json" and bad_json[k] is not None
    }
    assert kinds == {
        "not JSON",
        "not an object",
        "key outside the plan codes",
        "value not a string or null",
    }
    texts = {bad_json[k] for t, k, f in bad if f == "invalid_care_plan_json"}
    assert "null" in texts  # the text null is not an object (an empty field would be no plan)


def test_database_targets_skip_csv_only_faults() -> None:
    _, bad = build(
        Params(seed=2, start=date(2010, 4, 1), end=END, scale=0.1, bad_rows=30), csv_faults=False
    )
    assert len(bad) == 30
    faults = {f for _, _, f in bad}
    assert faults == set(FAULTS) - set(CSV_ONLY)


def test_contract_1_faults_stay_in_contract_1() -> None:
    tables, bad = build(
        Params(seed=2, start=date(2010, 4, 1), end=END, scale=0.1, bad_rows=120, contract=1)
    )
    assert len(bad) == 120
    assert {f for _, _, f in bad} == set(FAULTS) - set(CONTRACT_2)
    assert set(tables) == {t.name for t in spec.tables(1)}
    for t in spec.tables(1):
        assert {len(r) for r in tables[t.name]} <= {len(t.columns)}, t.name

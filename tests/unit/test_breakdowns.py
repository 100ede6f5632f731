"""The breakdowns' categories: the report's and the file's order is the seed's, the contract's."""

from __future__ import annotations

import csv

from iro_warehouse.publishing import breakdowns

from tests.conftest import PROJECT_DIR

SEED = PROJECT_DIR / "dbt_project/seeds/breakdown_categories.csv"


def test_the_report_and_the_seed_list_the_same_categories_in_the_same_order():
    with SEED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seed: dict[str, list[str]] = {}
    for r in sorted(rows, key=lambda r: int(r["sort_order"])):
        seed.setdefault(r["breakdown"], []).append(r["category"])
    report = {b: [c for c, _ in cats] for b, (_, cats) in breakdowns.BREAKDOWNS.items()}
    assert report == seed
    # measures.md, "Breakdowns (contract 2)"
    assert list(breakdowns.BREAKDOWNS) == ["sex", "age_band", "ethnicity_group"]
    assert seed["age_band"] == ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_plus", "unknown"]


def test_a_category_the_contract_does_not_name_goes_last():
    assert breakdowns._order("sex", "male") < breakdowns._order("sex", "unknown")
    assert breakdowns._order("age_band", "5_to_9") < breakdowns._order("age_band", "16_plus")
    assert breakdowns._order("sex", "unknown") < breakdowns._order("sex", "other")
    assert breakdowns._order("ethnicity_group", "unknown") < breakdowns._order("region", "north")

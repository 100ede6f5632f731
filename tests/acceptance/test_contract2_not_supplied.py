"""An extract without the contract-2 parts (case-system.md, Contract 2).

The case system of ``fixture_contract2.py`` written as a contract-1 extract:
no ``clar_cla_review_last_iro_contact_date``, no ``cppr_cp_review_participation``
or ``cppr_cp_review_quorate``, no table ``ssd_cla_care_plan``. One run of the
nightly DAG (its own, for this module). Expected:

- no structural fault: the run succeeds and publishes;
- each missing part listed once in data_quality.source_row_issues, rule
  ``not_supplied`` (four rows: three columns and the table);
- the figures that need them null for every period, numerator and
  denominator null, published ``z``: cla_iro_contact_between_reviews_pct,
  cp_review_participation_pct, cp_review_quorate_pct,
  cla_permanence_plan_at_second_review_pct;
- the other contract-2 measures (cp_children_at_end,
  iro_total_caseload_per_fte, drp_reached_stage_2_plus,
  drp_cafcass_referrals) need nothing that is missing: the same figures as
  with contract 2 (test_contract2_measures.py);
- no care plan row is there to break the JSON rule, no contact date to be
  after its review: neither rule is listed.
"""

from __future__ import annotations

import csv

import pytest

from tests.acceptance import fixture_contract2, test_contract2_measures
from tests.acceptance.conftest import FY, Panel, check_figure, run_case_system
from tests.conftest import query

pytestmark = pytest.mark.slow

NOT_SUPPLIED = {
    ("ssd_cla_reviews", "clar_cla_review_last_iro_contact_date"),
    ("ssd_cp_reviews", "cppr_cp_review_participation"),
    ("ssd_cp_reviews", "cppr_cp_review_quorate"),
    ("ssd_cla_care_plan", None),
}
DEPENDENT = {
    "cla_iro_contact_between_reviews_pct",
    "cp_review_participation_pct",
    "cp_review_quorate_pct",
    "cla_permanence_plan_at_second_review_pct",
}
INDEPENDENT = set(test_contract2_measures.CONTRACT_2_MEASURES) - DEPENDENT


@pytest.fixture(scope="module")
def panel1(make_database, tmp_path_factory) -> Panel:
    return run_case_system(
        make_database, tmp_path_factory, "iro_acc2ns", fixture_contract2.build(), contract=1
    )


def test_each_missing_part_is_listed_once_as_not_supplied(panel1):
    rows = query(
        panel1.warehouse,
        "select table_name, column_name from data_quality.source_row_issues "
        "where rule = 'not_supplied'",
    )
    tables = sorted(t for t, _ in rows)
    assert tables == sorted(t for t, _ in NOT_SUPPLIED), rows
    columns = {(t, c) for t, c in rows if t != "ssd_cla_care_plan"}
    assert columns == {(t, c) for t, c in NOT_SUPPLIED if c is not None}


def test_no_contract_2_row_rule_fires(panel1):
    rules = query(
        panel1.warehouse,
        "select distinct rule from data_quality.source_row_issues "
        "where rule in ('invalid_care_plan_json', 'contact_after_review')",
    )
    assert rules == []


def test_the_dependent_figures_are_z_in_every_period(panel1):
    labels = {label for label, _ in panel1.figures}
    assert len(labels) == 17
    for label in labels:
        for measure in DEPENDENT:
            row = panel1.figures.get((label, measure))
            assert row is not None, f"no {measure} in {label}"
            assert row[4:8] == (None, None, None, "z"), (label, measure)


@pytest.mark.parametrize(
    ("measure", "label", "expected"),
    [
        pytest.param(m, label, exp, id=f"{m}-{label}")
        for (m, label), exp in test_contract2_measures.EXPECTED.items()
        if m in INDEPENDENT
    ],
)
def test_the_other_contract_2_figures_are_computed_as_usual(panel1, measure, label, expected):
    check_figure(panel1, label, measure, expected)


def test_the_published_file_says_z(panel1):
    path = panel1.output / "financial_year" / FY / "panel_figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = {r["measure_id"]: r for r in csv.DictReader(f)}
    for measure in DEPENDENT:
        assert rows[measure]["published_value"] == "z", measure
        assert rows[measure]["numerator"] == rows[measure]["denominator"] == "", measure
    assert rows["cp_children_at_end"]["published_value"] == "8"
    assert (panel1.output / "financial_year" / FY / "panel_breakdowns.csv").is_file()

"""The contract-2 bad-input rules over ``fixture_contract2.py`` (rules.md, Bad input).

- A care plan JSON that is not a JSON object (CP-P2 an array, CP-P2-b the
  text null, CP-P3-b a truncated object), has a key outside the ten plan
  codes (CP-P3 "adoption": codes compare exactly), or has a value that is not
  a string or null (CP-P1 a number): listed, row left out. So P1-P3 have no
  permanence plan at their second reviews (2017-03: 1 / 4, see
  test_contract2_measures.py). CP-K3 has a null value: valid.
  CP-K2-a has an empty field: simply no plan, not listed.
- A contact date after its own review's date (RV-K3-3: contact 2017-01-21,
  review 2017-01-20): listed only; the review is held and counts in the
  denominator of cla_iro_contact_between_reviews_pct, not the numerator
  (2017-01: 6 / 8).
- The contract-1 rules on the new parts: CP-NOBODY points at a person that
  does not exist (unknown_reference), CP-K7-z has no start date
  (required_field_null): both left out. CPR-Q6-2's quorate flag is "y", not
  Y (code_not_in_list): the review conference is left out and counts in no
  figure (cp_review_participation_pct 2017-02 stays 1 / 2).
- Not contract 2, but in this fixture: Z1's person row sent twice, differing
  (both left out: Z1 counts with unknown sex, age and ethnicity); XS13-7,
  stage "7" outside 0-5 (left out: X13's highest stage is 0).
- Every contract-2 part is supplied: nothing is listed as not_supplied.
"""

from __future__ import annotations

import pytest

from tests.conftest import query

pytestmark = pytest.mark.slow

#: (table, key, rule, left out) of every row the data-quality table lists
LISTED = {
    ("ssd_cla_care_plan", "CP-P1", "invalid_care_plan_json", True),
    ("ssd_cla_care_plan", "CP-P2", "invalid_care_plan_json", True),
    ("ssd_cla_care_plan", "CP-P2-b", "invalid_care_plan_json", True),
    ("ssd_cla_care_plan", "CP-P3", "invalid_care_plan_json", True),
    ("ssd_cla_care_plan", "CP-P3-b", "invalid_care_plan_json", True),
    ("ssd_cla_reviews", "RV-K3-3", "contact_after_review", False),
    ("ssd_person", "Z1", "duplicate_key_differing", True),
    ("ext_iro_escalation_stages", "XS13-7", "code_not_in_list", True),
    ("ssd_cla_care_plan", "CP-NOBODY", "unknown_reference", True),
    ("ssd_cla_care_plan", "CP-K7-z", "required_field_null", True),
    ("ssd_cp_reviews", "CPR-Q6-2", "code_not_in_list", True),
}


@pytest.fixture(scope="module")
def issues(panel2) -> list[tuple]:
    return query(
        panel2.warehouse,
        "select table_name, row_key, rule, is_row_left_out, detail "
        "from data_quality.source_row_issues",
    )


def test_exactly_the_bad_rows_are_listed_with_their_rule(issues):
    assert {row[:4] for row in issues} == LISTED


def test_each_contract_2_fault_is_listed_once_with_a_detail(issues):
    for table, key, rule, _ in LISTED:
        if rule in ("invalid_care_plan_json", "contact_after_review"):
            rows = [r for r in issues if r[:3] == (table, key, rule)]
            assert len(rows) == 1, (table, key, rows)
            assert rows[0][4], f"{key}: no detail"


def test_nothing_is_listed_as_not_supplied(issues):
    assert not [row for row in issues if row[2] == "not_supplied"]

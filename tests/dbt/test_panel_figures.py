"""dbt end to end on a tiny hand-made case system: figures worked out by hand.

Loads ``fixture_case_system.ROWS`` through the real extractor into a fresh
warehouse, runs ``dbt build`` (models, data tests, unit tests; fixture
``built_warehouse`` of ``conftest.py``) and checks
``reporting.panel_figures`` and ``data_quality.source_row_issues`` against
values computed by hand from rules.md and measures.md.
"""

from __future__ import annotations

from decimal import Decimal

import psycopg2


def _figures(url: str, period_label: str) -> dict[str, tuple]:
    with psycopg2.connect(url) as conn, conn.cursor() as cur:
        cur.execute(
            "select measure_id, numerator, denominator, value, published_value, is_provisional "
            "from reporting.panel_figures where period_label = %s",
            (period_label,),
        )
        return {r[0]: r[1:] for r in cur.fetchall()}


def test_every_measure_for_every_period(built_warehouse):
    with psycopg2.connect(built_warehouse) as conn, conn.cursor() as cur:
        cur.execute("select count(distinct measure_id), count(*) from reporting.panel_figures")
        measures, rows = cur.fetchone()
        cur.execute(
            "select count(*) filter (where period_type = 'month'), "
            "count(*) filter (where period_type = 'financial_year') "
            "from (select distinct period_type, period_label from reporting.panel_figures) as p"
        )
        months, years = cur.fetchone()
    # April 2010 to June 2017; financial years 2010-11 to 2017-18
    assert (months, years) == (87, 8)
    assert measures == 46
    assert rows == 46 * (87 + 8)


def test_provisional_month(built_warehouse):
    f = _figures(built_warehouse, "2017-06")
    assert f["cla_at_end"][2:] == (Decimal(4), "c", True)
    # P1 (review 3 + 6 months), P2 (review 1 + 3 months), P3 (no review) are overdue on
    # 15 June 2017; P4's next review is due 28 July 2017
    assert f["cla_reviews_overdue_at_end"][2] == 3
    # P2 had 3 placements in the 12 months to 15 June 2017 (P -> new carer twice)
    assert f["stability_3plus_placements_pct"][:3] == (1, 4, Decimal("25.0"))
    # an involvement whose professional was left out still gives P4 an IRO, adds no FTE
    assert f["iro_cla_caseload_per_fte"][:3] == (4, Decimal("1.5"), Decimal("2.67"))
    assert f["iro_in_post_at_end"][2:4] == (Decimal(3), "3")
    assert f["iro_fte_at_end"][:4] == (None, None, Decimal("1.50"), "1.50")
    assert f["cp_plans_2yrs_plus_pct"][2:4] == (None, "z")


def test_financial_year_2016_17(built_warehouse):
    f = _figures(built_warehouse, "2016-17")
    assert f["cla_started"][2] == 1  # C3; C2 is a short break
    assert f["cp_plans_started"][2] == 3
    assert f["cp_repeat_plans_pct"][:3] == (1, 3, Decimal("33.3"))
    # icpc I4's enquiry was left out (2017-13-01): held, but in neither side of the %
    assert f["icpc_held"][2] == 4
    # I1 due 7 Apr 2016 (Easter), I2 due 6 Jan 2017 (Christmas)
    assert f["icpc_in_15wd_pct"][:3] == (2, 2, Decimal("100.0"))
    assert f["rcpc_in_time_pct"][:3] == (1, 2, Decimal("50.0"))
    assert f["drp_median_days_to_resolve"][:4] == (None, 2, Decimal("16.5"), "c")
    assert f["drp_resolved_informally_pct"][:3] == (1, 2, Decimal("50.0"))
    assert f["iro_over_guideline_at_end"][2:4] == (Decimal(1), "1")  # 0 FTE with a child
    assert f["cp_plans_2yrs_plus_pct"][:4] == (0, 1, Decimal("0.0"), "c")
    assert f["cla_s20_over_6_months_at_end"][2] == 1
    # contract 2: CP2 (P6), CP3 (P7) and CP5 (P9) are current on 31 March 2017; X1 reached
    # stage 1, X3 stage 0, neither went to Cafcass
    assert f["cp_children_at_end"][2:4] == (Decimal(3), "c")
    assert f["drp_reached_stage_2_plus"][2:4] == (Decimal(0), "0")
    assert f["drp_cafcass_referrals"][2:4] == (Decimal(0), "0")


def test_contract_2_parts_supplied_empty_are_computed(built_warehouse):
    """The fixture supplies the contract-2 columns (all null) and an empty care plan table.

    Supplied, so computed as usual: R5 (C3) is the one held review of 2016-17 that counts
    (R6's period is unknown, R7's a short break) and records no IRO contact: 0 of 1.
    """
    f = _figures(built_warehouse, "2016-17")
    assert f["cla_iro_contact_between_reviews_pct"][:4] == (0, 1, Decimal("0.0"), "c")
    # R5 is C3's first review: no second review in the year
    assert f["cla_permanence_plan_at_second_review_pct"][:4] == (0, 0, None, "z")
    with psycopg2.connect(built_warehouse) as conn, conn.cursor() as cur:
        cur.execute(
            "select count(*) from data_quality.source_row_issues where rule = 'not_supplied'"
        )
        assert cur.fetchone()[0] == 0


def test_contract_2_parts_not_supplied_give_z(contract_1_warehouse):
    for label in ("2016-17", "2017-06"):
        f = _figures(contract_1_warehouse, label)
        for measure in (
            "cla_iro_contact_between_reviews_pct",
            "cla_permanence_plan_at_second_review_pct",
            "cp_review_participation_pct",
            "cp_review_quorate_pct",
        ):
            assert f[measure][:4] == (None, None, None, "z"), (label, measure)
        # figures that need no contract-2 part are as in the contract-2 extract
        assert f["cla_reviews_held"][2] == {"2016-17": 1, "2017-06": 0}[label]
    with psycopg2.connect(contract_1_warehouse) as conn, conn.cursor() as cur:
        cur.execute(
            "select table_name, row_key, column_name from data_quality.source_row_issues "
            "where rule = 'not_supplied'"
        )
        listed = sorted(cur.fetchall(), key=str)
    # once each, with the table and the column (none for a table), no row key
    assert listed == sorted(
        [
            ("ssd_cla_care_plan", None, None),
            ("ssd_cla_reviews", None, "clar_cla_review_last_iro_contact_date"),
            ("ssd_cp_reviews", None, "cppr_cp_review_participation"),
            ("ssd_cp_reviews", None, "cppr_cp_review_quorate"),
        ],
        key=str,
    )


def test_data_quality_lists_each_fault(built_warehouse):
    with psycopg2.connect(built_warehouse) as conn, conn.cursor() as cur:
        cur.execute(
            "select table_name, row_key, rule, is_row_left_out from data_quality.source_row_issues"
        )
        issues = {
            (t, k if not k.startswith("row hash") else "<null>", r): lo
            for t, k, r, lo in cur.fetchall()
        }
    expected = {
        ("ssd_person", "<null>", "null_primary_key"): True,
        ("ssd_person", "P5", "code_not_in_list"): True,
        ("ssd_person", "P6", "invalid_date"): True,
        ("ssd_person", "P7", "duplicate_key_identical"): False,
        ("ssd_person", "P8", "duplicate_key_differing"): True,
        ("ssd_cla_episodes", "E10", "end_date_after_extract"): False,
        ("ssd_cla_episodes", "E11", "unknown_reference"): True,
        ("ssd_cla_episodes", "E12", "future_date"): True,
        ("ssd_cla_episodes", "E13", "overlapping_episodes"): False,
        ("ssd_cla_episodes", "E3", "overlapping_episodes"): False,
        ("ssd_cla_reviews", "R6", "unknown_reference"): True,
        ("ssd_involvements", "V6", "end_date_after_extract"): False,
        ("ssd_professionals", "W3", "fte_not_positive"): False,
        ("ssd_professionals", "W5", "code_not_in_list"): True,
        ("ssd_professionals", "W5", "fte_above_one"): False,
        ("ssd_s47_enquiry", "S3", "invalid_date"): True,
    }
    assert issues == expected

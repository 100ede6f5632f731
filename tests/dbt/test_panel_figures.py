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
    assert measures == 38
    assert rows == 38 * (87 + 8)


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

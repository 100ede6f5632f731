"""The breakdowns on the hand-made case system: categories worked out by hand.

The children of ``fixture_case_system.py`` as the breakdowns see them
(measures.md, "Breakdowns (contract 2)"; ages by rules.md):

- P1: F, WBRI (white), born 10 Mar 2005: 12 on 31 Mar 2017, 9 in 2014;
- P2: M, REFU (unknown), born 29 Feb 2012: 4 on 10 Jan 2017 (C3's start),
  5 on 31 Mar 2017 (a 29 February birthday counts on 1 March);
- P3: F, MWBC (mixed), born 1 Jan 2000: 17 on 31 Mar 2017;
- P4: M, " WBRI " (trimmed: white), born 1 Jul 2014: 2 in April to June 2017;
- P6: person row left out (invalid date of birth): unknown in every breakdown;
- P7: M, "wbri" (codes are compared exactly: unknown), born 5 May 2009;
- P9: U (unknown), no ethnicity (unknown), no date of birth (age unknown).

Looked after on 31 Mar 2017: P1, P2, P3 (C2 is a short break; P4 starts on
1 Apr 2017). On 15 Jun 2017 (provisional): P1 to P4. Started in 2016-17: C3
(P2); in 2015-16: C4 (P3, on her 16th birthday); in 2017-18: C5 (P4).
Children on a CP plan on 31 Mar 2017: P6 (CP2), P7 (CP3), P9 (CP5); CP1
(P5) ended on 1 Mar. Held reviews: 2014-15 R2 (P1,
PN5) and R3 (P1, PN7); 2016-17 R5 (P2, PN0: in neither side); 2017-18 R8
(P4, PN2).
"""

from __future__ import annotations

from decimal import Decimal

from tests.conftest import query

SEX = ("male", "female", "unknown")
AGE = ("under_1", "1_to_4", "5_to_9", "10_to_15", "16_plus", "unknown")
ETHNICITY = ("white", "mixed", "asian", "black", "other", "unknown")


def _cells(url: str, relation: str, measure: str, period: str, column: str) -> dict:
    rows = query(
        url,
        f"select breakdown, category, {column} from {relation} "
        "where measure_id = %s and period_label = %s",
        (measure, period),
    )
    return {(b, c): v for b, c, v in rows}


def _expect(sex: dict, age: dict, ethnicity: dict, zero=Decimal(0)) -> dict:
    """Every category of every breakdown: the ones given, the rest ``zero``."""
    out = {}
    for breakdown, categories, given in (
        ("sex", SEX, sex), ("age_band", AGE, age), ("ethnicity_group", ETHNICITY, ethnicity),
    ):  # fmt: skip
        for c in categories:
            out[(breakdown, c)] = given.get(c, zero)
    return out


def test_children_looked_after_at_the_end_of_2016_17(built_warehouse):
    got = _cells(built_warehouse, "reporting.panel_breakdowns", "cla_at_end", "2016-17", "value")
    assert got == _expect(
        {"male": 1, "female": 2},
        {"5_to_9": 1, "10_to_15": 1, "16_plus": 1},
        {"white": 1, "mixed": 1, "unknown": 1},
    )
    published = _cells(
        built_warehouse, "reporting.panel_breakdowns", "cla_at_end", "2016-17", "published_value"
    )
    # every non-zero cell is 1 to 5: c; zeros are 0
    assert published == _expect(
        {"male": "c", "female": "c"},
        {"5_to_9": "c", "10_to_15": "c", "16_plus": "c"},
        {"white": "c", "mixed": "c", "unknown": "c"},
        zero="0",
    )


def test_children_looked_after_on_the_extract_date(built_warehouse):
    got = _cells(built_warehouse, "reporting.panel_breakdowns", "cla_at_end", "2017-06", "value")
    assert got == _expect(
        {"male": 2, "female": 2},
        {"1_to_4": 1, "5_to_9": 1, "10_to_15": 1, "16_plus": 1},
        {"white": 2, "mixed": 1, "unknown": 1},
    )


def test_periods_of_care_started_by_age_on_their_start_date(built_warehouse):
    got = _cells(built_warehouse, "reporting.panel_breakdowns", "cla_started", "2016-17", "value")
    # P2 was 4 on C3's start (10 Jan 2017), 5 on 31 Mar 2017
    assert got == _expect({"male": 1}, {"1_to_4": 1}, {"unknown": 1})
    # C4 (P3) started on 1 Jan 2016, her 16th birthday: 16_plus
    got = _cells(built_warehouse, "reporting.panel_breakdowns", "cla_started", "2015-16", "value")
    assert got == _expect({"female": 1}, {"16_plus": 1}, {"mixed": 1})


def test_participation_numerators_and_denominators_by_age_on_the_review_date(built_warehouse):
    rows = query(
        built_warehouse,
        "select breakdown, category, numerator, denominator, published_value "
        "from reporting.panel_breakdowns "
        "where measure_id = 'cla_review_participation_pct' and period_label = '2014-15'",
    )
    got = {(b, c): (n, d, p) for b, c, n, d, p in rows}
    none = (Decimal(0), Decimal(0), "z")
    p1 = (Decimal(1), Decimal(2), "c")  # R2 (PN5) of R2 and R3 (PN7): 50.0, over 2: c
    assert got == _expect({"female": p1}, {"5_to_9": p1}, {"white": p1}, zero=none)
    # 2016-17: R5 is PN0, in neither side: every category 0 of 0
    rows = query(
        built_warehouse,
        "select numerator, denominator, value, published_value from reporting.panel_breakdowns "
        "where measure_id = 'cla_review_participation_pct' and period_label = '2016-17'",
    )
    assert set(rows) == {(Decimal(0), Decimal(0), None, "z")} and len(rows) == 15


def test_children_on_a_plan_no_person_row_and_no_date_of_birth_are_unknown(built_warehouse):
    got = _cells(
        built_warehouse, "intermediate.int_figures_broken_down", "cp_children_at_end", "2016-17",
        "value",
    )  # fmt: skip
    assert got == _expect({"male": 1, "unknown": 2}, {"5_to_9": 1, "unknown": 2}, {"unknown": 3})
    # in reporting.panel_breakdowns once the measure is in the measures seed
    in_seed = query(
        built_warehouse, "select count(*) from reporting.measures where measure_id = %s",
        ("cp_children_at_end",),
    )[0][0]  # fmt: skip
    published = _cells(
        built_warehouse, "reporting.panel_breakdowns", "cp_children_at_end", "2016-17", "value"
    )
    assert published == (got if in_seed else {})


def test_every_category_of_every_period_and_the_public_view(built_warehouse):
    periods = query(built_warehouse, "select count(*) from intermediate.int_reporting_periods")
    periods = periods[0][0]
    measures = query(
        built_warehouse, "select count(distinct measure_id) from reporting.panel_breakdowns"
    )[0][0]
    rows = query(built_warehouse, "select count(*) from reporting.panel_breakdowns")[0][0]
    assert rows == periods * measures * (3 + 6 + 6)
    public = query(
        built_warehouse,
        "select column_name from information_schema.columns "
        "where table_schema = 'reporting' and table_name = 'panel_breakdowns_public' "
        "order by ordinal_position",
    )
    assert [c for (c,) in public] == [
        "period_type", "period_label", "period_start", "period_end", "measure_id", "breakdown",
        "category", "unit", "published_value", "is_provisional", "computed_at",
    ]  # fmt: skip
    differing = query(
        built_warehouse,
        "select count(*) from reporting.panel_breakdowns_public as p "
        "join reporting.panel_breakdowns as b using (period_type, period_label, measure_id, "
        "breakdown, category) where p.published_value <> b.published_value",
    )[0][0]
    assert differing == 0


def test_dim_children_carries_the_breakdowns_categories(built_warehouse):
    rows = query(
        built_warehouse,
        "select sex, ethnicity_group, count(*) from marts.dim_children group by 1, 2",
    )
    got = {(s, e): n for s, e, n in rows}
    # children known to a fact: P1 to P7 and P9 (P8's only episode was left out)
    assert sum(got.values()) >= 7
    assert got[("female", "white")] >= 1 and got[("female", "mixed")] == 1
    assert got[("unknown", "unknown")] >= 2  # P9 (U, null) and the left-out person rows

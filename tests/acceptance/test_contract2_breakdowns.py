"""``reporting.panel_breakdowns`` and ``panel_breakdowns.csv``, worked out by hand.

Over ``fixture_contract2.py``. Categories (measures.md, Breakdowns):
sex male (M) / female (F) / unknown (U, null, no person row); age_band by
the age rule (a child born after d is under_1, no date of birth unknown);
ethnicity_group white (WBRI WIRI WIRT WOTH WROM) / mixed / asian / black
(BCRB BAFR BOTH) / other / unknown (REFU, NOBT, null, any other code, no
person row). Codes compare exactly after trimming: " WBRI " is white,
"wbri" is unknown, "" is null.

| child | sex     | ethnicity group  | age on E1 (2017-03-31) | age at start |
|-------|---------|------------------|------------------------|--------------|
| K1    | male    | white            | 11 10_to_15            | 10 (2016-04-04) |
| K2    | male    | white (" WBRI ") | 11 10_to_15            | 10           |
| K3    | male    | white (WIRI)     | 9 5_to_9               | 8            |
| K4    | male    | white (WOTH)     | 16 16_plus (birthday ON E1) | 15      |
| K5    | female  | white (WROM)     | 3 1_to_4               | 2            |
| K6    | female  | unknown (REFU)   | 7 5_to_9               | 6            |
| K7    | female  | unknown (NOBT)   | 11 10_to_15            | 10           |
| K8    | unknown (U) | mixed (MWBC) | 11 10_to_15            | 10           |
| P1    | male    | unknown ("wbri") | 0 under_1              | 0 (2016-12-01) |
| P2    | female  | unknown (null)   | 11 10_to_15            | 11           |
| P3    | unknown (null) | mixed (MWBA) | 11 10_to_15         | 11           |
| P4    | male    | white            | 11 10_to_15            | 11           |
| Z1    | unknown | unknown          | unknown (no person row) | unknown (2016-09-01) |
| Z2    | male    | white            | unknown (no birth date) | (started 2015) |
| Z3    | female  | unknown ("")     | 11 10_to_15            | 11 (2017-03-06) |

Secondary suppression (counts only): within one period, measure and
breakdown, when exactly one category is `c`, the smallest non-zero other
category (the first in the contract's order on a tie) is `c` too; one pass;
nothing more when every other category is 0.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal

import pytest

from tests.acceptance.conftest import FY, PFY, Expected, M, _exact
from tests.conftest import query

pytestmark = pytest.mark.slow

CATEGORIES = {
    "sex": ["male", "female", "unknown"],
    "age_band": ["under_1", "1_to_4", "5_to_9", "10_to_15", "16_plus", "unknown"],
    "ethnicity_group": ["white", "mixed", "asian", "black", "other", "unknown"],
}
MEASURES = {
    "cla_at_end": "count",
    "cla_started": "count",
    "cp_children_at_end": "count",
    "cla_review_participation_pct": "percent",
}


def _count(n: int, published: str | None = None) -> Expected:
    return (n, None, None, published if published is not None else str(n))


C = "c"

# (measure, period, breakdown) -> {category: (value, numerator, denominator, published)}
EXPECTED: dict[tuple[str, str, str], dict[str, Expected]] = {
    # ---- cla_at_end on E1: 15 children (table above).
    # sex: male K1-K4, P1, P4, Z2 = 7; female K5, K6, K7, P2, Z3 = 5; unknown
    # K8 (U), P3 (null), Z1 (no person row) = 3. Two categories are c, so no
    # secondary suppression.
    ("cla_at_end", FY, "sex"): {
        "male": _count(7), "female": _count(5, C), "unknown": _count(3, C),
    },
    # age: under_1 P1; 1_to_4 K5; 5_to_9 K3, K6; 10_to_15 K1, K2, K7, K8, P2,
    # P3, P4, Z3 = 8; 16_plus K4 (turns 16 ON E1); unknown Z2 (no date of
    # birth), Z1 (no person row).
    ("cla_at_end", FY, "age_band"): {
        "under_1": _count(1, C), "1_to_4": _count(1, C), "5_to_9": _count(2, C),
        "10_to_15": _count(8), "16_plus": _count(1, C), "unknown": _count(2, C),
    },
    # SECONDARY SUPPRESSION: white K1-K5, P4, Z2 = 7; mixed K8, P3 = 2 (c, the
    # only one); unknown K6, K7, P1, P2, Z1, Z3 = 6. The smallest non-zero
    # other is unknown (6 < 7): c too. White stays 7.
    ("cla_at_end", FY, "ethnicity_group"): {
        "white": _count(7), "mixed": _count(2, C), "asian": _count(0), "black": _count(0),
        "other": _count(0), "unknown": _count(6, C),
    },
    # ---- cla_started 2016-17: 14 periods of care (Z2 started in 2015).
    # SECONDARY SUPPRESSION ON A TIE: white K1-K5, P4 = 6; mixed K8, P3 = 2
    # (c, the only one); unknown K6, K7, P1, P2, Z1, Z3 = 6. White and unknown
    # tie at 6: the first in the order (white) is c.
    ("cla_started", FY, "ethnicity_group"): {
        "white": _count(6, C), "mixed": _count(2, C), "asian": _count(0), "black": _count(0),
        "other": _count(0), "unknown": _count(6),
    },
    # sex: male K1-K4, P1, P4 = 6; female K5, K6, K7, P2, Z3 = 5; unknown K8,
    # P3, Z1 = 3 (two c: nothing more).
    ("cla_started", FY, "sex"): {
        "male": _count(6), "female": _count(5, C), "unknown": _count(3, C),
    },
    # age on the period's start date: under_1 P1 (0 on 2016-12-01); 1_to_4 K5
    # (2); 5_to_9 K3 (8), K6 (6); 10_to_15 K1, K2, K4 (15 on 2016-04-04), K7,
    # K8, P2, P3, P4, Z3 = 9; unknown Z1 (Z2 started in 2015).
    ("cla_started", FY, "age_band"): {
        "under_1": _count(1, C), "1_to_4": _count(1, C), "5_to_9": _count(2, C),
        "10_to_15": _count(9), "16_plus": _count(0), "unknown": _count(1, C),
    },
    # EVERY OTHER CATEGORY 0: 2017-03 started only Z3 (female): female c, and
    # nothing more is suppressed (the total, 1, is c itself).
    ("cla_started", M, "sex"): {
        "male": _count(0), "female": _count(1, C), "unknown": _count(0),
    },
    ("cla_started", M, "ethnicity_group"): {
        "white": _count(0), "mixed": _count(0), "asian": _count(0), "black": _count(0),
        "other": _count(0), "unknown": _count(1, C),
    },
    # ---- cp_children_at_end on E1: Q1, Q2, Q4, Q5, Q6, Q7, Q8 (female), K1 (male).
    # SECONDARY SUPPRESSION onto the only non-zero other: male 1 (c), female 7 -> c.
    ("cp_children_at_end", FY, "sex"): {
        "male": _count(1, C), "female": _count(7, C), "unknown": _count(0),
    },
    # age: Q8 is born 2017-05-20, after E1: under_1; Q1, Q2, Q4-Q7 (7) 5_to_9 = 6;
    # K1 10_to_15. Two c: nothing more.
    ("cp_children_at_end", FY, "age_band"): {
        "under_1": _count(1, C), "1_to_4": _count(0), "5_to_9": _count(6),
        "10_to_15": _count(1, C), "16_plus": _count(0), "unknown": _count(0),
    },
    # ethnicity: K1 white; Q1, Q6 BCRB, Q2, Q5, Q7 BAFR, Q4 BOTH: black 6; Q8 null.
    ("cp_children_at_end", FY, "ethnicity_group"): {
        "white": _count(1, C), "mixed": _count(0), "asian": _count(0), "black": _count(6),
        "other": _count(0), "unknown": _count(1, C),
    },
    # 2016-06 (E 2016-06-30): Q1, Q2, Q3, all female: 3 is c, every other 0.
    ("cp_children_at_end", "2016-06", "sex"): {
        "male": _count(0), "female": _count(3, C), "unknown": _count(0),
    },
    # ... by ethnicity: black Q1, Q2 (2, c), other Q3 (CHNE, 1, c): two c.
    ("cp_children_at_end", "2016-06", "ethnicity_group"): {
        "white": _count(0), "mixed": _count(0), "asian": _count(0), "black": _count(2, C),
        "other": _count(1, C), "unknown": _count(0),
    },
    # ---- cla_review_participation_pct 2016-17 (PN1-PN6 over PN1-PN7; PN0 and
    # null on neither side), per child (numerator / denominator):
    #   K1, K2, K3, K8 3/3; K4 3/3 (PN1, PN1, PN5); K5 0/0 (PN0 x3);
    #   K6 2/2 (r2 null); K7 2/3 (r3 PN7); P1 0/0 (PN0 x2); P2 1/2 (r2 PN7);
    #   P3 2/2; P4 2/2.
    # sex: male K1-K4, P1, P4 14/14; female K5, K6, K7, P2 5/7; unknown K8, P3 5/5.
    # (Z1, Z2, Z3 have no review.)
    # No secondary suppression for percentages.
    ("cla_review_participation_pct", FY, "sex"): {
        "male": (100.0, 14, 14, "100.0"), "female": (71.4, 5, 7, C),
        "unknown": (100.0, 5, 5, C),
    },
    # age on the REVIEW DATE: K4 (born 2001-03-31) is 15 at each review, so
    # 10_to_15 (16_plus only on E1); K3 is 8 and K6 6-7: 5_to_9 5/5;
    # 10_to_15 K1, K2, K4, K8 3/3 each, K7 2/3, P2 1/2, P3 2/2, P4 2/2 =
    # 19/21 = 90.476 -> 90.5; K5 (1_to_4) and P1 (under_1) have PN0 only: 0/0,
    # z; nobody unknown. EXACTLY ONE c (5_to_9), and no secondary suppression
    # for a percentage: 10_to_15 stays published.
    ("cla_review_participation_pct", FY, "age_band"): {
        "under_1": (None, 0, 0, "z"), "1_to_4": (None, 0, 0, "z"), "5_to_9": (100.0, 5, 5, C),
        "10_to_15": (90.5, 19, 21, "90.5"), "16_plus": (None, 0, 0, "z"),
        "unknown": (None, 0, 0, "z"),
    },
    # ethnicity: white K1-K4 12/12, K5 0/0, P4 2/2 = 14/14; mixed K8, P3 5/5;
    # unknown K6, K7, P1, P2 = 5/7.
    ("cla_review_participation_pct", FY, "ethnicity_group"): {
        "white": (100.0, 14, 14, "100.0"), "mixed": (100.0, 5, 5, C),
        "asian": (None, 0, 0, "z"), "black": (None, 0, 0, "z"), "other": (None, 0, 0, "z"),
        "unknown": (71.4, 5, 7, C),
    },
    # ---- provisional 2017-18: "on E" is the extract date, E2 = 2017-06-15.
    # Ages on E2: P1 (born 2016-05-01) 1 and K5 (born 2013-06-01, birthday on
    # 06-01) 4: 1_to_4 = 2, none under_1; K3 9, K6 7; K4 16; the rest as on E1
    # (10_to_15 8; unknown Z1, Z2).
    ("cla_at_end", PFY, "age_band"): {
        "under_1": _count(0), "1_to_4": _count(2, C), "5_to_9": _count(2, C),
        "10_to_15": _count(8), "16_plus": _count(1, C), "unknown": _count(2, C),
    },
    # on E2: Q1, Q2, Q4, Q5, Q6, Q8 (born 2017-05-20) female, K1 male (Q7's
    # plan ended 2017-05-01): male 1 c, the only other non-zero (female 6) c.
    ("cp_children_at_end", PFY, "sex"): {
        "male": _count(1, C), "female": _count(6, C), "unknown": _count(0),
    },
    ("cp_children_at_end", PFY, "age_band"): {
        "under_1": _count(1, C), "1_to_4": _count(0), "5_to_9": _count(5, C),
        "10_to_15": _count(1, C), "16_plus": _count(0), "unknown": _count(0),
    },
}  # fmt: skip
# E1 is also the end of 2017-03: the same cells on E for the month
for _breakdown in CATEGORIES:
    EXPECTED[("cla_at_end", M, _breakdown)] = EXPECTED[("cla_at_end", FY, _breakdown)]
    EXPECTED[("cp_children_at_end", M, _breakdown)] = EXPECTED[
        ("cp_children_at_end", FY, _breakdown)
    ]


@pytest.fixture(scope="module")
def cells(panel2) -> dict[tuple[str, str, str, str], tuple]:
    rows = query(
        panel2.warehouse,
        "select measure_id, period_label, breakdown, category, value, numerator, denominator, "
        "published_value, unit, period_type, is_provisional from reporting.panel_breakdowns",
    )
    out: dict[tuple[str, str, str, str], tuple] = {}
    for row in rows:
        key = row[:4]
        assert key not in out, f"two rows for {key}"
        out[key] = row[4:]
    return out


@pytest.mark.parametrize(
    ("measure", "label", "breakdown"),
    [pytest.param(*key, id="-".join(key)) for key in EXPECTED],
)
def test_breakdown_cells(cells, measure, label, breakdown):
    want = {
        category: (*(_exact(x) for x in exp[:3]), exp[3])
        for category, exp in EXPECTED[(measure, label, breakdown)].items()
    }
    got = {
        category: cells[(measure, label, breakdown, category)][:4]
        for category in CATEGORIES[breakdown]
        if (measure, label, breakdown, category) in cells
    }
    assert got == want


def test_every_category_of_every_breakdown_has_a_row(panel2, cells):
    labels = {label for label, _ in panel2.figures}
    wanted = {
        (measure, label, breakdown, category)
        for measure in MEASURES
        for label in labels
        for breakdown, categories in CATEGORIES.items()
        for category in categories
    }
    assert set(cells) == wanted
    for (measure, label, _, _), row in cells.items():
        figure = panel2.figures[(label, measure)]
        assert row[4] == MEASURES[measure], (measure, label)
        assert (row[5], row[6]) == (figure[2], figure[8]), (measure, label)


def test_categories_add_up_to_the_total(panel2, cells):
    """Counts add up to the measure's value; percentages' numerators and denominators."""
    sums: dict[tuple[str, str, str], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0), Decimal(0)]
    )
    for (measure, label, breakdown, _), row in cells.items():
        total = sums[(measure, label, breakdown)]
        for i in range(3):
            total[i] += row[i] or 0
    for (measure, label, breakdown), (value, numerator, denominator) in sums.items():
        figure = panel2.figures[(label, measure)]
        if MEASURES[measure] == "count":
            assert value == figure[4], (measure, label, breakdown)
        else:
            assert (numerator, denominator) == (figure[5], figure[6]), (measure, label, breakdown)


def test_no_suppressed_count_can_be_recovered(cells):
    """No published count from 1 to 5; a lone c only when every other category is 0."""
    groups: dict[tuple[str, str, str], dict[str, tuple]] = defaultdict(dict)
    for (measure, label, breakdown, category), row in cells.items():
        groups[(measure, label, breakdown)][category] = row
    for key, group in groups.items():
        if MEASURES[key[0]] != "count":
            continue
        for category, row in group.items():
            if 1 <= row[0] <= 5:
                assert row[3] == "c", (key, category)
        hidden = [c for c, row in group.items() if row[3] == "c"]
        if len(hidden) == 1:
            others = [row[0] for c, row in group.items() if c != hidden[0]]
            assert all(v == 0 for v in others), key


def test_panel_breakdowns_csv_beside_panel_figures(panel2):
    """The nightly publishes 2016-17 (and 2017-05): panel_breakdowns.csv beside
    panel_figures.csv, with the contract's columns and the published values."""
    folder = panel2.output / "financial_year" / FY
    assert (folder / "panel_figures.csv").is_file()
    path = folder / "panel_breakdowns.csv"
    assert path.is_file(), sorted(p.name for p in folder.iterdir())
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == [
            "measure_id", "measure_label", "breakdown", "category", "unit", "published_value",
        ]  # fmt: skip
        rows = list(reader)
    published = {(r["measure_id"], r["breakdown"], r["category"]): r for r in rows}
    assert len(published) == len(rows) == len(MEASURES) * sum(map(len, CATEGORIES.values()))
    for (measure, label, breakdown), expected in EXPECTED.items():
        if label != FY:
            continue
        for category, exp in expected.items():
            row = published[(measure, breakdown, category)]
            assert row["published_value"] == exp[3], (measure, breakdown, category)
            assert row["unit"] == MEASURES[measure]
            assert row["measure_label"]
    assert (panel2.output / "month" / "2017-05" / "panel_breakdowns.csv").is_file()


def test_the_public_view_publishes_the_same_values(panel2, cells):
    rows = query(
        panel2.warehouse,
        "select measure_id, period_label, breakdown, category, published_value "
        "from reporting.panel_breakdowns_public",
    )
    assert {r[:4]: r[4] for r in rows} == {key: row[3] for key, row in cells.items()}

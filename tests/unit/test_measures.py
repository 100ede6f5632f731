"""Measure metadata for the report, from rows of reporting.measures."""

from __future__ import annotations

import csv

from iro_warehouse.publishing import measures, paper

from tests.conftest import PROJECT_DIR

SEED = PROJECT_DIR / "dbt_project/seeds/measures.csv"


def _seed() -> list[dict]:
    with SEED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_seed_row_names_a_section_and_editions_of_the_paper():
    sections = {s.section_id for s in paper.SECTIONS if not s.is_commentary}
    for row in _seed():
        assert row["section"] in sections, row["measure_id"]
        assert set(row["editions"].split()) <= {"panel", "safeguarding"}, row["measure_id"]
        assert "{value}" in row["sentence"], row["measure_id"]
        # plain words: no case-system codes in what the reader sees
        for text in (row["measure_label"], row["sentence"], row["standard"]):
            assert not any(code in text for code in ("PN", "V2", "stage 0")), row["measure_id"]


def test_a_row_without_the_report_columns_still_reads():
    """A build of an older seed (as known at an earlier day) lacks the new columns."""
    m = measures.from_row(
        {"measure_id": "x", "measure_label": "X things", "unit": "count", "section": "children",
         "sort_order": 5}
    )  # fmt: skip
    assert m.in_edition("panel") and m.in_edition("safeguarding") and m.in_edition("full")
    assert m.sentence == "X things: {value}" and m.chart == "" and m.chart_band is None
    assert m.change_words == "more/fewer"


def test_editions_and_band_from_the_seed():
    rows = {r["measure_id"]: r for r in _seed()}
    cla = measures.from_row({**rows["cla_at_end"], "is_headline": True})
    assert cla.editions == ("panel",) and not cla.in_edition("safeguarding")
    caseload = measures.from_row(rows["iro_cla_caseload_per_fte"])
    assert caseload.chart_band == (50.0, 70.0)

"""The regional benchmark's arithmetic and files, on hand-made published figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from iro_warehouse import authorities
from iro_warehouse.publishing import benchmark


@pytest.fixture
def region(tmp_path: Path) -> authorities.Region:
    path = tmp_path / "authorities.yaml"
    path.write_text(
        "authorities:\n"
        + "".join(
            f"  - {{code: {code}, name: {name}, source: {{csv_dir: cs}}}}\n"
            for code, name in (("840", "Ash"), ("841", "Bra"), ("805", "Col"), ("806", "Dun"))
        )
    )
    return authorities.load(
        {
            "WAREHOUSE_URL": "postgresql://iro@db/wh",
            "IRO_OUTPUT_DIR": str(tmp_path / "out"),
            "IRO_AUTHORITIES_FILE": str(path),
        }
    )


def _publish(region, code: str, values: dict[str, str], label: str = "2016-17") -> None:
    folder = region.authority(code).settings.output_dir / "financial_year" / label
    folder.mkdir(parents=True)
    units = {"cla_at_end": "count", "cla_reviews_in_time_pct": "percent"}
    figures = [
        {"measure_id": m, "measure_label": m, "unit": units[m], "published_value": v,
         "numerator": "", "denominator": ""}
        for m, v in values.items()
    ]  # fmt: skip
    document = {"period_type": "financial_year", "period_label": label,
                "extract_date": "2017-06-15", "figures": figures}  # fmt: skip
    (folder / "panel_figures.json").write_text(json.dumps(document))


def test_median_quartiles_and_rank_leave_out_suppressed_values(region):
    _publish(region, "840", {"cla_at_end": "812", "cla_reviews_in_time_pct": "91.5"})
    _publish(region, "841", {"cla_at_end": "c", "cla_reviews_in_time_pct": "78.0"})
    _publish(region, "805", {"cla_at_end": "350", "cla_reviews_in_time_pct": "z"})
    _publish(region, "806", {"cla_at_end": "600", "cla_reviews_in_time_pct": "85.0"})
    rows = benchmark.benchmark(region, benchmark.read_published(region), benchmark.seed_measures())
    cla = {r.authority_code: r for r in rows if r.measure_id == "cla_at_end"}
    assert cla["841"].published_value == "c" and cla["841"].rank is None
    assert {c: r.rank for c, r in cla.items() if r.rank} == {"840": 1, "806": 2, "805": 3}
    assert cla["840"].authorities_ranked == 3
    assert (cla["840"].regional_lower_quartile, cla["840"].regional_median) == ("475", "600")
    assert cla["840"].regional_upper_quartile == "706"
    timely = {r.authority_code: r for r in rows if r.measure_id == "cla_reviews_in_time_pct"}
    assert timely["805"].published_value == "z" and timely["805"].rank is None
    assert timely["840"].regional_median == "85.0"
    assert timely["840"].rank == 1  # higher is better


def test_a_count_statistic_from_1_to_5_is_suppressed():
    assert benchmark.statistic(3.0, "count", 0) == "c"
    assert benchmark.statistic(0.0, "count", 0) == "0"
    assert benchmark.statistic(6.5, "count", 0) == "6.5"
    assert benchmark.statistic(3.0, "percent", 1) == "3.0"
    # the staff figures the contract leaves unsuppressed stay so
    assert benchmark.statistic(3.0, "count", 0, exempt=True) == "3"
    assert "iro_in_post_at_end" in benchmark.exempt_measures()
    assert "cla_at_end" not in benchmark.exempt_measures()
    assert benchmark.quartiles([]) is None
    assert benchmark.quartiles([7.0]) == (7.0, 7.0, 7.0)


def test_an_authority_that_has_not_published_is_listed_without_values(region):
    _publish(region, "840", {"cla_at_end": "812"})
    _publish(region, "841", {"cla_at_end": "0"})
    rows = benchmark.benchmark(region, benchmark.read_published(region), benchmark.seed_measures())
    by_code = {r.authority_code: r for r in rows}
    assert set(by_code) == {"840", "841", "805", "806"}
    assert by_code["805"].published_value == "" and by_code["805"].rank is None
    assert by_code["840"].regional_median == "406"


def test_the_pack_is_a_csv_and_a_self_contained_page(region):
    _publish(region, "840", {"cla_at_end": "812", "cla_reviews_in_time_pct": "c"})
    _publish(region, "841", {"cla_at_end": "90", "cla_reviews_in_time_pct": "80.0"})
    rows = benchmark.benchmark(region, benchmark.read_published(region), benchmark.seed_measures())
    (folder,) = benchmark.write_packs(region, rows)
    assert folder == region.output_dir / "financial_year" / "2016-17"
    table = list(csv.DictReader(io.StringIO((folder / "benchmark.csv").read_text())))
    assert [r["published_value"] for r in table if r["authority_code"] == "840"] == ["812", "c"]
    html = (folder / "benchmark.html").read_text()
    assert "<svg" in html and "c (suppressed)" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in html

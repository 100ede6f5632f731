"""Charts tell the truth about suppressed values: a marked gap, "c" in words, never a number."""

from __future__ import annotations

import re

from iro_warehouse.publishing import charts
from iro_warehouse.publishing.measures import Measure
from iro_warehouse.publishing.paper import Cell, ChartData

MONTHS = ("2016-01", "2016-02", "2016-03", "2016-04")
DELAY = Measure("drp_raised_delay", "Escalations raised about plan delay", "count", "x", 1)
QUALITY = Measure("drp_raised_quality", "Escalations about quality", "count", "x", 2)
RATE = Measure("cla_reviews_in_time_pct", "Reviews in time (%)", "percent", "x", 3)


def _chart(measures, values: dict) -> ChartData:
    cells = {
        (m.measure_id, p): Cell(m.measure_id, p, values[m.measure_id][i])
        for m in measures
        for i, p in enumerate(MONTHS)
    }
    return ChartData("t-1", "Escalations raised", tuple(measures), MONTHS, cells, None)


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_a_suppressed_bar_is_a_gap_marked_c_and_described_as_suppressed():
    chart = _chart([DELAY, QUALITY], {"drp_raised_delay": ["8", "c", "c", "9"],
                                      "drp_raised_quality": ["6", "7", "c", "10"]})  # fmt: skip
    drawn = charts.draw(chart)
    assert _texts(drawn.svg).count("c") == 3
    assert drawn.png.startswith(b"\x89PNG")
    words = drawn.summary_text
    assert "c (suppressed) in 2016-02, 2016-03" in words
    assert "c (suppressed) in 2016-03" in words
    # nothing is said of a suppressed month but c; no highest or lowest when some are hidden
    assert "lowest" not in words and " 0 " not in words
    assert re.findall(r"\d+ in (2016-0\d)", words) == ["2016-01", "2016-04", "2016-01", "2016-04"]


def test_a_suppressed_point_breaks_the_line():
    chart = _chart([RATE], {"cla_reviews_in_time_pct": ["80.0", "c", "85.5", "90.0"]})
    drawn = charts.draw(chart)
    assert _texts(drawn.svg).count("c") == 1
    # the line is not drawn across the gap: one point alone, then a line of two
    assert drawn.svg.count("<polyline") == 1 and drawn.svg.count("<circle") == 3
    assert "c (suppressed) in 2016-02" in drawn.summary_text


def test_no_bar_and_no_value_label_for_a_suppressed_count():
    chart = _chart([DELAY], {"drp_raised_delay": ["8", "c", "7", "9"]})
    svg = charts.draw(chart).svg
    assert svg.count("<rect") == 1 + 3  # the background and three bars
    assert [t for t in _texts(svg) if t in ("8", "7", "9", "c")].count("c") == 1
    points = charts.panels(chart)[0].points
    assert [(p.period, p.value, p.suppressed) for p in points][1] == ("2016-02", None, True)


def test_highest_and_lowest_when_nothing_is_suppressed():
    chart = _chart([RATE], {"cla_reviews_in_time_pct": ["80.0", "70.5", "85.5", "90.0"]})
    words = charts.summary(chart)
    text = "".join(p.text for p in words)
    assert "highest 90.0 in 2016-04, lowest 70.5 in 2016-02" in text
    assert {(p.measure_id, p.period_label) for p in words if p.kind == "figure"} == {
        ("cla_reviews_in_time_pct", "2016-01"), ("cla_reviews_in_time_pct", "2016-04"),
        ("cla_reviews_in_time_pct", "2016-02"),
    }  # fmt: skip


def test_sparkline_marks_suppressed_months_and_says_c_in_words():
    cells = [Cell("m", p, v) for p, v in zip(MONTHS, ["12", "c", "14", "z"], strict=True)]
    svg = charts.sparkline(cells)
    assert _texts(svg) == ["c"]
    assert svg.count("<polyline") == 0 and svg.count("<circle") >= 2
    words = charts.sparkline_words("Escalations", cells)
    assert words == (
        "Escalations, last 4 months: 2016-01 12; 2016-02 c (suppressed); 2016-03 14; "
        "2016-04 z (not applicable)"
    )

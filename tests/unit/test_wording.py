"""Figures in words: changes from published values only, never from a suppressed one."""

from __future__ import annotations

import pytest
from iro_warehouse import periods
from iro_warehouse.publishing import wording

FY = periods.parse("2016-17")
MONTH = periods.parse("2017-03")


@pytest.mark.parametrize(
    ("now", "before", "unit", "decimals", "words", "better", "direction", "text", "assessment"),
    [
        ("831", "824", "count", 0, "more/fewer", "", "up", "7 more (0.8%)", ""),
        ("800", "824", "count", 0, "more/fewer", "lower", "down", "24 fewer (2.9%)", "better"),
        ("12", "0", "count", 0, "more/fewer", "", "up", "12 more", ""),
        ("87.0", "84.9", "percent", 1, "higher/lower", "higher", "up",
         "2.1 percentage points higher", "better"),
        ("61.20", "63.45", "ratio", 2, "more/fewer", "", "down", "2.25 fewer", ""),
        ("14.5", "10.0", "days", 1, "longer/shorter", "lower", "up", "4.5 days longer", "worse"),
        ("40", "40", "count", 0, "more/fewer", "", "same", "the same as", ""),
    ],
)  # fmt: skip
def test_change_in_words_and_numbers(
    now, before, unit, decimals, words, better, direction, text, assessment
):
    got = wording.change(
        now, before, unit=unit, decimals=decimals, change_words=words, better=better
    )
    assert (got.direction, got.text, got.assessment) == (direction, text, assessment)


def test_relative_change_rounds_half_away_from_zero():
    # 1 / 8 = 12.5 %, 3 / 40 = 7.5 %
    assert wording.change("9", "8", unit="count", decimals=0, change_words="more/fewer").text == (
        "1 more (12.5%)"
    )
    assert wording.change("37", "40", unit="count", decimals=0, change_words="more/fewer").text == (
        "3 fewer (7.5%)"
    )


@pytest.mark.parametrize(("now", "before"), [("c", "40"), ("40", "c"), ("z", "c"), ("40", "z")])
def test_no_change_is_worked_out_from_a_suppressed_or_missing_value(now, before):
    got = wording.change(now, before, unit="count", decimals=0, change_words="more/fewer")
    assert got.direction == "" and not any(ch.isdigit() for ch in got.text)


def _sentence(value: str, before: str, period=FY) -> str:
    change = wording.change(value, before, unit="count", decimals=0, change_words="more/fewer")
    return wording.plain(
        wording.sentence(
            "{value} children were looked after on {end}",
            measure_id="cla_at_end",
            label="Children looked after at the end of the period",
            value=value,
            unit="count",
            period=period,
            change_=change,
            previous=period.previous(),
        )
    )


def test_the_sentence_of_the_issue():
    assert _sentence("831", "824") == (
        "831 children were looked after on 31 March 2017, 7 more (0.8%) than a year earlier."
    )
    assert _sentence("831", "830", MONTH) == (
        "831 children were looked after on 31 March 2017, 1 more (0.1%) than the month before."
    )


def test_a_suppressed_figure_is_named_never_numbered():
    text = _sentence("c", "824")
    assert text == ("Children looked after at the end of the period, in 2016-17: c (suppressed).")
    assert "824" not in text
    earlier = _sentence("12", "c")
    assert earlier.endswith("the figure for 2015-16 is suppressed (c).")
    assert "more" not in earlier and "fewer" not in earlier


def test_figures_in_a_sentence_are_marked_with_their_measure_and_period():
    change = wording.change("831", "824", unit="count", decimals=0, change_words="more/fewer")
    parts = wording.sentence(
        "{value} children were looked after on {end}", measure_id="cla_at_end", label="x",
        value="831", unit="count", period=FY, change_=change, previous=FY.previous(),
    )  # fmt: skip
    figure = [p for p in parts if p.kind == "figure"]
    assert [(p.text, p.measure_id, p.period_label) for p in figure] == [
        ("831", "cla_at_end", "2016-17")
    ]
    assert [p.period_label for p in parts if p.kind == "change"] == ["2015-16"]

from datetime import date

import pytest
from iro_warehouse import periods


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2017-03", "month", date(2017, 3, 1), date(2017, 3, 31)),
        ("2016-02", "month", date(2016, 2, 1), date(2016, 2, 29)),
        ("2016-17", "financial_year", date(2016, 4, 1), date(2017, 3, 31)),
        ("2011-12", "month", date(2011, 12, 1), date(2011, 12, 31)),
        ("FY2011-12", "financial_year", date(2011, 4, 1), date(2012, 3, 31)),
        ("1999-00", "financial_year", date(1999, 4, 1), date(2000, 3, 31)),
    ],
)
def test_parse(label, kind, start, end):
    p = periods.parse(label)
    assert (p.period_type, p.start, p.end) == (kind, start, end)


@pytest.mark.parametrize("label", ["2017-13", "2017", "17-03", "2016-18"])
def test_parse_rejects(label):
    with pytest.raises(ValueError, match=r"period|month"):
        periods.parse(label)


def test_latest_complete_periods():
    assert periods.latest_complete_month(date(2017, 6, 15)).label == "2017-05"
    assert periods.latest_complete_month(date(2017, 1, 1)).label == "2016-12"
    assert periods.latest_complete_financial_year(date(2017, 6, 15)).label == "2016-17"
    assert periods.latest_complete_financial_year(date(2017, 3, 31)).label == "2015-16"
    assert periods.latest_complete_financial_year(date(2017, 4, 1)).label == "2016-17"


def test_stepping_months_and_years():
    march = periods.parse("2017-03")
    assert march.previous().label == "2017-02"
    assert march.year_earlier().label == "2016-03"
    assert periods.parse("2017-01").previous().label == "2016-12"
    assert periods.parse("2016-17").previous().label == "2015-16"
    assert periods.parse("2016-17").year_earlier().label == "2015-16"
    assert march.shifted(10).label == "2018-01"


def test_months_ending_a_period_oldest_first():
    months = periods.parse("2016-17").months_ending(24)
    assert len(months) == 24
    assert (months[0].label, months[-1].label) == ("2015-04", "2017-03")
    assert [m.label for m in periods.parse("2016-02").months_ending(3)] == [
        "2015-12",
        "2016-01",
        "2016-02",
    ]


def test_a_period_is_final_only_after_it_ended():
    may = periods.parse("2017-05")
    assert not may.is_final_at(date(2017, 5, 31))
    assert may.is_final_at(date(2017, 6, 1))


def test_what_a_nightly_publishes_respects_the_reporting_start():
    labels = [p.label for p in periods.latest_complete(date(2017, 6, 15), date(2010, 4, 1))]
    assert labels == ["2017-05", "2016-17"]
    # a reporting start after the last complete financial year leaves it out
    assert [p.label for p in periods.latest_complete(date(2017, 6, 15), date(2017, 4, 1))] == [
        "2017-05"
    ]


def test_london_days_of_airflow_moments():
    import pendulum

    # 00:30 BST on 1 April is still 31 March in UTC
    moment = pendulum.datetime(2017, 3, 31, 23, 30, tz="UTC")
    assert periods.london_day(moment) == date(2017, 4, 1)
    assert periods.london_moment(date(2017, 6, 15), 2).isoformat() == "2017-06-15T02:00:00+01:00"

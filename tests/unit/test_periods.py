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

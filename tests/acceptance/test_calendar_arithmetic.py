"""The hand arithmetic behind the expected figures, checked without the warehouse.

The expected figures in this package rest on working-day and month sums done
by hand in the comments of ``fixture_case_system.py``. This module re-does
them with the ``holidays`` package (England) and plain Python, so that a
wrong hand sum shows up here and not as a false disagreement with the dbt
models. It needs no database and no DAG run.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import holidays
import pytest

ENGLAND = holidays.country_holidays("GB", subdiv="ENG", years=range(2013, 2019))


def add_working_days(d: date, n: int) -> date:
    while n:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in ENGLAND:
            n -= 1
    return d


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def test_rules_md_example():
    assert add_working_days(date(1970, 6, 2), 15) == date(1970, 6, 23)


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        ("2014-03-03", 20, "2014-03-31"),  # G1-G8 review 1
        ("2016-05-10", 20, "2016-06-08"),  # L1 review 1 (30 May)
        ("2016-05-10", 5, "2016-05-17"),  # L1 IRO allocation
        ("2016-06-01", 20, "2016-06-29"),  # L2
        ("2016-06-06", 20, "2016-07-04"),  # L21
        ("2016-07-01", 20, "2016-07-29"),  # L3
        ("2016-08-01", 20, "2016-08-30"),  # L4 (29 Aug)
        ("2016-08-01", 5, "2016-08-08"),  # L4 IRO allocation
        ("2016-10-03", 20, "2016-10-31"),  # L6
        ("2016-11-15", 20, "2016-12-13"),  # L7B
        ("2016-12-19", 20, "2017-01-19"),  # L8 (Christmas, New Year)
        ("2016-12-19", 5, "2016-12-28"),  # L8 IRO allocation
        ("2016-11-01", 20, "2016-11-29"),  # L9
        ("2015-09-01", 20, "2015-09-29"),  # L10
        ("2016-02-01", 20, "2016-02-29"),  # L11
        ("2016-09-30", 20, "2016-10-28"),  # L15
        ("2016-03-01", 20, "2016-03-31"),  # L16 (Easter)
        ("2017-04-03", 20, "2017-05-04"),  # L18 (Easter, 1 May)
        ("2017-04-03", 5, "2017-04-10"),  # L18 IRO allocation
        ("2017-05-02", 20, "2017-05-31"),  # L19 (29 May)
        ("2017-06-05", 20, "2017-07-03"),  # L20
        ("2017-06-05", 5, "2017-06-12"),  # L20 IRO allocation
        ("2017-03-01", 15, "2017-03-22"),  # C1, C2 ICPC
        ("2016-12-15", 15, "2017-01-10"),  # C6 ICPC (Christmas)
        ("2016-11-14", 15, "2016-12-05"),  # C8 ICPC
        ("2016-03-21", 15, "2016-04-13"),  # C9 ICPC (Easter)
        ("2017-04-20", 15, "2017-05-12"),  # C13 ICPC (1 May)
    ],
)
def test_working_day_sums(start, n, due):
    assert add_working_days(date.fromisoformat(start), n) == date.fromisoformat(due)


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        ("2016-11-30", 3, "2017-02-28"),  # L9 review 2, C8 review 1
        ("2016-06-08", 3, "2016-09-08"),  # L1 review 2
        ("2016-12-02", 6, "2017-06-02"),  # G8 review 8
        ("2016-11-20", 6, "2017-05-20"),  # G review 8
        ("2016-07-20", 6, "2017-01-20"),  # C9 review 2
        ("2017-03-31", -6, "2016-09-30"),  # E1 - 6 months (L15)
        ("2017-06-15", -6, "2016-12-15"),  # E2 - 6 months (L16)
        ("2017-03-31", -24, "2015-03-31"),  # E1 - 24 months
        ("2017-03-31", -30, "2014-09-30"),  # E1 - 30 months
        ("2017-06-15", -24, "2015-06-15"),  # E2 - 24 months (L14)
        ("2015-03-31", 24, "2017-03-31"),  # PLN10
        ("2015-04-01", 24, "2017-04-01"),  # PLN11
    ],
)
def test_month_sums(start, months, result):
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(result)


def test_days_to_resolve_and_medians():
    days = {
        "X16": ("2016-04-04", "2016-04-05"), "X1": ("2016-05-02", "2016-05-12"),
        "X2": ("2016-06-01", "2016-06-21"), "X3": ("2016-07-01", "2016-07-04"),
        "X4": ("2016-08-01", "2016-08-31"), "X5": ("2016-09-01", "2016-09-06"),
        "X6": ("2016-10-03", "2016-11-02"), "X7": ("2017-01-16", "2017-03-01"),
        "X8": ("2017-02-01", "2017-03-08"), "X9": ("2017-03-10", "2017-03-31"),
        "X14": ("2017-04-03", "2017-06-01"), "X12": ("2017-05-02", "2017-06-10"),
    }  # fmt: skip
    n = {k: (date.fromisoformat(b) - date.fromisoformat(a)).days for k, (a, b) in days.items()}
    assert n == {"X16": 1, "X1": 10, "X2": 20, "X3": 3, "X4": 30, "X5": 5, "X6": 30,
                 "X7": 44, "X8": 35, "X9": 21, "X14": 59, "X12": 39}  # fmt: skip

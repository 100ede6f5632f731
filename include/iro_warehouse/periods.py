"""Reporting periods: calendar months (``2017-03``) and financial years (``2016-17``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Period:
    period_type: str  # "month" | "financial_year"
    label: str
    start: date
    end: date

    @property
    def folder(self) -> str:
        return f"{self.period_type}/{self.label}"


def month(year: int, month_no: int) -> Period:
    start = date(year, month_no, 1)
    nxt = date(year + (month_no == 12), month_no % 12 + 1, 1)
    return Period("month", f"{year:04d}-{month_no:02d}", start, nxt - timedelta(days=1))


def financial_year(first_year: int) -> Period:
    return Period(
        "financial_year",
        f"{first_year:04d}-{(first_year + 1) % 100:02d}",
        date(first_year, 4, 1),
        date(first_year + 1, 3, 31),
    )


def parse(label: str) -> Period:
    """A period from its label: ``2017-03`` is a month, ``2016-17`` a financial year.

    ``2010-11`` and ``2011-12`` read as months; write ``FY2010-11`` for those years.
    """
    text = label.strip()
    is_fy = text.upper().startswith("FY")
    m = re.fullmatch(r"(\d{4})-(\d{2})", text[2:].strip() if is_fy else text)
    if not m:
        raise ValueError(f"{label!r} is not a period: use YYYY-MM (a month) or YYYY-YY (a year)")
    year, second = int(m.group(1)), int(m.group(2))
    if not is_fy and 1 <= second <= 12:
        return month(year, second)
    if second == (year + 1) % 100:
        return financial_year(year)
    raise ValueError(f"{label!r} is neither a month (YYYY-MM) nor a financial year (YYYY-YY)")


def financial_year_of(d: date) -> Period:
    return financial_year(d.year if d.month >= 4 else d.year - 1)


def latest_complete_month(extract_date: date) -> Period:
    """The last month that ended before the extract date."""
    first = extract_date.replace(day=1)
    prev = first - timedelta(days=1)
    return month(prev.year, prev.month)


def latest_complete_financial_year(extract_date: date) -> Period:
    fy = financial_year_of(extract_date)
    return financial_year(fy.start.year - 1)

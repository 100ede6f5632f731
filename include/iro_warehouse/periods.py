"""Reporting periods: calendar months (``2017-03``) and financial years (``2016-17``).

Month arithmetic is ``dateutil.relativedelta`` (calendar months, clamped to
the month's end); London is the time zone every date of a run is read in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pendulum
from dateutil.relativedelta import relativedelta

#: The time zone of the council: run dates, schedules and CLI dates are London days.
TIMEZONE = "Europe/London"


@dataclass(frozen=True, order=True)
class Period:
    period_type: str  # "month" | "financial_year"
    label: str
    start: date
    end: date

    @property
    def folder(self) -> str:
        return f"{self.period_type}/{self.label}"

    @property
    def key(self) -> tuple[str, str]:
        """``(period_type, period_label)``, as the warehouse's tables key a period."""
        return (self.period_type, self.label)

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` months (or financial years) later; earlier when negative."""
        if self.period_type == "month":
            return month_of(self.start + relativedelta(months=steps))
        return financial_year(self.start.year + steps)

    def previous(self) -> Period:
        """The month (or financial year) before."""
        return self.shifted(-1)

    def year_earlier(self) -> Period:
        """The same month a year earlier (for a financial year, the year before)."""
        return self.shifted(-12 if self.period_type == "month" else -1)

    def months_ending(self, count: int) -> list[Period]:
        """The ``count`` calendar months ending with the period's last month, oldest first."""
        last = month_of(self.end)
        return [last.shifted(-i) for i in reversed(range(count))]

    def is_final_at(self, extract_date: date) -> bool:
        """True when an extract of ``extract_date`` was taken after the period ended."""
        return extract_date > self.end


def month(year: int, month_no: int) -> Period:
    start = date(year, month_no, 1)
    end = start + relativedelta(months=1) - timedelta(days=1)
    return Period("month", f"{year:04d}-{month_no:02d}", start, end)


def month_of(day: date) -> Period:
    """The calendar month holding ``day``."""
    return month(day.year, day.month)


def financial_year(first_year: int) -> Period:
    return Period(
        "financial_year",
        f"{first_year:04d}-{(first_year + 1) % 100:02d}",
        date(first_year, 4, 1),
        date(first_year + 1, 3, 31),
    )


def financial_year_of(day: date) -> Period:
    """The financial year (1 April to 31 March) holding ``day``."""
    return financial_year(day.year if day.month >= 4 else day.year - 1)


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


def months_between(first: Period, last: Period) -> list[Period]:
    """The months from ``first`` to ``last``, both included."""
    if first.period_type != "month" or last.period_type != "month":
        raise ValueError("a range of months is given as YYYY-MM to YYYY-MM")
    if last.start < first.start:
        raise ValueError(f"{last.label} is before {first.label}")
    delta = relativedelta(last.start, first.start)
    return [first.shifted(i) for i in range(delta.years * 12 + delta.months + 1)]


def latest_complete_month(extract_date: date) -> Period:
    """The last month that ended before the extract date."""
    return month_of(extract_date).previous()


def latest_complete_financial_year(extract_date: date) -> Period:
    """The last financial year that ended before the extract date."""
    return financial_year_of(extract_date).previous()


def latest_complete(extract_date: date, reporting_start: date) -> list[Period]:
    """What a nightly run publishes: the latest complete month and financial year."""
    wanted = [latest_complete_month(extract_date), latest_complete_financial_year(extract_date)]
    return [p for p in wanted if p.end >= reporting_start]


def of_monthly_run(month_period: Period) -> list[Period]:
    """What the monthly run for a month publishes: the month, and its year after March."""
    if month_period.period_type != "month":
        raise ValueError(f"{month_period.label} is not a month")
    out = [month_period]
    if month_period.end.month == 3:
        out.append(financial_year_of(month_period.end))
    return out


def london_day(moment: datetime) -> date:
    """The London calendar day of a moment (an Airflow logical date)."""
    return pendulum.instance(moment).in_timezone(TIMEZONE).date()


def london_moment(day: date, hour: int) -> pendulum.DateTime:
    """``hour`` o'clock London time on ``day``."""
    return pendulum.datetime(day.year, day.month, day.day, hour, 0, tz=TIMEZONE)

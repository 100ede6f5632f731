"""Date arithmetic for the simulator: working days, months, birthdays.

Working days follow ``rules.md``: Monday to Friday and not an England and
Wales bank holiday (the ``holidays`` package, GB / ENG). The simulator uses the
same arithmetic as the warehouse so that "in time" in the generated data means
"in time" in the figures.
"""

from __future__ import annotations

import bisect
from datetime import date


class WorkCalendar:
    """Working-day arithmetic over a lazily extended range of years."""

    def __init__(self, first_year: int = 1975, last_year: int = 2045) -> None:
        self._first = first_year
        self._last = first_year - 1
        self._ordinals: list[int] = []  # sorted ordinals of working days
        self._extend(last_year)

    def _extend(self, last_year: int) -> None:
        import holidays

        if last_year <= self._last:
            return
        years = range(self._last + 1, last_year + 1)
        bank = {d.toordinal() for d in holidays.country_holidays("GB", subdiv="ENG", years=years)}
        first = date(years[0], 1, 1).toordinal()
        stop = date(last_year, 12, 31).toordinal()
        out = self._ordinals
        for o in range(first, stop + 1):
            # date.fromordinal(o).weekday() == (o + 6) % 7
            if (o + 6) % 7 < 5 and o not in bank:
                out.append(o)
        self._last = last_year

    def _ensure(self, d: date, margin_years: int = 2) -> None:
        if d.year + margin_years > self._last:
            self._extend(d.year + margin_years + 5)
        if d.year - 1 < self._first:
            raise ValueError(f"working-day calendar starts in {self._first}; {d} is too early")

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (``d`` itself never counts), n >= 0."""
        if n <= 0:
            return d
        self._ensure(d)
        i = bisect.bisect_right(self._ordinals, d.toordinal())
        return date.fromordinal(self._ordinals[i + n - 1])

    def on_or_before(self, d: date) -> date:
        """The latest working day on or before ``d``."""
        self._ensure(d)
        i = bisect.bisect_right(self._ordinals, d.toordinal())
        return date.fromordinal(self._ordinals[i - 1])

    def on_or_after(self, d: date) -> date:
        """The earliest working day on or after ``d``."""
        self._ensure(d)
        i = bisect.bisect_left(self._ordinals, d.toordinal())
        return date.fromordinal(self._ordinals[i])


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_len(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(d: date, n: int) -> date:
    """Calendar month arithmetic clamped to month end (31 Aug + 6 months = 28/29 Feb)."""
    m = d.month - 1 + n
    year = d.year + m // 12
    month = m % 12 + 1
    return date(year, month, min(d.day, _month_len(year, month)))


def birthday(dob: date, years: int) -> date:
    """The day a child born on ``dob`` turns ``years`` (29 Feb -> 1 Mar in non-leap years)."""
    year = dob.year + years
    if dob.month == 2 and dob.day == 29 and _month_len(year, 2) == 28:
        return date(year, 3, 1)
    return date(year, dob.month, dob.day)


def age_on(dob: date, d: date) -> int:
    """Age in whole years on ``d``, birthdays counted on the day."""
    age = d.year - dob.year
    if (d.month, d.day) < (dob.month, dob.day):
        age -= 1
    return age

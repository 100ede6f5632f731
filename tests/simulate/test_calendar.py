from datetime import date

from iro_warehouse.simulate.calendar import WorkCalendar, add_months, age_on, birthday


def test_working_days_example_from_rules() -> None:
    cal = WorkCalendar(1965, 1975)
    assert cal.add_working_days(date(1970, 6, 2), 15) == date(1970, 6, 23)


def test_working_days_skip_bank_holidays() -> None:
    cal = WorkCalendar()
    # Fri 22 Dec 2017 + 1 working day: Mon 25 and Tue 26 are bank holidays
    assert cal.add_working_days(date(2017, 12, 22), 1) == date(2017, 12, 27)
    assert cal.add_working_days(date(2017, 12, 22), 0) == date(2017, 12, 22)
    assert cal.on_or_before(date(2017, 12, 26)) == date(2017, 12, 22)
    assert cal.on_or_after(date(2017, 12, 23)) == date(2017, 12, 27)


def test_add_months_clamps() -> None:
    assert add_months(date(2017, 8, 31), 6) == date(2018, 2, 28)
    assert add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)
    assert add_months(date(2016, 11, 30), 3) == date(2017, 2, 28)
    assert add_months(date(2017, 4, 30), -6) == date(2016, 10, 30)


def test_birthdays() -> None:
    assert birthday(date(2000, 2, 29), 1) == date(2001, 3, 1)
    assert age_on(date(2000, 2, 29), date(2001, 2, 28)) == 0
    assert age_on(date(2000, 2, 29), date(2001, 3, 1)) == 1
    assert age_on(date(2001, 6, 15), date(2017, 6, 15)) == 16

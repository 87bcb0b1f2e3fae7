"""Due dates in Finnish working days: Monday–Friday that are not Finnish public holidays.

The `holidays` package knows the holidays and counts the working days; Christmas Eve and Midsummer Eve are
days off in it, as they are for the employment services.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=1)
def _finland():
    import holidays

    return holidays.Finland()  # fills in each year on first use


def is_working_day(day: dt.date) -> bool:
    return _finland().is_working_day(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself is not counted)."""
    if days <= 0:
        return start
    return _finland().get_nth_working_day(start, days)


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day `months` later; the month's last day when it is shorter (31.1. + 1 month = 28./29.2.)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier).

    Counted, not walked: the weekdays of the span by arithmetic, less the weekday holidays in it, found by
    bisection in each year's holiday list (computed once per year), so a list of thousands of referrals costs
    the same per referral whatever their dates."""
    if end < start:
        return -working_days_between(end, start)
    return _weekdays_before(end + dt.timedelta(days=1)) - _weekdays_before(start + dt.timedelta(days=1)) - sum(
        _weekday_holidays_between(year, start, end) for year in range(start.year, end.year + 1))


def _weekdays_before(day: dt.date) -> int:
    """Mondays to Fridays from 1.1.1 (a Monday) up to the day before `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest, 5)


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> tuple[dt.date, ...]:
    """The year's Mondays to Fridays that are days off, in order: the holiday calendar, computed once a year."""
    first = dt.date(year, 1, 1)
    days = (first + dt.timedelta(days=offset) for offset in range((dt.date(year + 1, 1, 1) - first).days))
    return tuple(day for day in days if day.weekday() < 5 and not is_working_day(day))


def _weekday_holidays_between(year: int, start: dt.date, end: dt.date) -> int:
    """Weekday holidays of `year` after `start` up to and including `end`."""
    days = _weekday_holidays(year)
    return bisect.bisect_right(days, end) - bisect.bisect_right(days, start)

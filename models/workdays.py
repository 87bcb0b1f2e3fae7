"""Due dates in Finnish working days: Monday–Friday that are not Finnish public holidays.

The `holidays` package knows the holidays and counts the working days; Christmas Eve and Midsummer Eve are
days off in it, as they are for the employment services.
"""

from __future__ import annotations

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
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end == start:
        return 0
    if end < start:
        return -working_days_between(end, start)
    return _finland().get_working_days_count(start + dt.timedelta(days=1), end)

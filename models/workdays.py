"""Due dates in Finnish working days: Monday–Friday that are not Finnish public holidays.

The `holidays` package knows the holidays and counts the working days; Christmas Eve and Midsummer Eve are
days off in it, as they are for the employment services.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import marshal
import os
from functools import lru_cache


@lru_cache(maxsize=1)
def _finland():
    import holidays

    return holidays.Finland()  # fills in each year on first use


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day.toordinal() not in _days_off(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself is not counted).

    Counted, not walked: `days` weekdays on by arithmetic, then on by as many weekdays as holidays fell in
    between, until none did; each step lands on or before the answer, so it ends there in a step or two."""
    if days <= 0:
        return start
    end = _add_weekdays(start, days)
    while (missing := days - working_days_between(start, end)) > 0:
        end = _add_weekdays(end, missing)
    return end


def _add_weekdays(start: dt.date, count: int) -> dt.date:
    """The `count`th Monday–Friday after `start`."""
    weekday = start.weekday()
    if weekday > 4:  # from a weekend day the count is the same as from the Friday before it
        start, weekday = start - dt.timedelta(days=weekday - 4), 4
    weeks, rest = divmod(count, 5)
    return start + dt.timedelta(days=7 * weeks + rest + (2 if weekday + rest > 4 else 0))


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
    return (
        _weekdays_before(end + dt.timedelta(days=1))
        - _weekdays_before(start + dt.timedelta(days=1))
        - sum(_weekday_holidays_between(year, start, end) for year in range(start.year, end.year + 1))
    )


def _weekdays_before(day: dt.date) -> int:
    """Mondays to Fridays from 1.1.1 (a Monday) up to the day before `day`."""
    weeks, rest = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(rest, 5)


def _weekday_holidays_between(year: int, start: dt.date, end: dt.date) -> int:
    """Weekday holidays of `year` after `start` up to and including `end`."""
    days = _weekday_holidays(year)
    return bisect.bisect_right(days, end.toordinal()) - bisect.bisect_right(days, start.toordinal())


# --- the holiday calendar, computed once ------------------------------------------------------------------------
# Each year's weekday days off, as day ordinals in order, worked out from the `holidays` package once and kept in
# the user cache (keyed by that package's files), so a command that counts working days does not even import it.


@lru_cache(maxsize=256)
def _days_off(year: int) -> frozenset[int]:
    return frozenset(_weekday_holidays(year))


@lru_cache(maxsize=1)
def _calendar() -> dict[int, tuple[int, ...]]:
    return _read_calendar()


def _weekday_holidays(year: int) -> tuple[int, ...]:
    calendar_by_year = _calendar()
    if year not in calendar_by_year:
        first = dt.date(year, 1, 1)
        days = (first + dt.timedelta(days=offset) for offset in range((dt.date(year + 1, 1, 1) - first).days))
        finland = _finland()
        calendar_by_year[year] = tuple(
            day.toordinal() for day in days if day.weekday() < 5 and not finland.is_working_day(day)
        )
        _write_calendar(calendar_by_year)
    return calendar_by_year[year]


def _calendar_file():
    import importlib.util

    from te_navigator.models.i18n import cache_dir

    spec = importlib.util.find_spec("holidays")
    origin = os.stat(spec.origin) if spec and spec.origin else None
    stamp = f"{origin.st_size}-{origin.st_mtime_ns}" if origin else "none"
    return cache_dir() / "holidays" / f"fi-{stamp}.marshal"


def _read_calendar() -> dict[int, tuple[int, ...]]:
    try:
        data = marshal.loads(_calendar_file().read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_calendar(calendar_by_year: dict[int, tuple[int, ...]]) -> None:
    path = _calendar_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(calendar_by_year))
        tmp.replace(path)
    except OSError:
        pass  # only costs the next command the time to work it out again

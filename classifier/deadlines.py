"""Legal deadlines in working days, skipping weekends and Vietnamese public holidays (Tết)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=32)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=[year - 1, year, year + 1])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def letter_deadlines(ngay_nhan: date | None) -> dict[str, str | None]:
    """Deadlines that run from the day a letter is received (LTCD Điều 28; TT 05/2021)."""
    if ngay_nhan is None:
        return {"xu_ly_don": None}
    return {"xu_ly_don": add_working_days(ngay_nhan, 10).isoformat()}

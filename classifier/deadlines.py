"""Legal deadlines in working days (weekends, public holidays and Tết excluded, substituted
working Saturdays included) and the time limit for filing a complaint, from the rules table
classifier/rules/deadlines.csv."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from classifier.rulebook import DeadlineRule

COUNTRY = "VN"
TIME_LIMIT_STEPS = ("thoi_hieu_khieu_nai", "thoi_hieu_khieu_nai_lan_hai")


@lru_cache(maxsize=1)
def _calendar() -> holidays.HolidayBase:
    # The calendar grows by itself to whatever years are asked about.
    return holidays.country_holidays(COUNTRY)


def is_working_day(day: date) -> bool:
    """Monday to Friday except public holidays (Tết included); a Saturday the Government
    made a working day in exchange for a bridge holiday counts."""
    return bool(_calendar().is_working_day(day))


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of receipt itself does not
    count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


@dataclass(frozen=True)
class Deadlines:
    dates: dict[str, str | None]  # step → ISO date, or "ok"/"qua_han" for the time limits
    reasons: tuple[str, ...]


def _applies(rule: DeadlineRule, loai_don: str, lan_khieu_nai: int | None) -> bool:
    if rule.applies_to == "*":
        return True
    if rule.applies_to == "khieu_nai_lan_hai":
        return loai_don == "khieu_nai" and lan_khieu_nai == 2
    if rule.step == "thoi_hieu_khieu_nai":
        return loai_don == rule.applies_to and lan_khieu_nai != 2
    return loai_don == rule.applies_to


def letter_deadlines(rules: Sequence[DeadlineRule], *, ngay_nhan: date | None, loai_don: str,
                     lan_khieu_nai: int | None = None,
                     decision_date: date | None = None) -> Deadlines:
    """Deadlines that run from the day the letter was received, and whether a complaint was
    filed within its time limit when the contested decision's date is known."""
    dates: dict[str, str | None] = {}
    reasons: list[str] = []
    for rule in rules:
        if not _applies(rule, loai_don, lan_khieu_nai):
            continue
        if rule.start == "ngay_nhan":
            if ngay_nhan is None:
                dates[rule.step] = None
            elif rule.working_days:
                dates[rule.step] = add_working_days(ngay_nhan, rule.days).isoformat()
            else:
                dates[rule.step] = (ngay_nhan + timedelta(days=rule.days)).isoformat()
            continue
        key = "thoi_hieu_khieu_nai" if rule.step in TIME_LIMIT_STEPS else rule.step
        if decision_date is None or ngay_nhan is None:
            dates.setdefault(key, None)
            continue
        limit = (add_working_days(decision_date, rule.days) if rule.working_days
                 else decision_date + timedelta(days=rule.days))
        late = ngay_nhan > limit
        dates[key] = "qua_han" if late else "ok"
        if late:
            reasons.append(
                f"Có thể đã quá thời hiệu khiếu nại {rule.days} ngày kể từ quyết định ngày "
                f"{decision_date:%d/%m/%Y} (hết hạn {limit:%d/%m/%Y}; {rule.citation}) — "
                "cần xác minh ngày người khiếu nại nhận được quyết định và lý do bất khả kháng")
    return Deadlines(dates=dates, reasons=tuple(reasons))

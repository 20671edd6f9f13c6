"""Deadlines in working days across weekends and Tết, and the complaint time limits."""

from __future__ import annotations

from datetime import date

import classifier
from classifier.deadlines import add_working_days, is_working_day, letter_deadlines
from classifier.rulebook import load_rules

RULES = load_rules(classifier.DEFAULT_RULES_DIR).deadlines


def test_tet_2026_and_its_weekends_are_not_working_days() -> None:
    # Tết Bính Ngọ: Monday 16 to Friday 20 February 2026, between two weekends.
    for day in range(14, 23):
        assert not is_working_day(date(2026, 2, day)), day
    assert is_working_day(date(2026, 2, 13)) and is_working_day(date(2026, 2, 23))


def test_ten_working_days_across_tet() -> None:
    # Received Thursday 12 Feb 2026: Fri 13 (1), then nothing until Mon 23 (2) ... Thu 5 Mar.
    assert add_working_days(date(2026, 2, 12), 10) == date(2026, 3, 5)


def test_working_days_skip_a_weekend() -> None:
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday → Monday
    assert add_working_days(date(2026, 3, 2), 10) == date(2026, 3, 16)


def test_a_substituted_saturday_is_a_working_day() -> None:
    # 2026: Monday 31 August is a bridge holiday, made up on Saturday 22 August.
    assert is_working_day(date(2026, 8, 22))
    assert not is_working_day(date(2026, 8, 31))
    assert add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)  # Fri → past 31/8, 1-2/9


def test_tet_2027_spans_a_new_year() -> None:
    assert add_working_days(date(2027, 2, 3), 1) == date(2027, 2, 11)


def test_letter_deadlines_by_type() -> None:
    received = date(2026, 2, 12)
    complaint = letter_deadlines(RULES, ngay_nhan=received, loai_don="khieu_nai")
    assert complaint.dates["xu_ly_don"] == "2026-03-05"
    assert complaint.dates["thu_ly_khieu_nai"] == "2026-03-05"
    denunciation = letter_deadlines(RULES, ngay_nhan=received, loai_don="to_cao")
    assert denunciation.dates["xu_ly_ban_dau_to_cao"] == "2026-03-02"  # 7 working days
    assert denunciation.dates["chuyen_don_to_cao"] == "2026-02-26"  # 5 working days
    assert "thu_ly_khieu_nai" not in denunciation.dates


def test_the_90_day_complaint_limit_is_checked_and_flagged() -> None:
    decided = date(2026, 1, 5)
    within = letter_deadlines(RULES, ngay_nhan=date(2026, 4, 5), loai_don="khieu_nai",
                              lan_khieu_nai=1, decision_date=decided)
    late = letter_deadlines(RULES, ngay_nhan=date(2026, 4, 6), loai_don="khieu_nai",
                            lan_khieu_nai=1, decision_date=decided)
    assert within.dates["thoi_hieu_khieu_nai"] == "ok" and not within.reasons
    assert late.dates["thoi_hieu_khieu_nai"] == "qua_han"
    assert "90 ngày" in late.reasons[0] and "Điều 9 Luật Khiếu nại" in late.reasons[0]


def test_a_second_complaint_has_30_days() -> None:
    late = letter_deadlines(RULES, ngay_nhan=date(2026, 2, 10), loai_don="khieu_nai",
                            lan_khieu_nai=2, decision_date=date(2026, 1, 5))
    assert late.dates["thoi_hieu_khieu_nai"] == "qua_han"
    assert "30 ngày" in late.reasons[0]


def test_unknown_dates_give_no_verdict() -> None:
    result = letter_deadlines(RULES, ngay_nhan=None, loai_don="khieu_nai")
    assert result.dates["xu_ly_don"] is None and result.dates["thoi_hieu_khieu_nai"] is None

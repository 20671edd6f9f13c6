"""Dates in every form letters use, and the one the writer put on the letter.

"ngày 5 tháng 9 năm 2025", "ngay 05 thang 09 nam 2025", "05/9/2025", "5-9-2025", "5.9.25".
The written date sits on a line of its own, alone or after the place ("Tư Nghĩa, ngày 5 tháng 9
năm 2025"); dates inside sentences are events, not the letter's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from classifier.extract.text import FoldedText, compile_vi

_WORDS = re.compile(
    r"ngay\s*(\d{1,2})\s*[,.]?\s*thang\s*(\d{1,2})\s*[,.]?\s*nam\s*(\d{4})"
)
_NUMERIC = re.compile(
    r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/.\-])"
)
# What may stand beside the date on its own line: a place name, "ngày", punctuation.
_PLACE_LINE = re.compile(r"^[a-z' .,\-()]*$")
# Words that make the date an event ("cấp ngày", "từ ngày", "hạn đến") rather than the
# letter's own date; accent-aware, since places are named "Kỳ Anh", "Bình Lục", "Măng Đen".
_EVENT_WORDS = compile_vi(
    r"\b(?:cấp|sinh|đến|vào|lúc|hôm|tới|kể|trước|sau|hạn|hết|ký|số|quyết định|từ ngày"
    r"|ngày ngày)(?!\w)"
)
MAX_PLACE_WORDS = 6


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date


def _make(day: str, month: str, year: str) -> date | None:
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    if not 1990 <= full_year <= 2100:
        return None
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        return None


def find_dates(folded: str, start: int = 0, end: int | None = None) -> list[FoundDate]:
    """Every valid date in folded[start:end], in order of appearance."""
    stop = len(folded) if end is None else end
    found: list[FoundDate] = []
    for match in _WORDS.finditer(folded, start, stop):
        value = _make(*match.groups())
        if value:
            found.append(FoundDate(match.start(), match.end(), value))
    for match in _NUMERIC.finditer(folded, start, stop):
        day, _, month, year = match.groups()
        value = _make(day, month, year)
        if value and not any(f.start <= match.start() < f.end for f in found):
            found.append(FoundDate(match.start(), match.end(), value))
    return sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> date | None:
    """The first date written in a piece of text, or None."""
    found = find_dates(FoldedText(text).folded)
    return found[0].value if found else None


def _is_date_line(letter: FoldedText, found: FoundDate) -> bool:
    line = letter.line_at(found.start)
    before, after = found.start - line.start, found.end - line.start

    def beside(view: str) -> str:
        text = view[line.start:line.end]
        rest = (text[:before] + " " + text[after:]).strip().rstrip(" ,.")
        return re.sub(r"\b(?:ngay|ngày)\s*$", "", rest).strip()

    rest = beside(letter.folded)
    view, events = letter.view(_EVENT_WORDS)
    return (bool(_PLACE_LINE.match(rest)) and len(rest.split()) <= MAX_PLACE_WORDS
            and not events.search(beside(view)))


def find_date_written(letter: FoldedText) -> date | None:
    """The date the writer put on the letter: the last date standing on its own line (alone or
    after the place), else None — dates inside sentences are events, not the letter's date."""
    candidates = [f for f in find_dates(letter.folded) if _is_date_line(letter, f)]
    return candidates[-1].value if candidates else None

"""Split a stack of pages into letters: blank separator sheets and first-page cues."""

from __future__ import annotations

import re
import unicodedata

from ocr.models import Letter, Page

_MOTTO = re.compile(r"c[oộ]ng\s*h[oòóà]a\s*x[aã]\s*h[oộ]i\s*ch[uủ]\s*ngh[iĩ]a", re.IGNORECASE)
_TITLE = re.compile(
    r"^\s*(đơn|don|ĐƠN|DON)\s+(khiếu|khieu|tố|to|kiến|kien|đề|de|phản|phan|xin|trình|trinh)",
    re.IGNORECASE | re.MULTILINE,
)
_KINH_GUI = re.compile(r"k[ií]nh\s*g[uử]i", re.IGNORECASE)


def _head(text: str, lines: int = 12) -> str:
    return "\n".join(text.strip().splitlines()[:lines])


def first_page_score(page: Page) -> float:
    """How strongly a page looks like the first page of a letter (0-1)."""
    head = unicodedata.normalize("NFC", _head(page.text))
    score = 0.0
    if _MOTTO.search(head):
        score += 0.6
    if _TITLE.search(head):
        score += 0.3
    if _KINH_GUI.search(_head(page.text, 25)):
        score += 0.2
    return min(score, 1.0)


def is_blank(page: Page) -> bool:
    """A separator sheet: (almost) no letters read."""
    return sum(ch.isalpha() for ch in page.text) < 15


def split_letters(pages: tuple[Page, ...]) -> tuple[Letter, ...]:
    """Group consecutive pages into letters; blank pages separate and are dropped."""
    groups: list[tuple[list[Page], float]] = []
    current: list[Page] = []
    current_conf = 1.0
    after_blank = False
    for page in pages:
        if is_blank(page):
            if current:
                groups.append((current, current_conf))
                current, current_conf = [], 1.0
            after_blank = True
            continue
        score = first_page_score(page)
        if current and score >= 0.6:
            groups.append((current, current_conf))
            current, current_conf = [], score
        elif not current:
            current_conf = 1.0 if after_blank or not groups else max(score, 0.5)
        current.append(page)
        after_blank = False
    if current:
        groups.append((current, current_conf))
    if not groups:  # every page blank: keep them as one (empty) letter, flagged downstream
        return (Letter(pages=pages, first_page=pages[0].number if pages else 1,
                       boundary_confidence=1.0),) if pages else ()
    return tuple(
        Letter(pages=tuple(group), first_page=group[0].number, boundary_confidence=conf)
        for group, conf in groups
    )

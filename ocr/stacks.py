"""Split a stack of pages into letters: on blank separator sheets and on first-page cues.

A first page carries the national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), a title line
("ĐƠN KHIẾU NẠI") or the addressee ("Kính gửi") near its top; a continuation page starts
mid-sentence or with a page number. Matching ignores case and diacritics, so a misread mark
does not hide a cue.
"""

from __future__ import annotations

import re
import unicodedata

from ocr.models import Letter, Page

_MOTTO = re.compile(r"cong\s*hoa\s*xa\s*hoi|chu\s*nghia\s*viet\s*nam|doc\s*lap\W+tu\s*do")
_TITLE = re.compile(
    r"^\W*(don|thu|ban)\s+(khieu|to|kien|de|phan|xin|trinh|yeu|kinh|tuong|cau|ngan|bao)\w*",
    re.MULTILINE,
)
_KINH_GUI = re.compile(r"kinh\s*gui")
_PAGE_NUMBER = re.compile(r"^\W*(trang\s*\d+|-\s*\d+\s*-|\d+\s*/\s*\d+)\W*$", re.MULTILINE)
_SIGN_OFF = re.compile(
    r"nguoi\s*(khieu\s*nai|to\s*cao|kien\s*nghi|phan\s*anh|lam\s*don|viet\s*don|de\s*nghi)"
    r"|ky\W+ghi\s*ro\s*ho\s*ten|tm\.?\s*(ban|nhom|cac\s*ho)|xin\s*tran\s*trong\s*cam\s*on"
)
# A page scoring this much starts a new letter.
FIRST_PAGE_THRESHOLD = 0.5


def _fold(text: str) -> str:
    """Lower case without diacritics (đ → d), for matching cues through OCR slips."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _lines(text: str) -> list[str]:
    return [line for line in text.strip().splitlines() if line.strip()]


def first_page_score(page: Page, previous: Page | None = None) -> float:
    """How strongly a page looks like the first page of a letter (0-1)."""
    lines = _lines(page.text)
    head = "\n".join(lines[:8])
    top, upper_head = _fold(head), _fold("\n".join(lines[:16]))
    score = 0.0
    if _MOTTO.search(top):
        score += 0.6
    titles = [line for line in lines[:16] if line.isupper() and _TITLE.search(_fold(line))]
    if titles:
        score += 0.4
    if _KINH_GUI.search(top):
        score += 0.5
    elif _KINH_GUI.search(upper_head):
        score += 0.3
    if previous is not None and previous.text and _SIGN_OFF.search(
            _fold("\n".join(_lines(previous.text)[-12:]))):
        score += 0.2
    if _PAGE_NUMBER.search(_fold("\n".join(lines[:2]))):
        score -= 0.5
    if lines and lines[0][:1].islower():
        score -= 0.3  # the page goes on with a sentence begun on the one before
    return max(0.0, min(score, 1.0))


def is_separator(page: Page) -> bool:
    """A blank sheet between letters (a page that needs transcription is not blank)."""
    if page.needs_transcription:
        return False
    return page.blank or sum(ch.isalpha() for ch in page.text) < 15


def split_letters(pages: tuple[Page, ...]) -> tuple[Letter, ...]:
    """Group consecutive pages into letters; blank pages separate and are dropped.

    Each letter's boundary_confidence says how sure its first page is a first page: 1.0 at
    the start of the file or after a separator sheet, else the cue score.
    """
    groups: list[tuple[list[Page], float]] = []
    current: list[Page] = []
    confidence = 1.0
    previous: Page | None = None
    for page in pages:
        if is_separator(page):
            if current:
                groups.append((current, confidence))
            current, confidence, previous = [], 1.0, None
            continue
        if current:
            score = first_page_score(page, previous)
            if score >= FIRST_PAGE_THRESHOLD:
                groups.append((current, confidence))
                current, confidence = [], score
        current.append(page)
        previous = page
    if current:
        groups.append((current, confidence))
    if not groups:  # every page blank: one (empty) letter, flagged downstream
        return (Letter(pages=pages, first_page=pages[0].number),) if pages else ()
    return tuple(
        Letter(pages=tuple(group), first_page=group[0].number, boundary_confidence=conf)
        for group, conf in groups
    )

"""Who wrote the letter: the writer, a collective letter's representatives and signatories,
and whether the letter is named, anonymous or written in someone else's name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from classifier.extract.names import is_name_line, name_at
from classifier.extract.text import FoldedText, compile_folded, compile_vi, fold

_ROLES = r"(?:khieu nai|to cao|to giac|kien nghi|phan anh|de nghi|viet don|lam don|gui don)"
_AFTER_CUE = (r"(?![a-z0-9])[ \t]*:?[ \t]*(?:\n[ \t]*)?(?:[-–•+]|\d{1,2}[.)])?[ \t]*"
              r"(?P<honorific>(?:ong|ba|anh|chi|co|chu|bac|em|cu|thay|di|luat su)\b[ \t]*)?")
# The writer introduces themself: "Tôi tên là", "Họ và tên:", "Người khiếu nại:".
_STRONG_INTRO = compile_folded(
    r"(?:\btoi(?: (?:ten|ky ten|dung ten))?(?: la)?|\b(?:em|chau)(?: ten)? la"
    r"|\bho (?:va )?ten(?: nguoi " + _ROLES + r")?"
    r"|\bnguoi (?:" + _ROLES[3:-1] + r"|dung ten don|dung don|yeu cau)"
    r"|\bten nguoi " + _ROLES + r")" + _AFTER_CUE
)
# A collective letter or an organisation names who speaks for it.
_WEAK_INTRO = compile_folded(
    r"(?:\b(?:cu (?:\d+ )?)?(?:nguoi )?dai dien(?! theo uy quyen)(?: la| cho)?"
    r"(?:[^:\n.()]{0,40}:)?|\bnguoi lien he|\bchung toi (?:la|gom)|\b(?:gom|cua) cac ho"
    r"|\bgiam doc|\bchu nhiem|\bcu(?= (?:ong|ba|anh|chi) ))" + _AFTER_CUE
)
# "... đại diện theo ủy quyền của bà Hoàng Thị Bảo Ngọc": the person represented.
_PRINCIPAL = compile_folded(r"\buy quyen (?:cua|cho)" + _AFTER_CUE)
# A lawyer or other person authorised by the complainant writes for them.
_AUTHORISED = compile_folded(r"\b(?:dai dien theo uy quyen|theo (?:giay )?uy quyen|uy quyen)\b")
_LAWYER = compile_folded(r"\bluat su[ \t]+")
_HONORIFICS_ACCENTED = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "bác", "em", "cụ",
                                  "thầy", "dì", "luật sư"})
# The heading of a signature list ("DANH SÁCH CÁC HỘ KÝ TÊN", "Các hộ ký tên:", "Ký tên: ...",
# "Những người tố giác:", "Đại diện phụ huynh:").
_SIGNATURE_HEADING = compile_folded(
    r"(?:^|\n)[ \t]*(?:[^\n]{0,60}\bky ten\b[^\n:]{0,30}|danh sach (?:cac |nhung )?"
    r"(?:ho|nguoi|cong dan|cu tri|hoc sinh|phu huynh|ngu dan|tieu thuong|cong nhan)[^\n]{0,60}"
    r"|cac (?:ho|nguoi)[^\n:]{0,30}(?:ky|dong ky)[^\n:]{0,20}|dai dien[^\n]{0,40}:"
    r"|(?:nhung |cac )?nguoi (?:to cao|to giac|khieu nai|kien nghi|de nghi|viet don)[^\n:]{0,20})"
    r"[ \t]*:?[ \t]*"
)
_LIST_ITEM = re.compile(r"^[ \t]*(?:\d{1,3}[.)/]|[-–•+])[ \t]*", re.MULTILINE)
_ANONYMOUS = compile_vi(
    r"\b(?:xin (?:phép )?(?:giấu|dấu|không ghi|không để|không nêu) tên|không (?:dám )?ghi tên"
    r"|giấu tên|nặc danh)\b"
)
# Signs that the named writer did not write or sign the letter.
_IMPERSONATED = compile_vi(
    r"\b(?:mạo danh|mượn tên|(?:để|ghi|lấy|dùng|mượn) tên (?:ông|bà|anh|chị|bác|người khác)"
    r"|ký thay|ghi tên thay|(?:viết|ký) (?:và ký )?tên (?:anh|ông|bà|chị|bác) "
    r"|không (?:hề )?biết (?:ai viết|việc (?:này|viết đơn)|về (?:lá )?đơn)|chưa biết việc này"
    r"|không (?:viết|ký) (?:đơn|tên)|không phải (?:chữ ký|tên thật|của ông|của bà)"
    r"|không phải tôi (?:viết|ký)|chữ ký (?:trong đơn )?(?:không giống|do cùng))"
)
# What may follow a signature on its line: nothing, a comma or dash and contact details, or a
# wide gap and a second signature set beside it.
_SIGNATURE_TAIL = re.compile(r"^(?:[ \t]*$|[ \t]*[,–\-(]|\s+-\s|[ \t]{2,}|\t)")
_SIGNATURE_PREFIX = compile_folded(r"^(?:luat su|ong|ba|tm\.?|t/m|ky ten|nguoi viet don)\b[ \t:]*")
_DATE_LIKE = re.compile(r"\d{1,2}[/.\-]\d{1,2}|ngay \d|thang \d")
SIGNATURE_LINES = 8


@dataclass(frozen=True)
class People:
    writer: str | None
    danh_tinh: str  # co_ten | nac_danh | mao_danh
    representatives: tuple[str, ...]
    signatories: int
    intro_at: int = 0  # where the writer introduces themself (the address follows)


def _name_after_cue(letter: FoldedText, match: re.Match[str]) -> str | None:
    """The name a cue introduces; a capitalised "Chu"/"Cù" that only looks like the honorific
    "chú"/"cụ" is the surname."""
    honorific = match.group("honorific")
    if honorific:
        start = match.start("honorific")
        written = letter.original[start: match.end("honorific")].strip().lower()
        if written[:1] and written not in _HONORIFICS_ACCENTED and \
                letter.original[start].isupper() and written != honorific.strip():
            as_surname = name_at(letter.original, start)
            if as_surname:
                return as_surname
    return name_at(letter.original, match.end())


def _intro_names(letter: FoldedText, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for match in letter.finditer(pattern):
        name = _name_after_cue(letter, match)
        if name:
            found.append((match.start(), name))
    return found


def _authorised_writer(letter: FoldedText) -> tuple[int, str] | None:
    """A lawyer acting under a power of attorney is the one who writes."""
    for match in letter.finditer(_LAWYER):
        name = name_at(letter.original, match.end())
        window = letter.folded[max(0, match.start() - 80): match.end() + 200]
        if name and _AUTHORISED.search(window):
            return match.start(), name
    return None


def _signature_list(letter: FoldedText) -> list[str]:
    """Names of the signature list closing the letter, in order, each person once."""
    headings = list(letter.finditer(_SIGNATURE_HEADING))
    names: list[str] = []
    if headings:
        last = headings[-1]
        helper = _helper_column(letter.original, last.start(), last.end())
        names = _names_after(letter.original, last.end(), skip_column=helper)
    if len(names) < 2:
        names = _bare_signature_block(letter.original)
    # "Bé Ba" above "Trần Thị Bé Ba" is one person signing twice.
    names = [n for n in dict.fromkeys(names)
             if not any(n != other and other.endswith(" " + n) for other in names)]
    return names if len(names) >= 2 else []


_HELPER = compile_folded(r"\b(?:viet (?:don )?thay|ghi thay|viet ho|viet giup)\b")


def _helper_column(text: str, start: int, end: int) -> int | None:
    """The column of a signature block headed "Người viết (đơn) thay": whoever wrote for an
    illiterate complainant signs beside them but is not a complainant."""
    line_start = text.rfind("\n", 0, end) + 1
    line_end = text.find("\n", end)
    heading = fold(text[line_start: len(text) if line_end < 0 else line_end])
    for index, cell in enumerate(_CELL_SEPARATOR.split(heading.strip())):
        if _HELPER.search(cell):
            return index
    return None


def _bare_signature_block(text: str) -> list[str]:
    """Several signatures closing the letter without a heading: one per line, or the rows of
    a table ("1 | Ngô Văn Tới | tổ 2 | (đã ký)")."""
    names: list[str] = []
    for line in reversed(text.rstrip().splitlines()):
        if not line.strip():
            break
        item = _LIST_ITEM.sub("", line, count=1).strip()
        found = ([item.strip(" \t.-–•*")] if is_name_line(item)
                 else _names_in_line(line) if "|" in line else [])
        if not found:
            break
        names[:0] = found
    return names if len(names) >= 2 else []


_CELL_SEPARATOR = re.compile(r"[ \t]*\|[ \t]*|\t+|[ ]{2,}")
HEADER_LINES = 2  # lines a list may open with before its first name ("STT | Họ tên | ...")


def _names_in_line(line: str) -> list[str]:
    """Names of one line of a signature list: a numbered entry, a table row, signatures set
    side by side, or several names separated by commas."""
    cells = [_LIST_ITEM.sub("", c, count=1).strip(" \t.-–•*") for c in _CELL_SEPARATOR.split(line)]
    whole = [c for c in cells if c and is_name_line(c)]
    if len(whole) > 1 or (whole and len(cells) > 1):
        return whole
    inline = [n for part in re.split(r"[,;]| và ", line)
              if (n := name_at(_LIST_ITEM.sub("", part.strip(), count=1).strip(" \t.-–"), 0))]
    if len(inline) >= 2:
        return inline
    first = next((c for c in cells if c), "")
    name = name_at(first, 0)
    return [name] if name else []


def _names_after(text: str, position: int, *, skip_column: int | None = None) -> list[str]:
    """The list of names starting at position (the rest of the heading's line included)."""
    names: list[str] = []
    skipped = blank_run = 0
    for line in text[position:].split("\n"):
        if not line.strip():
            blank_run += 1
            if names and blank_run > 1:
                break
            continue
        blank_run = 0
        if skip_column is not None:
            cells = _CELL_SEPARATOR.split(line.strip())
            line = "  ".join(c for i, c in enumerate(cells) if i != skip_column)
        found = _names_in_line(line)
        if not found:
            skipped += 1
            if names or skipped > HEADER_LINES:
                break
            continue
        names.extend(found)
    return names


def _signature_name(letter: FoldedText) -> str | None:
    """The writer's name opening one of the last lines (the signature), alone or followed by
    a comma or dash ("Lữ Thị Hạnh – sđt 0962 015 437")."""
    for line in reversed(letter.original.rstrip().splitlines()[-SIGNATURE_LINES:]):
        stripped = line.strip(" \t.-–•*")
        prefix = _SIGNATURE_PREFIX.match(fold(stripped))
        if prefix:
            stripped = stripped[prefix.end():]
        name = name_at(stripped, 0)
        if name and _SIGNATURE_TAIL.match(stripped[len(name):]) and \
                not _DATE_LIKE.search(fold(stripped)):
            return name
    return None


def find_people(letter: FoldedText) -> People:
    """Writer, identity status, representatives and the number of signatories."""
    strong = _intro_names(letter, _STRONG_INTRO) + _intro_names(letter, _PRINCIPAL)
    weak = _intro_names(letter, _WEAK_INTRO)
    authorised = _authorised_writer(letter)
    signed = _signature_list(letter)
    signature = _signature_name(letter)
    introduced = sorted(strong) + ([authorised] if authorised else []) + weak
    # Whoever signs wrote the letter; otherwise who introduces themself, then the lawyer acting
    # for them, then a representative, then the first signature.
    chosen = next((c for c in introduced if c[1] == signature), None) or \
        (introduced[0] if introduced else None)
    writer = chosen[1] if chosen else (signed[0] if signed else signature)
    intro_at = min((c[0] for c in introduced if c[1] == writer), default=0)
    signatories = max(1, len(signed))
    if writer and letter.search_vi(_IMPERSONATED):
        return People(writer, "mao_danh", (), signatories, intro_at)
    if writer is None or (letter.search_vi(_ANONYMOUS) and not strong and not signed):
        return People(None, "nac_danh", (), 0)
    representatives = _representatives(letter) if len(signed) > 1 else ()
    return People(writer, "co_ten", representatives, signatories, intro_at)


_REPRESENTATIVE_CUE = compile_folded(
    r"\b(?:(?:nguoi )?dai dien(?! theo phap luat| theo uy quyen)(?: lien he| cac ho| la)?"
    r"[^\n.:]{0,40}?:?|nguoi lien he ?:?)\s*"
)
_HONORIFIC_BEFORE = compile_folded(r"(?:^|[\s(,;:])(?:ong|ba|anh|chi|co|chu|bac) $")
# A name may also follow a list marker at the start of a line, or a comma, semicolon or "và".
_ITEM_BEFORE = re.compile(r"(?:(?:^|\n)[ \t]*(?:\d{1,2}[.)]|[-–•+])|[,;]|\bva)[ \t]*$")


def _segment_end(text: str, start: int) -> int:
    """Where the passage starting at `start` ends: a blank line, or a full stop outside
    brackets followed by a new sentence."""
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "\n" and text[i + 1: i + 2] == "\n":
            return i
        elif ch == "." and depth == 0 and text[i + 1: i + 2] in ("\n", " ", ""):
            if re.search(r"(?:^|\n)[ \t]*\d{1,2}$", text[max(0, i - 4): i]):
                continue  # the "1." of a numbered list
            following = text[i + 1:].lstrip()
            if not following or not following[0].isdigit():
                return i
    return len(text)


def _representatives(letter: FoldedText) -> tuple[str, ...]:
    """Names after "đại diện" / "người liên hệ": each introduced by ông/bà/anh/chị, a list
    marker or a comma."""
    for cue in letter.finditer(_REPRESENTATIVE_CUE):
        start = cue.end()
        end = _segment_end(letter.original, start)
        after_colon = letter.folded[cue.start():start].rstrip().endswith(":")
        names: list[str] = []
        for position in range(start, end):
            if position > start and letter.original[position - 1].isalnum():
                continue
            before = letter.folded[max(start, position - 12): position]
            if not ((position == start and after_colon) or _HONORIFIC_BEFORE.search(before)
                    or _ITEM_BEFORE.search(before)):
                continue
            name = name_at(letter.original, position)
            if name and name not in names:
                names.append(name)
        if names:
            return tuple(names)
    return ()

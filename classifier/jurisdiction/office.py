"""The receiving office's own jurisdiction: a provincial Citizen Reception Board by default
(it proposes for the provincial chairman), or a commune or a department by configuration."""

from __future__ import annotations

from classifier.config import OfficeConfig
from classifier.extract.text import fold

OFFICE_JURISDICTION = {"tinh": "ubnd_tinh", "xa": "ubnd_xa", "so": "so_nganh"}


def _same_place(name: str | None, body: str | None) -> bool:
    """Whether a configured office name ("UBND phường Tân An", "Sở Y tế") is the body named
    ("Chủ tịch UBND phường Tân An"). An office without a name accepts any body of its level;
    one with a name only a body known to be itself."""
    if not name:
        return True
    if not body:
        return False
    wanted = fold(name).replace("ubnd", "").replace("uy ban nhan dan", "").strip()
    return wanted in fold(body)


def within_jurisdiction(tham_quyen: str, *, province: str | None, body: str | None,
                        office: OfficeConfig) -> bool:
    """True when the competent body is the office itself (or the chairman it proposes for)."""
    if OFFICE_JURISDICTION.get(office.level) != tham_quyen:
        return False
    if office.province and province and office.province != province:
        return False
    return office.level == "tinh" or _same_place(office.name, body)


def is_default_office(office: OfficeConfig, province: str | None) -> bool:
    """The office the trained handling head learned: the board of the letter's own province."""
    return office.level == "tinh" and (office.province is None or province is None
                                       or office.province == province)

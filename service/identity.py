"""Protection of denouncers (LTC Điều 47): identities held apart and masked for most roles."""

from __future__ import annotations

import re
from typing import Any

from service.models import Identity

MASK = "[đã che]"
IDENTITY_KEYS = ("nguoi_viet", "dia_chi", "cccd", "dien_thoai", "nguoi_dai_dien")
_LIST_KEYS = ("cccd", "dien_thoai", "nguoi_dai_dien")
PROTECTED_LOAI_DON = "to_cao"


def split_identity(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(fields without the identity, the identity) — the two are stored in different tables."""
    working = dict(fields)
    identity = {key: working.pop(key, None) for key in IDENTITY_KEYS}
    for key in _LIST_KEYS:
        identity[key] = list(identity[key] or [])
    for key in IDENTITY_KEYS:
        working[key] = [] if key in _LIST_KEYS else None
    return working, identity


def identity_dict(identity: Identity | None) -> dict[str, Any]:
    if identity is None:
        return {key: [] if key in _LIST_KEYS else None for key in IDENTITY_KEYS}
    return {"nguoi_viet": identity.nguoi_viet, "dia_chi": identity.dia_chi,
            "cccd": list(identity.cccd), "dien_thoai": list(identity.dien_thoai),
            "nguoi_dai_dien": list(identity.nguoi_dai_dien)}


def store_identity(identity: Identity, values: dict[str, Any]) -> None:
    identity.nguoi_viet = values.get("nguoi_viet")
    identity.dia_chi = values.get("dia_chi")
    identity.cccd = list(values.get("cccd") or [])
    identity.dien_thoai = list(values.get("dien_thoai") or [])
    identity.nguoi_dai_dien = list(values.get("nguoi_dai_dien") or [])


def masked_identity(values: dict[str, Any]) -> dict[str, Any]:
    """The same shape, every present value replaced by MASK."""
    masked: dict[str, Any] = {}
    for key, value in values.items():
        if key in _LIST_KEYS:
            masked[key] = [MASK for _ in value or []]
        else:
            masked[key] = MASK if value else value
    return masked


def mask_text(text: str, values: dict[str, Any]) -> str:
    """text with every occurrence of the identity's name, address, ID and phone numbers masked."""
    for pattern in _patterns(values):
        text = pattern.sub(MASK, text)
    return text


def _patterns(values: dict[str, Any]) -> list[re.Pattern[str]]:
    words: list[str] = []
    for key in ("dia_chi", "nguoi_viet"):  # the address first: it may contain the name
        if values.get(key):
            words.append(str(values[key]))
    words.extend(str(name) for name in values.get("nguoi_dai_dien") or [])
    patterns = [re.compile(r"\s+".join(map(re.escape, w.split()))) for w in words if w.strip()]
    numbers = [*(values.get("cccd") or []), *(values.get("dien_thoai") or [])]
    for number in numbers:
        digits = re.sub(r"\D", "", str(number))
        if digits:
            # Numbers are written with spaces, dots or dashes between groups: "0912 447 093".
            patterns.append(re.compile(r"[\s.\-]?".join(digits)))
    return patterns

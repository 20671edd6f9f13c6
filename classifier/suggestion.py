"""The suggestion: the one JSON shape of DESIGN.md, shared by CLI, API and batch output."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Decision:
    """A referenced decision: number and symbol, date (ISO) and issuer."""

    so: str
    ngay: str | None = None
    co_quan: str | None = None


@dataclass(frozen=True)
class Fields:
    """Facts extracted from the letter (LABELS.md, "Flags and fields")."""

    nguoi_viet: str | None = None
    danh_tinh: str = "co_ten"
    so_nguoi_ky: int = 1
    nguoi_dai_dien: tuple[str, ...] = ()
    ngay_viet: str | None = None
    ngay_nhan: str | None = None
    dia_chi: str | None = None
    tinh: str | None = None
    cccd: tuple[str, ...] = ()
    dien_thoai: tuple[str, ...] = ()
    kinh_gui: tuple[str, ...] = ()
    quyet_dinh: tuple[Decision, ...] = ()
    lan_khieu_nai: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("nguoi_dai_dien", "cccd", "dien_thoai", "kinh_gui"):
            data[key] = list(data[key])
        data["quyet_dinh"] = [asdict(d) for d in self.quyet_dinh]
        return data


@dataclass(frozen=True)
class Flags:
    to_giac_toi_pham: bool = False
    tranh_chap: bool = False
    nhieu_noi_dung: bool = False
    needs_transcription: bool = False
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """Everything donthu proposes for one letter; officers confirm or correct it."""

    loai_don: str
    cac_noi_dung: tuple[str, ...]
    tham_quyen: str
    co_quan: str | None
    xu_ly: str
    linh_vuc: str
    flags: Flags
    confidence: dict[str, float]
    abstain: bool
    fields: Fields
    deadlines: dict[str, str | None] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    model_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The DESIGN.md JSON shape, key order included."""
        return {
            "loai_don": self.loai_don,
            "cac_noi_dung": list(self.cac_noi_dung),
            "tham_quyen": self.tham_quyen,
            "co_quan": self.co_quan,
            "xu_ly": self.xu_ly,
            "linh_vuc": self.linh_vuc,
            "flags": asdict(self.flags),
            "confidence": {k: round(v, 3) for k, v in self.confidence.items()},
            "abstain": self.abstain,
            "fields": self.fields.to_dict(),
            "deadlines": dict(self.deadlines),
            "reasons": list(self.reasons),
            "model_version": self.model_version,
        }

"""What the API returns for letters and cases, with the writer's identity masked where the law
requires it (a denunciation, shown to a role not entitled to its denouncer's identity)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from service.identity import PROTECTED_LOAI_DON, identity_dict, mask_text, masked_identity
from service.models import CaseRecord, Identity, Letter, Suggestion

SUMMARY_CHARS = 200
OPENING_CHARS = 1000  # read from the database for a summary (whitespace shrinks when flattened)
CUT_MARGIN = 200  # longer than any name, address or number that masking must see whole


@dataclass(frozen=True)
class QueueRow:
    """What one review-queue line needs, read in one query."""

    letter: Letter
    suggestion: Suggestion
    identity: Identity | None
    case_loai_don: str | None
    opening: str  # the first OPENING_CHARS characters of the letter's first page


def effective_loai_don(letter: Letter) -> str | None:
    """The officer's decision when there is one, else the suggestion's."""
    if letter.case is not None:
        return letter.case.loai_don
    return letter.suggestion.loai_don if letter.suggestion is not None else None


class IdentityView:
    """The identity of one letter as a given caller may see it."""

    def __init__(self, identity: Identity | None, *, loai_don: str | None,
                 entitled: bool) -> None:
        self.values = identity_dict(identity)
        self.masked = loai_don == PROTECTED_LOAI_DON and not entitled
        self.shown = masked_identity(self.values) if self.masked else self.values

    @classmethod
    def of(cls, letter: Letter, *, entitled: bool) -> IdentityView:
        return cls(letter.identity, loai_don=effective_loai_don(letter), entitled=entitled)

    def text(self, text: str) -> str:
        return mask_text(text, self.values) if self.masked else text


def letter_view(letter: Letter, *, entitled: bool) -> dict[str, Any]:
    identity = IdentityView.of(letter, entitled=entitled)
    return {
        "id": letter.id,
        "status": letter.status,
        "version": letter.version,
        "filename": letter.file.filename,
        "error": letter.error,
        "ngay_nhan": letter.ngay_nhan.isoformat(),
        "first_page": letter.first_page,
        "last_page": letter.last_page,
        "text": identity.text(letter.text),
        "pages": [{"number": p.number, "text": identity.text(p.text),
                   "confidence": p.confidence, "needs_transcription": p.needs_transcription}
                  for p in letter.pages],
        "suggestion": suggestion_view(letter, identity),
        "case_id": letter.case.id if letter.case is not None else None,
        "identity_masked": identity.masked,
        "created_at": letter.created_at.isoformat(),
        "updated_at": letter.updated_at.isoformat(),
    }


def suggestion_view(letter: Letter, identity: IdentityView) -> dict[str, Any] | None:
    if letter.suggestion is None:
        return None
    data = dict(letter.suggestion.data)
    data["fields"] = {**data["fields"], **identity.shown}
    return data


def queue_item(row: QueueRow, *, entitled: bool, today: date) -> dict[str, Any]:
    letter, suggestion = row.letter, row.suggestion
    identity = IdentityView(row.identity, loai_don=row.case_loai_don or suggestion.loai_don,
                            entitled=entitled)
    return {
        "id": letter.id,
        "status": letter.status,
        "version": letter.version,
        "loai_don": suggestion.loai_don,
        "tham_quyen": suggestion.tham_quyen,
        "co_quan": suggestion.data.get("co_quan"),
        "xu_ly": suggestion.xu_ly,
        "linh_vuc": suggestion.linh_vuc,
        "confidence": suggestion.confidence,
        "abstain": suggestion.abstain,
        "deadline": suggestion.deadline.isoformat() if suggestion.deadline else None,
        "overdue": is_overdue(suggestion.deadline, letter.status, today),
        "nguoi_viet": identity.shown["nguoi_viet"],
        "summary": opening_summary(row.opening, identity),
        "received_at": letter.ngay_nhan.isoformat(),
    }


def opening_summary(opening: str, identity: IdentityView) -> str:
    """The summary of a letter from its first OPENING_CHARS characters. Masking runs before the
    cut-off tail is dropped, so a name split by the cut can never show half of itself."""
    masked = identity.text(opening)
    if len(opening) >= OPENING_CHARS:
        masked = masked[:-CUT_MARGIN]
    return summary(masked)


def is_overdue(deadline: date | None, status: str, today: date) -> bool:
    return deadline is not None and deadline < today and status != "confirmed"


def summary(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SUMMARY_CHARS else flat[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def case_view(case: CaseRecord, *, entitled: bool) -> dict[str, Any]:
    identity = IdentityView.of(case.letter, entitled=entitled)
    return {
        "id": case.id,
        "so_tiep_nhan": case.so_tiep_nhan,
        "letter_id": case.letter_id,
        "ngay_nhan": case.ngay_nhan.isoformat(),
        "ngay_xac_nhan": case.ngay_xac_nhan.isoformat(),
        "nguoi_viet": identity.shown["nguoi_viet"],
        "tinh": case.tinh,
        "tom_tat": case.tom_tat,
        "loai_don": case.loai_don,
        "linh_vuc": case.linh_vuc,
        "tham_quyen": case.tham_quyen,
        "co_quan": case.co_quan,
        "xu_ly": case.xu_ly,
        "han_xu_ly": case.han_xu_ly.isoformat() if case.han_xu_ly else None,
        "tap_the": case.tap_the,
        "status": case.status,
        "confirmed_by": case.confirmer.username,
        "identity_masked": identity.masked,
    }

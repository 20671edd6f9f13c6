"""text → Suggestion: fields, labels, jurisdiction, deadlines and reasons in one call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from classifier import artifact
from classifier.config import ClassifierConfig
from classifier.deadlines import letter_deadlines
from classifier.duplicates import LetterIndex, find_duplicate
from classifier.extract import extract_fields
from classifier.jurisdiction import Routing, route
from classifier.labels import LOAI_DON_VI
from classifier.model import MULTI_LABEL_THRESHOLD, LetterModel
from classifier.normalize import nfc
from classifier.rulebook import load_rules
from classifier.suggestion import Fields, Flags, Suggestion


@lru_cache(maxsize=4)
def load_model(model_path: Path) -> LetterModel:
    """Load (once per process) the model file at model_path."""
    return artifact.load(model_path)


def suggest(
    text: str,
    *,
    config: ClassifierConfig | None = None,
    model: LetterModel | None = None,
    ngay_nhan: date | None = None,
    ocr_confidence: float | None = None,
    needs_transcription: bool = False,
    known_letters: LetterIndex | Mapping[str, str] | None = None,
    letter_id: str | None = None,
) -> Suggestion:
    """Propose labels, routing and fields for one letter's text. `known_letters` (an index the
    service keeps, or id → text) lets a re-sent letter be linked to the one already known."""
    config = config or ClassifierConfig()
    model = model or load_model(config.model_path)
    rules = load_rules(config.rules_dir)
    text = nfc(text)
    heads = model.predict(text)
    contents = model.contents_of(text)
    loai_don = heads["loai_don"]
    cac_noi_dung = [loai_don.label] + [
        label for label, p in sorted(contents.items(), key=lambda kv: -kv[1])
        if label != loai_don.label and p >= MULTI_LABEL_THRESHOLD
    ]
    fields = extract_fields(text, ngay_nhan=ngay_nhan)
    if loai_don.label != "khieu_nai":
        fields = _with_round(fields, None)
    duplicate = find_duplicate(text, known_letters, exclude=letter_id)
    routing = route(text, heads, fields, loai_don=loai_don.label,
                    linh_vuc=heads["linh_vuc"].label, office=config.office, rules=rules,
                    duplicate=duplicate is not None)
    decision_date = routing.facts.decision_date
    deadlines = letter_deadlines(
        rules.deadlines, ngay_nhan=ngay_nhan, loai_don=loai_don.label,
        lan_khieu_nai=fields.lan_khieu_nai,
        decision_date=date.fromisoformat(decision_date) if decision_date else None)
    threshold = (config.abstain_threshold if config.abstain_threshold is not None
                 else float(model.metadata.get("abstain_threshold", 0.0)))
    abstain = loai_don.confidence < threshold or needs_transcription
    reasons = [_type_reason(loai_don.label, loai_don.drivers), *routing.reasons,
               *deadlines.reasons]
    if duplicate is not None:
        reasons.append(f"Đơn trùng với đơn {duplicate.letter_id} đã nhận "
                       f"(giống {duplicate.similarity:.0%}): gắn vào hồ sơ đang giải quyết")
    if abstain:
        reasons.insert(0, "Chưa đủ chắc chắn để đề xuất: cán bộ cần đọc và phân loại")
    confidence = {
        "loai_don": loai_don.confidence,
        "tham_quyen": routing.confidence_tham_quyen,
        "xu_ly": routing.confidence_xu_ly,
    }
    if ocr_confidence is not None:
        confidence["ocr"] = ocr_confidence
    return Suggestion(
        loai_don=loai_don.label,
        cac_noi_dung=tuple(cac_noi_dung),
        tham_quyen=routing.tham_quyen,
        co_quan=routing.co_quan,
        xu_ly=routing.xu_ly,
        linh_vuc=heads["linh_vuc"].label,
        flags=_flags(routing, loai_don.label, len(cac_noi_dung) > 1, needs_transcription,
                     duplicate.letter_id if duplicate else None),
        confidence=confidence,
        abstain=abstain,
        fields=fields,
        deadlines=deadlines.dates,
        reasons=tuple(reasons),
        model_version=str(model.metadata.get("version", "")),
    )


def _with_round(fields: Fields, lan_khieu_nai: int | None) -> Fields:
    return replace(fields, lan_khieu_nai=lan_khieu_nai)


def _flags(routing: Routing, loai_don: str, several: bool, needs_transcription: bool,
           duplicate_of: str | None) -> Flags:
    facts = routing.facts
    # A denunciation for the police is a crime report unless it is about a police officer's
    # own conduct; a recommendation about a dispute between private persons is a dispute.
    return Flags(
        to_giac_toi_pham=loai_don == "to_cao" and routing.tham_quyen == "cong_an"
        and not facts.has("bi_to_cao_cong_an"),
        tranh_chap=loai_don == "kien_nghi_phan_anh" and facts.has("giua_cong_dan"),
        nhieu_noi_dung=several,
        needs_transcription=needs_transcription,
        duplicate_of=duplicate_of,
    )


def _type_reason(label: str, drivers: tuple[str, ...]) -> str:
    phrases = ", ".join(f"“{p}”" for p in drivers[:5])
    base = f"Phân loại theo nội dung: {LOAI_DON_VI[label]}"
    return f"{base} — các cụm từ quyết định: {phrases}" if phrases else base

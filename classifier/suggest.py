"""text → Suggestion: fields, labels, jurisdiction, deadlines and reasons in one call."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from classifier import artifact
from classifier.config import ClassifierConfig
from classifier.deadlines import letter_deadlines
from classifier.extract.fields import extract_fields
from classifier.jurisdiction import route
from classifier.labels import LOAI_DON_VI
from classifier.model import MULTI_LABEL_THRESHOLD, LetterModel
from classifier.normalize import nfc
from classifier.suggestion import Flags, Suggestion


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
) -> Suggestion:
    """Propose labels, routing and fields for one letter's text."""
    config = config or ClassifierConfig()
    model = model or load_model(config.model_path)
    text = nfc(text)
    heads = model.predict(text)
    contents = model.contents_of(text)
    loai_don = heads["loai_don"]
    cac_noi_dung = [loai_don.label] + [
        label for label, p in sorted(contents.items(), key=lambda kv: -kv[1])
        if label != loai_don.label and p >= MULTI_LABEL_THRESHOLD
    ]
    fields = extract_fields(text, ngay_nhan=ngay_nhan)
    routing = route(heads, fields, config.office)
    threshold = (config.abstain_threshold if config.abstain_threshold is not None
                 else float(model.metadata.get("abstain_threshold", 0.0)))
    abstain = loai_don.confidence < threshold or needs_transcription
    reasons = [_type_reason(loai_don.label, loai_don.drivers), *routing.reasons]
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
        flags=Flags(nhieu_noi_dung=len(cac_noi_dung) > 1,
                    needs_transcription=needs_transcription),
        confidence=confidence,
        abstain=abstain,
        fields=fields,
        deadlines=letter_deadlines(ngay_nhan),
        reasons=tuple(reasons),
        model_version=str(model.metadata.get("version", "")),
    )


def _type_reason(label: str, drivers: tuple[str, ...]) -> str:
    phrases = ", ".join(f"“{p}”" for p in drivers[:5])
    base = f"Phân loại theo nội dung: {LOAI_DON_VI[label]}"
    return f"{base} — các cụm từ quyết định: {phrases}" if phrases else base

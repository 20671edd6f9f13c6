"""Confirmed reviews become labelled examples that `donthu train` includes.

Each confirmation appends one line to <data_dir>/corrections.jsonl in the corpus format
(training_data/FORMAT.md). Training data never holds a real person's identity (DOMAIN.md), so
the writer's name, address, ID and phone numbers are masked in the text and left out of the
labels.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from classifier.labels import XU_LY
from service.identity import identity_dict, mask_text
from service.models import CaseRecord, Letter, Review
from service.settings import Settings

log = logging.getLogger(__name__)


def correction_record(session: Session, case: CaseRecord) -> dict[str, Any] | None:
    """The corpus record of a confirmed letter; None for a review-only outcome (tra_lai,
    don_doc, tach_don), which the model must never learn to propose."""
    if case.xu_ly not in XU_LY:
        return None
    letter = session.get(Letter, case.letter_id)
    review = session.scalar(select(Review).where(Review.letter_id == case.letter_id)
                            .order_by(Review.id.desc()).limit(1))
    if letter is None or letter.suggestion is None or review is None:
        return None
    suggested = letter.suggestion.data
    fields = {**suggested.get("fields", {}), **review.decision.get("fields", {})}
    flags = suggested.get("flags", {})
    contents = [case.loai_don, *[c for c in suggested.get("cac_noi_dung", [])
                                 if c != case.loai_don]]
    danh_tinh = fields.get("danh_tinh") or "co_ten"
    return {
        "id": f"review-{letter.id}", "loai_don": case.loai_don, "cac_noi_dung": contents,
        "tham_quyen": case.tham_quyen, "co_quan": case.co_quan, "xu_ly": case.xu_ly,
        "linh_vuc": case.linh_vuc,
        "to_giac_toi_pham": bool(flags.get("to_giac_toi_pham")),
        "tranh_chap": bool(flags.get("tranh_chap")),
        "danh_tinh": danh_tinh, "nguoi_viet": None,
        "so_nguoi_ky": 0 if danh_tinh == "nac_danh" else int(fields.get("so_nguoi_ky") or 1),
        "nguoi_dai_dien": [], "ngay_viet": fields.get("ngay_viet"), "dia_chi": None,
        "tinh": fields.get("tinh"), "noi_nhan": fields.get("tinh"), "cccd": [],
        "dien_thoai": [], "kinh_gui": list(fields.get("kinh_gui") or []),
        "quyet_dinh": list(fields.get("quyet_dinh") or []),
        "lan_khieu_nai": fields.get("lan_khieu_nai"), "hard": [], "khong_dau": False,
        "source": "review",
        "text": mask_text(letter.text, identity_dict(letter.identity)),
    }


def append_correction(settings: Settings, record: dict[str, Any]) -> None:
    """One line, written with a single O_APPEND write so concurrent reviews never interleave."""
    path = settings.corrections_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def keep_as_training_example(session: Session, case: CaseRecord, settings: Settings) -> None:
    """After the confirmation is committed: the case is the truth, the file a copy of it."""
    try:
        record = correction_record(session, case)
        if record is not None:
            append_correction(settings, record)
    except OSError:
        log.exception("case %s: could not append to %s", case.id, settings.corrections_path())

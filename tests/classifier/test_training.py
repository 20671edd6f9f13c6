"""Training mechanics on a tiny corpus written here: artifact, skip-when-unchanged, refusal."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import classifier
from classifier import artifact

OPENINGS = ["Tôi tên là Trần Văn Hòa, trú tại xã Yên Lạc.", "Chúng tôi là các hộ dân thôn 3.",
            "Tôi là Lê Thị Mai, ở phường Tân An.", "Gia đình tôi ở ấp Phú Hòa."]
BODIES = {
    "khieu_nai": ["Tôi không đồng ý với quyết định thu hồi đất số 12/QĐ-UBND vì bồi thường thấp, "
                  "đề nghị hủy quyết định này.",
                  "Quyết định xử phạt của Chủ tịch UBND xã đối với tôi là sai, tôi khiếu nại."],
    "to_cao": ["Ông cán bộ địa chính đã nhận tiền của nhiều hộ dân để làm sổ đỏ, đề nghị xử lý.",
               "Chủ tịch xã lợi dụng chức vụ chiếm đoạt tiền hỗ trợ của người nghèo."],
    "kien_nghi_phan_anh": ["Đường liên thôn xuống cấp, mưa là ngập, kiến nghị sửa chữa sớm.",
                           "Đề nghị cho biết chính sách hỗ trợ người cao tuổi mới ra sao."],
}


def tiny_corpus(path: Path, *, letters: int = 60, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(letters):
            label = list(BODIES)[i % 3]
            text = " ".join([rng.choice(OPENINGS), rng.choice(BODIES[label]),
                             rng.choice(BODIES[label]), "Xin trân trọng cảm ơn."])
            record = {"id": f"t-{i:04d}", "text": text, "loai_don": label,
                      "cac_noi_dung": [label], "tham_quyen": "ubnd_xa",
                      "xu_ly": ["huong_dan", "chuyen_don"][i % 2], "linh_vuc": "dat_dai",
                      "hard": []}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_train_writes_model_and_skips_when_unchanged(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "corpus.jsonl")
    model_path = tmp_path / "model" / "m.joblib"
    first = classifier.train([corpus], model_path)
    assert first.trained and model_path.exists()
    metadata = artifact.read_metadata(model_path)
    assert metadata is not None
    assert {"format_version", "libraries", "data_hash", "version", "abstain_threshold",
            "trained_at"} <= metadata.keys()
    second = classifier.train([corpus], model_path)
    assert not second.trained
    assert second.version == first.version
    suggestion = classifier.suggest("Ông trưởng công an xã nhận tiền của dân, tôi tố cáo.",
                                    model=classifier.load_model_file(model_path))
    assert suggestion.loai_don in {"khieu_nai", "to_cao", "kien_nghi_phan_anh"}


def test_model_from_another_library_version_is_refused(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "corpus.jsonl")
    model_path = tmp_path / "m.joblib"
    classifier.train([corpus], model_path)
    sidecar = artifact.metadata_path(model_path)
    metadata = json.loads(sidecar.read_text())
    metadata["libraries"]["scikit-learn"] = "0.0.1"
    sidecar.write_text(json.dumps(metadata))
    with pytest.raises(classifier.ModelMismatchError, match="donthu train"):
        classifier.load_model_file(model_path)


def test_missing_model_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(classifier.ModelNotFoundError, match="donthu train"):
        classifier.load_model_file(tmp_path / "none.joblib")

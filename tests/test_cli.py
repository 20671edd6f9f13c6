"""The command line end to end, on a real rendered scan and the real Tesseract."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

SUGGESTION_KEYS = {"loai_don", "cac_noi_dung", "tham_quyen", "co_quan", "xu_ly", "linh_vuc",
                   "flags", "confidence", "abstain", "fields", "deadlines", "reasons",
                   "model_version"}
FIELD_KEYS = {"nguoi_viet", "danh_tinh", "so_nguoi_ky", "nguoi_dai_dien", "ngay_viet",
              "ngay_nhan", "dia_chi", "tinh", "cccd", "dien_thoai", "kinh_gui", "quyet_dinh",
              "lan_khieu_nai"}
FLAG_KEYS = {"to_giac_toi_pham", "tranh_chap", "nhieu_noi_dung", "needs_transcription",
             "duplicate_of"}


def donthu(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300, check=False)


def assert_suggestion_shape(data: dict[str, object]) -> None:
    assert data.keys() >= SUGGESTION_KEYS
    assert data["fields"].keys() >= FIELD_KEYS  # type: ignore[union-attr]
    assert data["flags"].keys() >= FLAG_KEYS  # type: ignore[union-attr]
    assert data["loai_don"] in {"khieu_nai", "to_cao", "kien_nghi_phan_anh"}
    assert data["xu_ly"] in {"thu_ly", "huong_dan", "chuyen_don", "luu_don"}
    assert data["model_version"]


@pytest.mark.slow
def test_process_scan_prints_the_design_shape(fixtures_dir: Path, model_path: Path) -> None:
    result = donthu("process", str(fixtures_dir / "letter_clean.png"), "--json")
    assert result.returncode == 0, result.stderr
    assert unicodedata.is_normalized("NFC", result.stdout)
    data = json.loads(result.stdout)
    assert_suggestion_shape(data)
    assert data["loai_don"] == "khieu_nai"
    assert data["fields"]["cccd"] == ["094061318527"]
    assert data["fields"]["dien_thoai"] == ["0915338740"]
    assert data["fields"]["ngay_viet"] == "2026-03-12"
    assert data["confidence"]["ocr"] > 0.8
    assert data["pages"] == {"first": 1, "last": 1}


def test_ocr_json_gives_pages_with_confidence(fixtures_dir: Path) -> None:
    result = donthu("ocr", str(fixtures_dir / "letter_clean.png"), "--json")
    assert result.returncode == 0, result.stderr
    pages = json.loads(result.stdout)["pages"]
    assert len(pages) == 1
    assert "ĐƠN KHIẾU NẠI" in pages[0]["text"]
    assert unicodedata.is_normalized("NFC", pages[0]["text"])


def test_classify_reads_standard_input(model_path: Path) -> None:
    text = (Path(__file__).parent.parent / "samples" / "don_khieu_nai.txt").read_text()
    result = donthu("classify", "-", "--json", stdin=text)
    assert result.returncode == 0, result.stderr
    assert_suggestion_shape(json.loads(result.stdout))


def test_classify_jsonl_gives_one_line_per_letter(tmp_path: Path, model_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    letters = [
        {"id": "a", "text": "Tôi tố cáo ông Nguyễn Văn B, cán bộ địa chính xã, đã nhận tiền "
                            "của dân để làm sổ đỏ, đề nghị xử lý nghiêm theo pháp luật."},
        {"id": "b", "text": "Kính gửi UBND xã. Đường liên thôn bị ngập sâu mỗi khi mưa, "
                            "chúng tôi kiến nghị xã sớm nạo vét mương thoát nước."},
    ]
    source.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in letters) + "\n")
    result = donthu("classify", "--jsonl", str(source))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    for line in lines:
        assert_suggestion_shape(line)


@pytest.mark.parametrize("content", [b"", b"this is not an image at all", b"%PDF-1.4 broken"])
def test_unreadable_file_exits_non_zero_with_one_line(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "scan.png"
    bad.write_bytes(content)
    result = donthu("process", str(bad))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("donthu: ")


def test_missing_file_exits_non_zero_with_one_line(tmp_path: Path) -> None:
    result = donthu("ocr", str(tmp_path / "nowhere.pdf"))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1

"""The whole flow over HTTP, on a real scan, the real Tesseract and the trained model:
upload → read → suggested → review queue → confirmed → case record → register, CSV, stats."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from service.tasks import process_letter

pytestmark = pytest.mark.slow


def test_upload_read_review_confirm(client: TestClient, settings: Settings,
                                    headers: dict[str, dict[str, str]],
                                    fixtures_dir: Path) -> None:
    scan = (fixtures_dir / "letter_clean.png").read_bytes()
    upload = client.post("/api/letters", headers=headers["clerk"],
                         files={"file": ("don.png", scan, "image/png")},
                         data={"ngay_nhan": "2026-03-16"})
    assert upload.status_code == 202, upload.text
    letter_id = upload.json()["id"]
    assert upload.json()["status"] == "received" and upload.json()["duplicate"] is False
    again = client.post("/api/letters", headers=headers["clerk"],
                        files={"file": ("copy.png", scan, "image/png")})
    assert again.status_code == 200
    assert again.json()["id"] == letter_id and again.json()["duplicate"] is True
    originals = list((settings.data_dir / "originals").iterdir())
    assert len(originals) == 1 and originals[0].read_bytes() == scan

    assert process_letter(letter_id, settings, worker="w1")
    assert not process_letter(letter_id, settings, worker="w2")  # done: nothing to claim

    letter = client.get(f"/api/letters/{letter_id}", headers=headers["clerk"]).json()
    assert letter["status"] == "suggested"
    assert "ĐƠN KHIẾU NẠI" in letter["text"]
    assert letter["pages"][0]["number"] == 1 and 0.8 < letter["pages"][0]["confidence"] <= 1
    suggestion = letter["suggestion"]
    assert suggestion["loai_don"] == "khieu_nai"
    assert suggestion["fields"]["cccd"] == ["094061318527"]  # not a denunciation: not masked
    assert suggestion["deadlines"]["xu_ly_don"] == "2026-03-30"
    listing = client.get("/api/letters", headers=headers["clerk"]).json()
    assert listing["total"] == 1 and listing["items"][0]["pages_count"] == 1

    image = client.get(f"/api/letters/{letter_id}/pages/1.png", headers=headers["clerk"])
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    assert client.get(f"/api/letters/{letter_id}/pages/2.png",
                      headers=headers["clerk"]).status_code == 404

    assert client.get("/api/review-queue", headers=headers["clerk"]).status_code == 403
    queue = client.get("/api/review-queue", headers=headers["officer"]).json()
    assert [item["id"] for item in queue["items"]] == [letter_id]
    item = queue["items"][0]
    assert item["deadline"] == "2026-03-30" and item["loai_don"] == "khieu_nai"

    decision = {"loai_don": "khieu_nai", "tham_quyen": "ubnd_tinh", "xu_ly": "thu_ly",
                "linh_vuc": "dat_dai", "fields": {"so_nguoi_ky": 1}}
    review = client.post(f"/api/letters/{letter_id}/review", headers=headers["officer"],
                         json={"version": item["version"], "decision": decision})
    assert review.status_code == 200, review.text
    case_id = review.json()["case_id"]
    stale = client.post(f"/api/letters/{letter_id}/review", headers=headers["officer"],
                        json={"version": item["version"], "decision": decision})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == item["version"] + 1

    case = client.get(f"/api/cases/{case_id}", headers=headers["officer"]).json()
    assert case["so_tiep_nhan"] == f"{date.today().year}/000001"
    assert case["letter_id"] == letter_id and case["confirmed_by"] == "officer"
    assert case["ngay_nhan"] == "2026-03-16" and case["han_xu_ly"] == "2026-03-30"
    assert client.get("/api/cases", headers=headers["officer"]).json()["total"] == 1
    csv = client.get("/api/cases.csv", headers=headers["officer"])
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.content.startswith("\ufeff".encode())
    assert case["so_tiep_nhan"] in csv.content.decode("utf-8-sig")

    assert client.get("/api/stats", headers=headers["officer"]).status_code == 403
    stats = client.get("/api/stats", headers=headers["supervisor"],
                       params={"from": "2026-01-01", "to": "2100-12-31"}).json()
    assert stats["confirmed"] == 1 and stats["by_loai_don"]["khieu_nai"] == 1
    assert stats["within_jurisdiction"] == 1 and stats["by_xu_ly"]["thu_ly"] == 1
    assert stats["received"] == 1
    health = client.get("/api/health").json()
    assert health["database"] == "ok" and health["queue"]["confirmed"] == 1
    assert health["model_version"]

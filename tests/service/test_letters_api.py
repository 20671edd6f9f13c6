"""Uploads and letters over HTTP: bad input, failures and retry, transcription, identities."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from service.db import session_scope
from service.models import AuditEvent
from service.settings import Settings
from service.tasks import process_letter
from tests.service.conftest import review, sample_text, suggested_letter

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_unsupported_and_empty_uploads_get_415(client: TestClient,
                                               headers: dict[str, dict[str, str]]) -> None:
    for content in (b"just some text, not a scan", b""):
        response = client.post("/api/letters", headers=headers["clerk"],
                               files={"file": ("don.txt", content, "text/plain")})
        assert response.status_code == 415
        assert "PDF, TIFF, JPEG hoặc PNG" in response.json()["detail"]


def test_oversized_uploads_get_413(client: TestClient, settings: Settings,
                                   headers: dict[str, dict[str, str]]) -> None:
    big = PNG_MAGIC + b"\0" * (settings.max_upload_bytes() + 10)
    response = client.post("/api/letters", headers=headers["clerk"],
                           files={"file": ("big.png", big, "image/png")})
    assert response.status_code == 413
    assert "giới hạn" in response.json()["detail"]


def test_bad_form_values_get_422_in_vietnamese(client: TestClient,
                                               headers: dict[str, dict[str, str]]) -> None:
    response = client.post("/api/letters", headers=headers["clerk"],
                           files={"file": ("don.png", PNG_MAGIC, "image/png")},
                           data={"ngay_nhan": "16/03/2026"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Dữ liệu không hợp lệ: 'ngay_nhan'")
    missing = client.post("/api/letters", headers=headers["clerk"])
    assert missing.status_code == 422 and "'file' bắt buộc phải có" in missing.json()["detail"]
    unknown = client.get("/api/khong-co", headers=headers["clerk"])
    assert unknown.status_code == 404 and unknown.json()["detail"] == "Không tìm thấy địa chỉ này"


def test_a_failed_letter_keeps_its_reason_and_can_be_retried(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    broken = PNG_MAGIC + b"this is not really an image"
    letter_id = client.post("/api/letters", headers=headers["clerk"],
                            files={"file": ("hong.png", broken, "image/png")}).json()["id"]
    assert client.post(f"/api/letters/{letter_id}/retry",
                       headers=headers["clerk"]).status_code == 409  # not failed yet
    assert process_letter(letter_id, settings, worker="w")
    letter = client.get(f"/api/letters/{letter_id}", headers=headers["clerk"]).json()
    assert letter["status"] == "failed"
    assert letter["error"].startswith("Không đọc được tệp: tệp bị hỏng, không giải mã được. "
                                      "Hãy quét hoặc tải lên lại (chi tiết kỹ thuật:")
    listing = client.get("/api/letters", headers=headers["clerk"],
                         params={"status": "failed"}).json()
    assert [x["id"] for x in listing["items"]] == [letter_id] and listing["items"][0]["error"]
    retried = client.post(f"/api/letters/{letter_id}/retry", headers=headers["clerk"])
    assert retried.status_code == 202 and retried.json()["status"] == "received"
    assert (settings.data_dir / "originals").exists()


def test_denouncer_identity_is_masked_for_officers_and_revealed_with_an_audit_event(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, sample_text("don_to_cao.txt"))
    officer = client.get(f"/api/letters/{letter_id}", headers=headers["officer"]).json()
    assert officer["suggestion"]["loai_don"] == "to_cao"
    assert officer["identity_masked"] is True
    fields = officer["suggestion"]["fields"]
    assert fields["cccd"] == ["[đã che]"] and fields["dien_thoai"] == ["[đã che]"]
    assert fields["dia_chi"] == "[đã che]"
    assert fields["nguoi_viet"] == "[đã che]"
    for secret in ("Trần Thị Mai Hương", "092185004321", "0908 123 456", "ấp Mỹ Lợi"):
        assert secret not in officer["text"]
        assert secret not in officer["pages"][0]["text"]
    queue = client.get("/api/review-queue", headers=headers["officer"]).json()
    assert "092185004321" not in queue["items"][0]["summary"]

    supervisor = client.get(f"/api/letters/{letter_id}", headers=headers["supervisor"]).json()
    assert supervisor["identity_masked"] is False
    assert supervisor["suggestion"]["fields"]["cccd"] == ["092185004321"]
    assert "0908 123 456" in supervisor["text"]

    assert client.get(f"/api/letters/{letter_id}/identity",
                      headers=headers["officer"]).status_code == 403
    revealed = client.get(f"/api/letters/{letter_id}/identity", headers=headers["supervisor"])
    assert revealed.status_code == 200 and revealed.json()["cccd"] == ["092185004321"]
    with session_scope(settings) as session:
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "identity_revealed")).all()
        assert [(e.letter_id, e.details["username"]) for e in events] == [
            (letter_id, "supervisor")]


def test_identity_is_stored_apart_from_the_suggestion(settings: Settings) -> None:
    letter_id = suggested_letter(settings, sample_text("don_to_cao.txt"))
    with session_scope(settings) as session:
        from service.models import Identity, Suggestion
        suggestion = session.scalar(select(Suggestion).where(Suggestion.letter_id == letter_id))
        identity = session.get(Identity, letter_id)
        assert suggestion is not None and identity is not None
        assert "092185004321" not in str(suggestion.data)
        assert identity.cccd == ["092185004321"]


def test_transcription_of_an_unreadable_page_reclassifies_and_bumps_the_version(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, "Kính gửi ... [không đọc được] ...",
                                 needs_transcription=True)
    before = client.get(f"/api/letters/{letter_id}", headers=headers["officer"]).json()
    assert before["pages"][0]["needs_transcription"] is True
    assert before["suggestion"]["abstain"] is True
    body = {"text": sample_text("don_khieu_nai.txt"), "version": before["version"]}
    after = client.put(f"/api/letters/{letter_id}/pages/1/text", headers=headers["officer"],
                       json=body)
    assert after.status_code == 200, after.text
    data = after.json()
    assert data["version"] == before["version"] + 1
    assert data["pages"][0]["needs_transcription"] is False
    assert data["suggestion"]["loai_don"] == "khieu_nai"
    assert data["suggestion"]["flags"]["needs_transcription"] is False
    stale = client.put(f"/api/letters/{letter_id}/pages/1/text", headers=headers["officer"],
                       json=body)
    assert stale.status_code == 409 and stale.json()["current_version"] == data["version"]
    assert client.put(f"/api/letters/{letter_id}/pages/1/text", headers=headers["clerk"],
                      json=body).status_code == 403


def test_review_rejects_unknown_labels_with_422(client: TestClient, settings: Settings,
                                                headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, sample_text("don_khieu_nai.txt"))
    response = review(client, headers["officer"], letter_id, linh_vuc="khong-co")
    assert response.status_code == 422
    assert "'decision.linh_vuc' không thuộc danh mục" in response.json()["detail"]


def test_nul_characters_are_refused_not_stored(client: TestClient, settings: Settings,
                                               headers: dict[str, dict[str, str]]) -> None:
    """PostgreSQL cannot store U+0000: such input is a 4xx on both databases."""
    assert client.post("/api/token", data={"username": "a\x00b", "password": "x"}
                       ).status_code == 401
    letter_id = suggested_letter(settings, sample_text("don_khieu_nai.txt"))
    response = review(client, headers["officer"], letter_id, note="ghi\x00chu")
    assert response.status_code == 422
    assert "'decision.note' không đúng định dạng" in response.json()["detail"]
    upload = client.post("/api/letters", headers=headers["clerk"],
                         files={"file": ("a\x00.png", PNG_MAGIC + b"x", "image/png")})
    assert upload.status_code == 202

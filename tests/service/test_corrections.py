"""Confirmed reviews are appended as labelled examples that `donthu train` picks up."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from classifier.corpus import load_jsonl, validate
from service import reports
from service.settings import Settings
from tests.service.conftest import sample_text, suggested_letter


def test_a_confirmed_review_becomes_a_training_example_without_identities(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, sample_text("don_to_cao.txt"))
    decision = {"loai_don": "to_cao", "tham_quyen": "ubnd_tinh", "xu_ly": "thu_ly",
                "linh_vuc": "tham_nhung",
                "fields": {"nguoi_viet": "Trần Thị Mai Hương", "so_nguoi_ky": 1}}
    response = client.post(f"/api/letters/{letter_id}/review", headers=headers["officer"],
                           json={"version": 1, "decision": decision})
    assert response.status_code == 200, response.text
    path = settings.corrections_path()
    assert path in reports.training_files(settings)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert validate(record) == []
    assert record["id"] == f"review-{letter_id}" and record["linh_vuc"] == "tham_nhung"
    for secret in ("Trần Thị Mai Hương", "092185004321", "0908 123 456", "ấp Mỹ Lợi"):
        assert secret not in lines[0]
    assert record["nguoi_viet"] is None and record["cccd"] == []
    (loaded,) = load_jsonl(path)
    assert loaded.id == record["id"] and "[đã che]" in loaded.text

    case_id = response.json()["case_id"]
    officer = client.get(f"/api/cases/{case_id}", headers=headers["officer"]).json()
    supervisor = client.get(f"/api/cases/{case_id}", headers=headers["supervisor"]).json()
    assert officer["nguoi_viet"] == "[đã che]" and officer["identity_masked"] is True
    assert supervisor["nguoi_viet"] == "Trần Thị Mai Hương"
    assert "Trần Thị Mai Hương" not in supervisor["tom_tat"]  # the register's summary is masked
    csv = client.get("/api/cases.csv", headers=headers["supervisor"]).content.decode("utf-8-sig")
    assert "[đã che]" in csv
    for secret in ("Trần Thị Mai Hương", "092185004321", "0908 123 456"):
        assert secret not in csv


def test_review_only_outcomes_are_not_training_labels(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    letter_id = suggested_letter(settings, sample_text("don_khieu_nai.txt"))
    decision = {"loai_don": "khieu_nai", "tham_quyen": "ubnd_tinh", "xu_ly": "tra_lai",
                "linh_vuc": "dat_dai"}
    response = client.post(f"/api/letters/{letter_id}/review", headers=headers["officer"],
                           json={"version": 1, "decision": decision})
    assert response.status_code == 200
    assert not settings.corrections_path().exists()

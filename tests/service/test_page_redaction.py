"""Page images of a denunciation: the denouncer's identity blacked out for the roles that may not
see it (LTC Điều 47), the original for those who may; the real Tesseract reads both."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from fastapi.testclient import TestClient

import ocr
from service.settings import Settings
from service.tasks import process_letter
from tests.ocr.conftest import render
from tests.service.conftest import sample_text, suggested_letter

pytestmark = pytest.mark.slow


def _read(png: bytes, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("pages") / "page.png"
    path.write_bytes(png)
    return ocr.read(path).text


def test_officers_see_the_denouncer_blacked_out_supervisors_see_the_page(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]],
        tmp_path_factory: pytest.TempPathFactory) -> None:
    page = render(tuple(sample_text("don_to_cao.txt").splitlines()), width=2480)
    scan = cv2.imencode(".png", page)[1].tobytes()
    upload = client.post("/api/letters", headers=headers["clerk"],
                         files={"file": ("to_cao.png", scan, "image/png")})
    assert upload.status_code == 202, upload.text
    letter_id = upload.json()["id"]
    assert process_letter(letter_id, settings, worker="w1")
    letter = client.get(f"/api/letters/{letter_id}", headers=headers["officer"]).json()
    assert letter["suggestion"]["loai_don"] == "to_cao" and letter["identity_masked"] is True

    masked = client.get(f"/api/letters/{letter_id}/pages/1.png", headers=headers["officer"])
    assert masked.status_code == 200 and masked.headers["x-donthu-identity-masked"] == "1"
    shown = client.get(f"/api/letters/{letter_id}/pages/1.png", headers=headers["supervisor"])
    assert shown.status_code == 200 and shown.headers["x-donthu-identity-masked"] == "0"
    assert masked.content != shown.content

    hidden, visible = (_read(r.content, tmp_path_factory) for r in (masked, shown))
    for secret in ("Mai Hương", "092185004321", "Mỹ Lợi"):
        assert secret in visible and secret not in hidden, hidden
    assert "Phạm Văn Khánh" in hidden  # the person denounced is not hidden
    # Cached: the second request is the same image, not a second reading.
    again = client.get(f"/api/letters/{letter_id}/pages/1.png", headers=headers["clerk"])
    assert again.content == masked.content
    assert np.array_equal(cv2.imdecode(np.frombuffer(shown.content, np.uint8), 0).shape,
                          cv2.imdecode(np.frombuffer(masked.content, np.uint8), 0).shape)


def test_a_denunciation_whose_identity_was_not_extracted_shows_no_page_image(
        client: TestClient, settings: Settings, headers: dict[str, dict[str, str]]) -> None:
    lines = [line for line in sample_text("don_to_cao.txt").splitlines()
             if "Trần Thị Mai Hương" not in line and "Mỹ Lợi" not in line]
    letter_id = suggested_letter(settings, "\n".join(lines))
    letter = client.get(f"/api/letters/{letter_id}", headers=headers["officer"]).json()
    assert letter["suggestion"]["loai_don"] == "to_cao" and letter["identity_masked"] is True
    refused = client.get(f"/api/letters/{letter_id}/pages/1.png", headers=headers["officer"])
    assert refused.status_code == 403 and "danh tính" in refused.json()["detail"]

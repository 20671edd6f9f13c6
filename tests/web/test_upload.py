"""The clerk's page: several files dropped at once, each followed to its end — a real scan to
"suggested", a broken one to "failed" with its reason and a retry, a refused type at once."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.helpers import screen, sign_in
from tests.web.server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OCR_TIMEOUT_MS = 120_000
DROP = """(files) => {
  const transfer = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], f.name, { type: f.type }));
  }
  return transfer;
}"""


def drop_files(page: Page, files: list[tuple[str, bytes, str]]) -> None:
    """Drop files on the drop zone the way a file manager does."""
    payload = [{"name": name, "data": base64.b64encode(data).decode(), "type": kind}
               for name, data, kind in files]
    transfer = page.evaluate_handle(DROP, payload)
    page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})


def test_dropped_files_are_followed_to_suggested_or_failed_with_retry(
        page: Page, live_server: LiveServer, fixtures_dir: Path) -> None:
    scan = (fixtures_dir / "letter_clean.png").read_bytes()
    broken = scan[:64] + b"\x00" * 64  # a PNG header and nothing readable behind it
    sign_in(page, live_server, "vanthu")
    page.goto(f"{live_server.url}/tiep-nhan")
    expect(page.locator("#ngay-nhan")).not_to_have_value("")
    drop_files(page, [("letter_clean.png", scan, "image/png"),
                      ("hong.png", broken, "image/png"),
                      ("ghi-chu.txt", "không phải bản quét".encode(), "text/plain")])
    uploads = page.locator("#uploads > li")
    expect(uploads).to_have_count(3)

    refused = page.locator('li[data-file="ghi-chu.txt"]')
    expect(refused.locator('[data-status="upload-error"]')).to_contain_text("Không gửi được")
    expect(refused.get_by_role("button", name="Gửi lại")).to_be_visible()

    failed = page.locator('li[data-file="hong.png"]')
    expect(failed.locator('[data-status="failed"]')).to_be_visible(timeout=OCR_TIMEOUT_MS)
    expect(failed.locator(".error-text")).not_to_be_empty()

    clean = page.locator('li[data-file="letter_clean.png"]')
    expect(clean.locator('[data-status="suggested"]')).to_be_visible(timeout=OCR_TIMEOUT_MS)
    expect(clean.locator('[data-status="suggested"]')).to_have_text("Đã có đề xuất")
    screen(page, "02-tiep-nhan")

    letter_id = int(failed.locator("[data-letter-id]").get_attribute("data-letter-id") or 0)
    with live_server.api("vanthu") as api:
        attempts_before = api.get(f"/api/letters/{letter_id}").json()
    failed.get_by_role("button", name="Thử lại").click()
    expect(page.locator(".toast")).to_contain_text(f"Đã đưa đơn số {letter_id} vào xử lý lại")
    expect(failed.locator('[data-status="failed"]')).to_be_visible(timeout=OCR_TIMEOUT_MS)
    with live_server.api("vanthu") as api:
        after = api.get(f"/api/letters/{letter_id}").json()
    assert after["status"] == "failed" and after["error"]
    assert attempts_before["status"] == "failed"
    # The recent list shows the same failure with its reason and its own retry button.
    row = page.locator(f'#recent tr[data-letter-id="{letter_id}"]')
    expect(row.locator('[data-status="failed"]')).to_be_visible()
    expect(row.get_by_role("button", name="Thử lại")).to_be_visible()

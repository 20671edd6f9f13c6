"""Small steps the browser tests share: signing in, the docs screenshots, reading the API."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Collection
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page

from tests.web.server import USERS, LiveServer

SCREENSHOT_DIR = os.environ.get("DONTHU_SCREENSHOT_DIR")
VIEWPORT = {"width": 1366, "height": 768}  # the office screen the pages are made for


def sign_in(page: Page, server: LiveServer, username: str) -> None:
    """Start every page of this tab signed in, as the login page would leave it."""
    session = {"token": server.token(username), "role": USERS[username], "username": username,
               "expiresAt": None}
    page.add_init_script(
        f"sessionStorage.setItem('donthu.session', {json.dumps(json.dumps(session))});")


def screen(page: Page, name: str) -> None:
    """With DONTHU_SCREENSHOT_DIR set, keep a picture of this screen for the docs (in 256
    colours: a flat page loses nothing, and the PNG is a third of the size)."""
    if not SCREENSHOT_DIR:
        return
    path = Path(SCREENSHOT_DIR) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    shot.quantize(colors=256).save(path, optimize=True)


def confirm_via_api(server: LiveServer, username: str, letter_id: int,
                    **changes: str) -> dict[str, object]:
    """Confirm a letter as its suggestion says (with `changes`), as another officer would."""
    with server.api(username) as api:
        letter = api.get(f"/api/letters/{letter_id}").json()
        suggestion = letter["suggestion"]
        decision = {key: suggestion[key] for key in ("loai_don", "tham_quyen", "xu_ly", "linh_vuc")}
        decision.update(changes)
        response = api.post(f"/api/letters/{letter_id}/review",
                            json={"version": letter["version"], "decision": decision})
        response.raise_for_status()
        return dict(response.json())


def drain_queue(server: LiveServer, *, keep: Collection[int] = ()) -> None:
    """Confirm every waiting letter but `keep`, so that a test's queue holds only its letters."""
    with server.api("lanhdao") as api:
        waiting = api.get("/api/review-queue", params={"limit": 500}).json()["items"]
    for item in waiting:
        if item["id"] not in keep:
            confirm_via_api(server, "lanhdao", item["id"])

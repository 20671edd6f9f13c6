"""The page shells and static files, without a browser: every page renders in Vietnamese with
its labels and security headers; only files that ship in static/ are ever served."""

from __future__ import annotations

import json
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from classifier import labels
from service import web
from service.web.pages import STATIC_DIR


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(web.router)
    return TestClient(app)


PAGES = [("/dang-nhap", "Đăng nhập"), ("/tiep-nhan", "Tiếp nhận đơn"),
         ("/hang-cho", "Đơn chờ duyệt"), ("/don/7", "Đơn số 7"),
         ("/tong-hop", "Tổng hợp, báo cáo")]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_each_page_renders_in_vietnamese_with_security_headers(
        client: TestClient, path: str, title: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in response.text
    assert f"<title>{title} · Đơn thư</title>" in response.text
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # The page's module exists: a typo here would leave a blank screen.
    module = re.search(r'<script type="module" src="/static/([\w.]+)">', response.text)
    assert module is not None and (STATIC_DIR / module.group(1)).is_file()


def test_pages_carry_the_vietnamese_label_names(client: TestClient) -> None:
    page = client.get("/don/1").text
    blob = re.search(r'<script type="application/json" id="labels">(.*?)</script>', page, re.S)
    assert blob is not None
    names = json.loads(blob.group(1))
    assert list(names["loai_don"].items()) == list(labels.LOAI_DON_VI.items())
    assert set(names["tham_quyen"]) == set(labels.THAM_QUYEN)
    assert set(names["xu_ly"]) == set(labels.XU_LY + labels.XU_LY_REVIEW_ONLY)
    assert list(names["linh_vuc"]) == list(labels.LINH_VUC)


def test_root_leads_to_the_login_page(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dang-nhap"


def test_a_letter_page_needs_a_numeric_id(client: TestClient) -> None:
    assert client.get("/don/abc").status_code == 422


def test_static_files_are_served_with_their_types(client: TestClient) -> None:
    script = client.get("/static/letter.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("name", ["missing.js", "..%2Fpages.py", "%2E%2E%2F__init__.py"])
def test_nothing_outside_static_is_served(client: TestClient, name: str) -> None:
    response = client.get(f"/static/{name}")
    assert response.status_code == 404
    assert "import" not in response.text


def test_a_missing_static_file_is_a_vietnamese_404(client: TestClient) -> None:
    response = client.get("/static/missing.js")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy tệp."}


def test_every_module_a_script_imports_ships(client: TestClient) -> None:
    for script in STATIC_DIR.glob("*.js"):
        for name in re.findall(r'from "\./([\w.]+)"', script.read_text(encoding="utf-8")):
            assert (STATIC_DIR / name).is_file(), f"{script.name} imports missing {name}"

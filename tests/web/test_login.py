"""Signing in and out, and what a page does for a visitor who may not open it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.helpers import screen, sign_in
from tests.web.server import PASSWORD, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_login_opens_the_home_screen_of_the_role(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/dang-nhap")
    expect(page.get_by_role("heading", name="Tiếp nhận và xử lý đơn thư")).to_be_visible()
    screen(page, "01-dang-nhap")
    page.fill("#username", "canbo")
    page.fill("#password", "sai-mat-khau")
    page.press("#password", "Enter")
    expect(page.locator("#login-error")).to_have_text("Sai tên đăng nhập hoặc mật khẩu.")
    page.fill("#password", PASSWORD)
    page.press("#password", "Enter")
    page.wait_for_url(re.compile(r"/hang-cho$"))
    expect(page.locator("#who-name")).to_have_text("canbo")
    expect(page.locator("#who-role")).to_have_text("Cán bộ xử lý")
    expect(page.locator("#nav a", has_text="Tổng hợp")).to_be_hidden()
    page.click("#logout")
    page.wait_for_url(re.compile(r"/dang-nhap$"))


def test_a_page_without_a_session_asks_to_sign_in_then_returns(
        page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/tong-hop?from=2026-01-01&to=2026-03-31")
    page.wait_for_url(re.compile(r"/dang-nhap\?next="))
    page.fill("#username", "lanhdao")
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r"/tong-hop\?from=2026-01-01&to=2026-03-31$"))
    expect(page.locator("#from")).to_have_value("2026-01-01")


@pytest.mark.parametrize("path", ["/tong-hop", "/hang-cho", "/don/1"])
def test_a_role_that_may_not_open_a_page_is_told_so(
        page: Page, live_server: LiveServer, path: str) -> None:
    sign_in(page, live_server, "vanthu")
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("alert")).to_contain_text("không có quyền mở trang này")
    home = page.get_by_role("link", name="Về trang của bạn")
    expect(home).to_have_attribute("href", "/tiep-nhan")
    expect(page.locator("#nav a", has_text="Chờ duyệt")).to_be_hidden()


def test_an_expired_token_sends_the_user_to_sign_in(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/dang-nhap")
    page.evaluate("sessionStorage.setItem('donthu.session', JSON.stringify("
                  "{token: 'not-a-token', role: 'officer', username: 'canbo'}))")
    page.goto(f"{live_server.url}/hang-cho")
    page.wait_for_url(re.compile(r"/dang-nhap\?next=%2Fhang-cho"))

"""The supervisor's dashboard: the report figures for a period equal /api/stats, the chart
draws the same numbers, and the CSV export downloads."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.web.helpers import confirm_via_api, drain_queue, screen, sign_in
from tests.web.seed import Seeder
from tests.web.server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def quarter(day: date) -> tuple[str, str]:
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start.isoformat(), date.fromordinal(end.toordinal() - 1).isoformat()


def flatten(stats: dict[str, object]) -> dict[str, int]:
    figures: dict[str, int] = {}
    for key, value in stats.items():
        if isinstance(value, dict):
            figures.update({f"{key}.{inner}": int(v) for inner, v in value.items()})
        elif isinstance(value, int) and not isinstance(value, bool):
            figures[key] = value
    return figures


def test_the_dashboard_shows_the_figures_of_api_stats(
        page: Page, live_server: LiveServer, seeder: Seeder) -> None:
    drain_queue(live_server)
    today = date.today()
    ids = seeder.letters(4, ngay_nhan=today)
    confirm_via_api(live_server, "canbo", ids[0], loai_don="to_cao", xu_ly="chuyen_don",
                    tham_quyen="cong_an")
    confirm_via_api(live_server, "canbo", ids[1], loai_don="khieu_nai", xu_ly="thu_ly",
                    tham_quyen="ubnd_tinh")
    confirm_via_api(live_server, "canbo", ids[2], loai_don="kien_nghi_phan_anh",
                    xu_ly="huong_dan", tham_quyen="ubnd_xa")
    start, end = quarter(today)
    with live_server.api("lanhdao") as api:
        stats = api.get("/api/stats", params={"from": start, "to": end}).json()
    assert stats["confirmed"] >= 3

    sign_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/tong-hop")
    expect(page.locator("#from")).to_have_value(start)
    expect(page.locator("#to")).to_have_value(end)
    figures = page.locator("[data-stat]")
    expect(figures.first).not_to_have_text("–")
    expect(page.locator("#cases tbody tr").first).to_be_visible()
    shown = {name: int(figures.nth(i).get_attribute("data-value") or -1)
             for i, name in enumerate(figures.evaluate_all("els => els.map(e => e.dataset.stat)"))}
    expected = flatten(stats)
    assert shown == {name: expected[name] for name in shown}
    assert {"received", "confirmed", "overdue", "collective", "within_jurisdiction",
            "outside_jurisdiction", "by_loai_don.to_cao", "by_xu_ly.luu_don"} <= set(shown)
    bars = page.locator("#chart .chart-row")
    expect(bars.filter(has_text="Đơn tiếp nhận")).to_have_attribute(
        "data-value", str(stats["received"]))
    expect(bars.filter(has_text="Tố cáo")).to_have_attribute(
        "data-value", str(stats["by_loai_don"]["to_cao"]))
    screen(page, "08-tong-hop")

    with page.expect_download() as download:
        page.click("#export-csv")
    path = download.value.path()
    content = path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents
    assert download.value.suggested_filename == f"ho-so-don-thu_{start}_{end}.csv"
    assert len(content.decode("utf-8-sig").strip().splitlines()) >= 4  # header + 3 cases


def test_another_period_is_asked_for_again(page: Page, live_server: LiveServer) -> None:
    sign_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/tong-hop?from=2020-01-01&to=2020-03-31")
    received = page.locator('[data-stat="received"]')
    expect(received).to_have_attribute("data-value", "0")
    page.click('button[data-preset="year"]')
    with live_server.api("lanhdao") as api:
        year = date.today().year
        stats = api.get("/api/stats", params={"from": f"{year}-01-01",
                                              "to": f"{year}-12-31"}).json()
    expect(received).to_have_attribute("data-value", str(stats["received"]))

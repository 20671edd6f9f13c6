"""The browser harness: a live `donthu serve` on a free port (temp SQLite and data dir), Debian's
Chromium driven by Playwright, a 1366×768 window, and a screenshot of any failed test.

Nothing is downloaded: Playwright only drives /usr/bin/chromium (install the dev extras with
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import classifier
from classifier import artifact
from tests.conftest import skip_or_fail
from tests.web.helpers import VIEWPORT
from tests.web.seed import Seeder
from tests.web.server import LiveServer, ServerError, running_server

CHROMIUM = Path(os.environ.get("DONTHU_TEST_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
                ) -> Iterator[LiveServer]:
    # The shipped model when there is one (its metadata is enough: the server loads it);
    # otherwise the shared fixture trains it.
    model = classifier.DEFAULT_MODEL_PATH
    if artifact.read_metadata(model) is None:
        model = request.getfixturevalue("model_path")
    try:
        with running_server(tmp_path_factory.mktemp("web-data"), model) as server:
            yield server
    except ServerError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def seeder(live_server: LiveServer) -> Seeder:
    return Seeder(live_server.settings())


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox", "--lang=vi-VN"])
        yield chromium
        chromium.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh 1366×768 tab; uncaught script errors fail the test; a failure leaves a PNG."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"script errors in the page: {errors}"

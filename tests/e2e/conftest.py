"""End-to-end: a live server (pytest-django) and Debian's chromium driven by Playwright.

Never `playwright install`: the browser is the system's /usr/bin/chromium
(`make test` installs the Debian package)."""
from __future__ import annotations

import os

import pytest

from tests.web.conftest import network  # noqa: F401  (alice's small network, shared with the web tests)

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end-to-end browser test (Playwright on /usr/bin/chromium); part of the normal suite")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make system-deps)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the
    # tests make around it are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, alice, now, network):
    """A browser tab logged in as alice through the login page, with her network in place."""
    alice.set_password(PASSWORD)
    alice.save()
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto(live_server.url + "/login/")
    tab.fill('input[name="username"]', "alice")
    tab.fill('input[name="password"]', PASSWORD)
    tab.click('button[type="submit"]')
    tab.wait_for_url(live_server.url + "/")
    tab.base = live_server.url
    yield tab
    context.close()

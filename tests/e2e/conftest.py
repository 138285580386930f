"""End-to-end: a live server (pytest-django) and Debian's chromium driven by Playwright.

Never `playwright install`: the browser is the system's /usr/bin/chromium
(`make test` installs the Debian package)."""

from __future__ import annotations

import os

import pytest

from tests.needs import need
from tests.web.conftest import network  # noqa: F401  (alice's small network, shared with the web tests)

PASSWORD = "correct horse battery"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "e2e: end-to-end browser test (Playwright on /usr/bin/chromium); part of the normal suite"
    )


def _close_loop_side_connections():
    """Between its calls, Playwright's sync API marks its event loop as running in this
    thread, and Django then keeps this thread's connections apart from the plain
    synchronous ones (asgiref's Local): the ORM calls of the tests and fixtures open a
    second connection that the suite's teardown never sees. On PostgreSQL it outlived
    the suite ("database test_... is being accessed by other users"). Close it while the
    loop is still marked, so that it is the one closed."""
    from django.db import connections

    connections.close_all()


# Package scope: the loop stops being marked once the e2e tests are done, so the tests
# after them run synchronously again, on the suite's own connection, with Django's
# async-safety checks back on.
@pytest.fixture(scope="package")
def browser():
    chromium = need("chromium")  # fails in CI when missing, skips elsewhere
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the
    # tests make around it are still plain synchronous code.
    unsafe_was = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, headless=True)
            yield browser
            browser.close()
            _close_loop_side_connections()
    finally:
        if unsafe_was is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def logged_in_tab(browser, live_server, alice, **context_options):
    """A browser tab logged in as alice through the login page; closed after the test.
    `context_options` go to the browser context (bypass_csp=True lets a test inject axe)."""
    alice.set_password(PASSWORD)
    alice.save()
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **context_options)
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


@pytest.fixture
def page(browser, live_server, alice, now, network):
    """A browser tab logged in as alice, with her network in place."""
    yield from logged_in_tab(browser, live_server, alice)


@pytest.fixture
def empty_page(browser, live_server, alice, now):
    """A browser tab logged in as alice, who has nobody in her network yet."""
    yield from logged_in_tab(browser, live_server, alice)

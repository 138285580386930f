"""Test set-up: an isolated data folder, a fixed zone, and the three users
every permission test needs: alice (owner), bob (teammate), charlie (outsider)."""

from __future__ import annotations

import os
import sys
import tempfile

# Before Django reads its settings: never touch the real data folder.
os.environ["GOODWILL_HOME"] = tempfile.mkdtemp(prefix="goodwill-test-")
os.environ["GOODWILL_TIMEZONE"] = "UTC"
os.environ.pop("GOODWILL_DATABASE_URL", None)
os.environ.pop("GOODWILL_DEMO", None)
os.environ.pop("GOODWILL_BASE_URL", None)  # links and the feed's address: the local default
# Secrets are encrypted in the database with a fixed test key: tests never touch an OS keyring.
os.environ["GOODWILL_SECRETS_KEY"] = "dGVzdC1rZXktZm9yLWdvb2R3aWxsLXRlc3RzLW9ubHk="
# No vector index kept in files: tests roll back, and on SQLite a rolled-back test's ids come
# back, so one test's file could stand for another's rows. tests/test_vector_files.py turns them on.
os.environ["GOODWILL_VECTOR_FILES"] = "0"

import pytest  # noqa: E402

NOW = "2026-11-23T09:00:00+00:00"  # a Monday


@pytest.fixture
def now(monkeypatch):
    """Pin the clock to Monday 23 Nov 2026, 09:00 UTC."""
    monkeypatch.setenv("GOODWILL_NOW", NOW)
    from goodwill import clock

    return clock.now()


@pytest.fixture
def set_now(monkeypatch):
    def _set(value: str):
        monkeypatch.setenv("GOODWILL_NOW", value)

    return _set


def _user(username: str):
    from django.contrib.auth import get_user_model

    from goodwill.services.accounts import ensure_defaults

    user = get_user_model().objects.create_user(username=username)
    ensure_defaults(user)
    return user


@pytest.fixture
def alice(db):
    return _user("alice")


@pytest.fixture
def bob(db):
    """A teammate: shares a server with alice, but not her private network."""
    return _user("bob")


@pytest.fixture
def charlie(db):
    return _user("charlie")


@pytest.fixture
def cli(db, now, monkeypatch):
    """Run `goodwill ...` through Typer's runner as the local user."""
    from typer.testing import CliRunner

    from goodwill.cli.main import app

    monkeypatch.delenv("GOODWILL_DEMO", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def me(db):
    from goodwill.services.accounts import local_user

    return local_user()


# What `goodwill serve` sets in the environment for Django before it starts.
SET_BY_SERVE = (
    "GOODWILL_DEMO",
    "GOODWILL_LOCAL_LOGIN",
    "GOODWILL_ALLOWED_HOSTS",
    "GOODWILL_SECRET_KEY",
    "GOODWILL_WEB",
    "GOODWILL_CONN_MAX_AGE",
    "GOODWILL_SQLITE_CACHE_KIB",
)


@pytest.fixture
def serve_environment(monkeypatch):
    """The variables `goodwill serve` sets are put back as they were after the test."""
    keep_serve_environment(monkeypatch)


def keep_serve_environment(monkeypatch) -> None:
    """Unset ones are unset again: monkeypatch.delenv alone records nothing for a variable that
    is not there, so one that serve set later would leak into the tests after it."""
    for name in SET_BY_SERVE:
        was = os.environ.get(name)
        monkeypatch.setenv(name, was or "")
        if was is None:
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached pages: tests roll the database back, and with
    it SQLite's change counter, so a page from an earlier test could match again."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield


@pytest.fixture(autouse=True)
def _fresh_vector_index():
    """Each test starts with no cached meaning index: on SQLite a rolled-back test's ids come
    back, so an index cached by an earlier test could match a new one's (count, max id). Nor
    with postings kept from an earlier test's documents."""
    for name in (
        "goodwill.search.vectors",
        "goodwill.search.postings",
        "goodwill.search.fts5_postings",
        "goodwill.search.model_upgrade",
    ):
        module = sys.modules.get(name)  # not imported: nothing was cached
        if module is not None:
            module.forget()
    yield


# The files that take longest start first. Under `make test` (pytest-xdist, --dist loadfile
# --no-loadscope-reorder) workers take whole files in this order, so a long file left to the
# end would run alone on one core while the other waits (the schemathesis run took the last
# four minutes of an 18-minute run that way). The order within each file is unchanged.
SLOW_FILES_FIRST = (
    "tests/api/test_schemathesis.py",
    "tests/e2e/",
    "tests/services/test_mail_sync.py",
    "tests/web/test_proxy.py",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return next((i for i, prefix in enumerate(SLOW_FILES_FIRST) if path.startswith(prefix)), len(SLOW_FILES_FIRST))

    items.sort(key=rank)  # stable: everything else keeps its collected order

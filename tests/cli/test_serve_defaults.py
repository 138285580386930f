"""What `goodwill serve` starts with when not told: four threads a process, a smaller SQLite cache."""

from __future__ import annotations

import gc
import os

import pytest


@pytest.fixture
def started(monkeypatch, serve_environment):
    """waitress.serve replaced by a recorder; the environment serve sets is put back after."""
    import waitress

    calls: list[dict] = []

    def record(application, **options):
        calls.append({**options, "cache": os.environ.get("GOODWILL_SQLITE_CACHE_KIB")})

    monkeypatch.setattr(waitress, "serve", record)
    monkeypatch.setattr("goodwill.memory.limit_arenas", lambda count: True)  # malloc's, for the whole process
    yield calls
    gc.unfreeze()  # the loaded application froze the test process's objects


def test_serve_runs_four_threads_with_a_512_kib_sqlite_cache(cli, started, monkeypatch):
    monkeypatch.delenv("GOODWILL_SQLITE_CACHE_KIB", raising=False)
    result = cli("serve", "--port", "8124", "--no-worker")
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0]["threads"] == 4 and started[0]["cache"] == "512"


def test_serve_keeps_the_threads_and_cache_it_is_given(cli, started, monkeypatch):
    monkeypatch.setenv("GOODWILL_SQLITE_CACHE_KIB", "2048")
    result = cli("serve", "--port", "8124", "--no-worker", "--threads", "8")
    assert result.exit_code == 0, result.output
    assert started[0]["threads"] == 8 and started[0]["cache"] == "2048"


def test_serve_refuses_a_cache_that_is_not_a_whole_number(cli, started, monkeypatch):
    monkeypatch.setenv("GOODWILL_SQLITE_CACHE_KIB", "2MB")
    result = cli("serve", "--port", "8124", "--no-worker")
    assert result.exit_code == 2 and started == []
    assert "GOODWILL_SQLITE_CACHE_KIB must be a whole number of KiB, such as 512 (it is '2MB')" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("raw", "kib"), [("", None), (" ", None), ("0", None), ("512", 512), (" 2048 ", 2048)])
def test_the_cache_size_is_read_from_the_environment(monkeypatch, raw, kib):
    from goodwill import config

    monkeypatch.setenv("GOODWILL_SQLITE_CACHE_KIB", raw)
    assert config.sqlite_cache_kib() == kib


def test_what_serve_sets_is_unset_again_after_a_test(monkeypatch):
    """A variable serve sets that was not there before is gone after the test: a key left behind
    would make a later test sign links with it (test_one_click)."""
    from tests.conftest import SET_BY_SERVE, keep_serve_environment

    for name in SET_BY_SERVE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GOODWILL_WEB", "1")
    with pytest.MonkeyPatch.context() as inner:
        keep_serve_environment(inner)
        os.environ["GOODWILL_SECRET_KEY"] = "set by serve"
        os.environ["GOODWILL_WEB"] = "0"
    assert "GOODWILL_SECRET_KEY" not in os.environ and os.environ["GOODWILL_WEB"] == "1"

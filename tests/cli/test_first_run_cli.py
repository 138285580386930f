"""The first run in the terminal: --demo without a demo network, and the empty network (issue 12)."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("command", [["today"], ["list"], ["review", "--list"], ["near", "home"], ["promises"]])
def test_demo_without_a_demo_network_is_one_line_and_exit_2(cli, command, monkeypatch):
    monkeypatch.setenv("GOODWILL_DEMO", "0")  # restored after the test: demo mode must not leak
    result = cli(*command, "--demo")
    assert result.exit_code == 2
    assert result.output.strip().endswith("no demo network here: run goodwill demo")
    assert "Traceback" not in result.output


def test_serve_demo_refuses_to_start_without_a_demo_network(cli, monkeypatch):
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda *a, **k: pytest.fail("the server started"))
    # serve sets these for Django: each is put back as it was after the test.
    import os

    for name in ("GOODWILL_DEMO", "GOODWILL_LOCAL_LOGIN", "GOODWILL_ALLOWED_HOSTS", "GOODWILL_SECRET_KEY",
                 "GOODWILL_WEB", "GOODWILL_CONN_MAX_AGE"):
        monkeypatch.setenv(name, os.environ.get(name, "0"))
    result = cli("serve", "--demo", "--port", "8123")
    assert result.exit_code == 2
    assert "no demo network here: run goodwill demo" in result.output

"""The skip policy for tests that need dovecot, openssl, nginx or chromium (tests/needs.py)."""

from __future__ import annotations

import pytest

from tests import needs


@pytest.fixture
def nothing_installed(monkeypatch):
    monkeypatch.setattr(needs.shutil, "which", lambda name: None)
    monkeypatch.setattr(
        needs, "TOOLS", {tool: (package, "/nonexistent/" + tool) for tool, (package, _usual) in needs.TOOLS.items()}
    )


@pytest.mark.parametrize("tool", ["dovecot", "openssl", "nginx", "chromium"])
def test_a_missing_tool_fails_in_ci(nothing_installed, monkeypatch, tool):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=f"{tool} is not installed.*make system-deps.*CI=true"):
        needs.need(tool)


def test_a_missing_tool_skips_with_a_reason_outside_ci(nothing_installed, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="nginx is not installed: install Debian's nginx"):
        needs.need("nginx")


def test_an_installed_tool_is_found(monkeypatch):
    monkeypatch.setattr(needs.shutil, "which", lambda name: f"/opt/bin/{name}")
    assert needs.need("openssl") == "/opt/bin/openssl"

"""One skip policy for tests that need a program from Debian: dovecot, openssl, nginx, chromium.

`need("nginx")` returns the program's path. When it is missing:
- in CI (CI=true, as .ci/run is started), the test FAILS, loudly, naming the package
  to install: a missing server must never turn a red run into a quietly skipped one;
- elsewhere (a developer's laptop without the package), the test is skipped with that
  same reason, which `pytest -rs` lists.

`make system-deps` installs all of them. `missing(reason)` applies the same policy to
anything else a tool needs (dovecot's system users, for instance)."""

from __future__ import annotations

import os
import shutil

import pytest

# The program, the Debian package that brings it, and where Debian puts it when PATH lacks sbin.
TOOLS = {
    "dovecot": ("dovecot-imapd", "/usr/sbin/dovecot"),
    "nginx": ("nginx", "/usr/sbin/nginx"),
    "openssl": ("openssl", "/usr/bin/openssl"),
    "chromium": ("chromium", "/usr/bin/chromium"),
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def find(tool: str) -> str | None:
    """The program's path, or None when it is not installed."""
    _package, usual = TOOLS[tool]
    found = shutil.which(tool)
    if found:
        return found
    return usual if os.access(usual, os.X_OK) else None


def missing(reason: str) -> None:
    """Fail in CI, skip elsewhere; never returns."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails the run instead of skipping)", pytrace=False)
    pytest.skip(reason)


def need(tool: str) -> str:
    """The path of a Debian program the test needs: fails in CI when missing, skips elsewhere."""
    path = find(tool)
    if path is None:
        package, _usual = TOOLS[tool]
        missing(f"{tool} is not installed: install Debian's {package} (make system-deps)")
    return path

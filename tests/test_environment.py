"""The environment `make install` builds: no installed package runs code at every Python start.

urllib3-future (caldav -> niquests -> urllib3-future) ships a wheel with a start-up hook,
urllib3_future.pth, that ran in every Python process here before its first line (imports and
file reads: 84 M instructions for a bare `python -c pass` against 41 M without) and copied the
fork over upstream urllib3 for every package that imports it. The Makefile installs it in the
fork's documented cohabitation mode instead (see the comment above its $(STAMP) rule)."""

from __future__ import annotations

import subprocess
import sys


def _in_a_fresh_python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_a_bare_python_start_loads_no_package_hook():
    loaded = _in_a_fresh_python("import sys; print(sorted(m for m in sys.modules if 'urllib3' in m or m == 'shutil'))")
    assert loaded == "[]", f"a start-up hook ran: {loaded} (reinstall with `make install`)"


def test_urllib3_is_upstreams_and_the_fork_lives_beside_it():
    """requests (apprise's pushes) gets the urllib3 it was installed with; niquests (caldav's
    calendars) gets the fork under its own name."""
    found = _in_a_fresh_python(
        "import importlib.metadata as m, urllib3, urllib3_future, niquests\n"
        "print(urllib3.__version__ == m.version('urllib3'), urllib3_future.__version__ == m.version('urllib3-future'))"
    )
    assert found == "True True"

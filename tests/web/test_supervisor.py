"""The watcher of a multi-process server gives up on workers that keep dying."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from goodwill.web import supervisor


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the watcher forks")
def test_watcher_gives_up_when_workers_keep_dying(capfd):
    handlers = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    pid = os.fork()
    if pid == 0:
        os._exit(3)
    try:
        # fd -1 is no socket: every fresh worker fails at once, as a broken install would.
        status = supervisor.watch({pid}, fd=-1, threads=1, jobs=False)
    finally:
        signal.signal(signal.SIGTERM, handlers[0])
        signal.signal(signal.SIGINT, handlers[1])
    assert status == 1
    assert "server processes keep stopping" in capfd.readouterr().err


def test_watcher_command_carries_the_socket_children_and_jobs():
    argv = supervisor.command(7, threads=8, jobs=True, children=[11, 12])
    assert argv[0] == sys.executable and argv[1:3] == ["-m", "goodwill.web.supervisor"]
    assert argv[argv.index("--fd") + 1] == "7" and argv[argv.index("--children") + 1] == "11,12"
    assert "--jobs" in argv and "--jobs" not in supervisor.command(7, threads=8, jobs=False, children=[11])

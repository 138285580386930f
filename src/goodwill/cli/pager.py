"""Long output through the user's pager, as git does it.

Only when stdout is a terminal: a pipe or a file gets the text as it is, and
`--no-pager` turns the pager off for a terminal too. The pager is $PAGER, else
`less`; `less` gets LESS=FRX unless the user set LESS (quit at once when the
text fits the screen, keep colours, leave the text on the screen)."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO


def at_terminal() -> bool:
    return sys.stdout.isatty()


def pager_command() -> list[str] | None:
    """The pager to run, or None: no pager set ("" or "cat"), or not installed."""
    words = shlex.split(os.environ.get("PAGER", "less"))
    if not words or words == ["cat"] or shutil.which(words[0]) is None:
        return None
    return words


@contextmanager
def paged(enabled: bool = True) -> Iterator[IO[str]]:
    """A stream to write the output to: the pager's input at a terminal, else stdout."""
    command = pager_command() if enabled and at_terminal() else None
    if command is None:
        yield sys.stdout
        return
    sys.stdout.flush()  # what was printed before goes first
    pager = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, "LESS": os.environ.get("LESS", "FRX")},
    )
    assert pager.stdin is not None
    # Ctrl-C at the pager is the pager's to handle (less stays open, as under git): this
    # process ignores it while the pager runs, instead of dying with a traceback.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield pager.stdin
    except BrokenPipeError:
        pass  # the user quit the pager before the end: nothing more to show
    finally:
        try:
            pager.stdin.close()
        except BrokenPipeError:
            pass
        pager.wait()
        signal.signal(signal.SIGINT, previous)

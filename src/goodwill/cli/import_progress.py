"""A progress bar for long imports and exports: on standard error, only at a
terminal, and only once the work has taken over a second (short runs stay quiet)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from goodwill.cli.output import errors

T = TypeVar("T")
DELAY_SECONDS = 1.0


def run_with_progress(
    work: Callable[[Callable[[int], None]], T], *, total: int | None = None, show: bool = True, unit: str = "records"
) -> T:
    """work(progress) where progress(n) says n more items are done."""
    if not show or not errors.is_terminal:
        return work(lambda count: None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    state: dict = {"bar": None, "task": None, "done": 0}

    def progress(count: int) -> None:
        state["done"] += count
        if state["bar"] is None:
            if time.monotonic() - started < DELAY_SECONDS:
                return
            columns = [SpinnerColumn(), TextColumn(unit)]
            if total:
                columns += [BarColumn(), MofNCompleteColumn()]
            else:
                columns += [TextColumn("{task.completed:,.0f}")]
            bar = state["bar"] = Progress(*columns, TimeElapsedColumn(), console=errors, transient=True)
            bar.start()
            state["task"] = bar.add_task(unit, total=total)
        # The total is an estimate (lines or cards counted in bytes): never past it.
        done = min(state["done"], total) if total else state["done"]
        state["bar"].update(state["task"], completed=done)

    try:
        return work(progress)
    finally:
        if state["bar"] is not None:
            state["bar"].stop()

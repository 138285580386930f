"""Reads a process makes in a thread of its own while what it keeps goes on answering: the
vector index (goodwill.search.vectors) and the postings lists (goodwill.search.postings), each
read whole again every ten minutes. One read at a time per key; each closes the database
connection its thread opened."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable


class Reads:
    def __init__(self, name: str) -> None:
        self.name = name  # the threads' name: goodwill-NAME
        self._threads: dict[Hashable, threading.Thread] = {}
        self._lock = threading.Lock()

    def start(self, key: Hashable, read: Callable[[], None]) -> None:
        """`read()` in a thread of its own, unless one for `key` is at work already. `read`
        handles its own failures: the process goes on with what it keeps."""
        with self._lock:
            if key in self._threads:
                return
            thread = self._threads[key] = threading.Thread(
                target=self._run, args=(key, read), name=f"goodwill-{self.name}", daemon=True
            )
        thread.start()

    def _run(self, key: Hashable, read: Callable[[], None]) -> None:
        from django.db import connection

        try:
            read()
        finally:
            connection.close()  # this thread's own
            with self._lock:
                self._threads.pop(key, None)

    def busy(self) -> bool:
        """Whether any read is at work (tests, benchmarks)."""
        with self._lock:
            return bool(self._threads)

    def wait(self, timeout: float | None = None) -> None:
        """Until the reads at work now are done (tests, benchmarks)."""
        with self._lock:
            threads = list(self._threads.values())
        for thread in threads:
            thread.join(timeout)

"""A server process keeps malloc to a few arenas (goodwill.memory.limit_arenas), set before
any of its threads start and inherited by the workers forked from it: glibc otherwise makes
an arena per busy thread, each keeping its freed space (docs/performance.md, "Issue 18 at
night": 443 MB against 385 MB under the same load)."""

import gc

from goodwill import memory
from goodwill.web import prefork


def test_a_server_process_limits_mallocs_arenas_before_it_loads_the_app(monkeypatch):
    asked: list[int] = []
    monkeypatch.setattr(memory, "limit_arenas", lambda count: asked.append(count) or True)
    try:
        application = prefork.loaded_application()
    finally:
        gc.unfreeze()  # loaded_application freezes what it loaded: give the test process its GC back
    assert callable(application)
    assert asked == [prefork.SERVER_ARENAS] and prefork.SERVER_ARENAS == 2

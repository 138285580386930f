"""Making the stored vectors again after a release with another sentence model
(goodwill.search.model_upgrade), beside the scheduler in every scheduling worker.

Each round takes a chunk of people of each owner whose vectors are another model's, each chunk
committed, until no owner is behind; then it looks again every tick, one small read (a
database file copied back from before the release is behind again). In its own thread, so a long pass never delays a digest. Workers sharing a
database (a server's processes each run one) split the owners: a worker claims an owner's pass
for a chunk, and the others skip that owner meanwhile."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections

log = logging.getLogger("goodwill.jobs")


def upgrade_round() -> int:
    """One chunk for each owner behind; returns the people whose vectors were made again."""
    from goodwill.search.model_upgrade import behind, upgrade_some

    return sum(upgrade_some(owner_id).people for owner_id in behind())


def upgrade_all() -> int:
    """Every owner's pass to its end (`goodwill worker --once`)."""
    from goodwill.search.model_upgrade import behind, upgrade

    return sum(upgrade(owner_id) for owner_id in behind())


class MeaningLoop:
    """Rounds back to back while there is work, then one every `tick_seconds`."""

    def __init__(self, stopping: threading.Event, tick_seconds: float) -> None:
        self.stopping = stopping
        self.tick_seconds = tick_seconds

    def run(self) -> None:
        while not self.stopping.is_set():
            close_old_connections()
            done = 0
            try:
                done = upgrade_round()
            except Exception:  # a failed round must not stop the loop; the next one tries again
                log.exception("remaking vectors for the new model failed")
            finally:
                close_old_connections()
            if not done:
                self.stopping.wait(self.tick_seconds)

"""Stored vectors made again when the sentence model changes (a release with another model).

A vector's digest names its text under a model version (habits.meaning.score.digest), so a
vector of another model is never taken for this one's; but a ranking multiplies the query by
every stored vector (search.vectors.nearest), and across two models' spaces that product means
nothing. models.MeaningIndex says, per owner, which model made every stored vector. While it is
not the installed one:

- rankings leave meaning out and match by words alone (`is_current`), and each front door says
  so, with how far the pass has come (`pending`);
- the pass (`upgrade_some`) makes the vectors again in person-id order, a chunk at a time: a
  chunk's new texts are encoded outside any transaction, then the chunk is written in a short
  one (SQLite has one writer: a request must not wait seconds behind the pass), from where the
  last one stopped, so it resumes after a restart; the last chunk marks the index current. The
  workers run it (goodwill.jobs.meaning), `goodwill worker --once` and `goodwill reindex` to the
  end; a request never does.

People written meanwhile (an edit, an import) get the installed model's vectors at once
(search._write); the pass reuses those by digest rather than encoding them again. Every process
sharing a database is expected to run the same release (and so the same model).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Q

from goodwill import clock
from goodwill.habits.meaning import MODEL_VERSION

CHUNK = 200  # people a transaction: ~3,000 pieces, well under a second of writing
CLAIM = timedelta(minutes=10)  # a chunk's encoding takes seconds; a dead worker's claim lapses


@dataclass(frozen=True)
class Pending:
    """An owner's vectors are being made again with the installed model."""

    done: int  # people whose vectors the pass has made (the rest: the old model's)
    total: int

    def line(self) -> str:
        return (
            f"Matching by meaning is being rebuilt for a new model ({self.done:,} of {self.total:,} people so far); "
            "until it is done, people are matched by shared words alone."
        )


@dataclass(frozen=True)
class Step:
    people: int  # people whose vectors this step made again
    finished: bool  # the owner's vectors are all the installed model's now (or were already)


_lock = threading.Lock()
_current: set[tuple[str, int]] = set()  # owners seen current under the installed model
_recorded: set[tuple[str, int]] = set()  # owners whose row is known to exist (committed)


def _key(owner_id: int) -> tuple[str, int]:
    return (str(connection.settings_dict.get("NAME")), owner_id)


def _model():
    from goodwill.models import MeaningIndex

    return MeaningIndex


def is_current(owner_id: int) -> bool:
    """Every stored vector of the owner is the installed model's. Once true it stays true for
    the process (a model changes only with a release, that is a new process), so a ranking
    asks the database only while a pass is under way."""
    key = _key(owner_id)
    with _lock:
        if key in _current:
            return True
    version = _model().objects.filter(owner_id=owner_id).values_list("model_version", flat=True).first()
    if version is not None and version != MODEL_VERSION:
        return False
    with _lock:
        _current.add(key)
    return True


def written(owner_id: int) -> None:
    """The owner's vectors were just written by the installed model: an owner new to meaning
    gets a row saying so, so that a later release with another model knows these vectors are
    this one's. Kept in mind only once committed (a rolled-back row is not there)."""
    key = _key(owner_id)
    with _lock:
        if key in _recorded:
            return
    _model().objects.bulk_create([_model()(owner_id=owner_id, model_version=MODEL_VERSION)], ignore_conflicts=True)

    def remember() -> None:
        with _lock:
            _recorded.add(key)

    transaction.on_commit(remember)


def current_now(owner_id: int) -> None:
    """Every vector of the owner was just made by the installed model (search.rebuild)."""
    _model().objects.update_or_create(
        owner_id=owner_id, defaults={"model_version": MODEL_VERSION, "upgrading_to": "", "upgraded_through": 0}
    )


def pending(owner) -> Pending | None:
    """How far the pass has come for this owner; None when their vectors are current."""
    from goodwill.models import Person

    if is_current(owner.pk):
        return None
    state = _model().objects.filter(owner_id=owner.pk).first()
    through = _resume_from(state) if state is not None else 0
    people = Person.objects.filter(owner_id=owner.pk)
    return Pending(done=people.filter(pk__lte=through).count(), total=people.count())


def behind() -> list[int]:
    """Owners whose stored vectors are another model's, by id."""
    return list(
        _model().objects.exclude(model_version=MODEL_VERSION).order_by("owner_id").values_list("owner_id", flat=True)
    )


def _resume_from(state) -> int:
    return state.upgraded_through if state.upgrading_to == MODEL_VERSION else 0


def upgrade_some(owner_id: int, people: int = CHUNK) -> Step:
    """Make the next `people` people's vectors again with the installed model. Returns at once,
    having done nothing, when another worker holds the owner's pass.

    A worker first claims the owner's pass for CLAIM (one conditional UPDATE, the same on both
    databases), so that several workers (a server's processes each run one) never encode the
    same chunk side by side; a claim left by a worker that died lapses."""
    from goodwill.models import Person
    from goodwill.search import vectors
    from goodwill.search.documents import fields_for

    state = _model().objects.filter(owner_id=owner_id).first()
    if state is None or state.model_version == MODEL_VERSION:
        return Step(0, True)
    now = clock.now()
    mine = now + CLAIM
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    if not _model().objects.filter(free, owner_id=owner_id).update(claimed_until=mine):
        return Step(0, False)
    try:
        state.refresh_from_db()
        start = _resume_from(state)
        later = Person.objects.filter(owner_id=owner_id, pk__gt=start).order_by("pk")
        ids = list(later.values_list("pk", flat=True)[:people])
        made = vectors.encode_missing(owner_id, fields_for(ids))  # the slow part, holding no lock
        with transaction.atomic():
            state = _model().objects.select_for_update().filter(owner_id=owner_id).first()
            if state is None or state.model_version == MODEL_VERSION:
                return Step(0, state is not None)
            if _resume_from(state) != start:  # another worker wrote this chunk (our claim lapsed)
                return Step(0, False)
            if ids:
                vectors.write(owner_id, fields_for(ids), made=made)  # read again: an edit since counts
            finished = not ids or not Person.objects.filter(owner_id=owner_id, pk__gt=ids[-1]).exists()
            if finished:
                state.model_version, state.upgrading_to, state.upgraded_through = MODEL_VERSION, "", 0
            else:
                state.upgrading_to, state.upgraded_through = MODEL_VERSION, ids[-1]
            state.claimed_until = None
            state.save()
        return Step(len(ids), finished)
    finally:  # whatever happened, the next chunk is anyone's (a claim taken over since is left alone)
        _model().objects.filter(owner_id=owner_id, claimed_until=mine).update(claimed_until=None)


def upgrade(owner_id: int) -> int:
    """The owner's whole pass, chunk by chunk, each committed; returns the people done."""
    done = 0
    while True:
        step = upgrade_some(owner_id)
        done += step.people
        if step.finished or not step.people:
            return done


def forget() -> None:
    """Drop what this process knows (tests: each rolls its database back)."""
    with _lock:
        _current.clear()
        _recorded.clear()

"""Undoing an import batch: remove what it created, put back what it overwrote.

Set-based: the people a batch created go by id set (purge.delete_by_ids, every
relation that points at a person), and the rows it added to people who were here
before go one model at a time, a slice of ids a statement."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Address, ContactPoint, ImportBatch, ImportItem, Interaction, NextStep, Note, Person, Photo
from goodwill.models.base import Owner
from goodwill.search import mark_stale
from goodwill.services import rhythm
from goodwill.services.contacts_import.purge import delete_by_ids
from goodwill.services.import_sql import PERSON_TABLE, any_of, in_slices, select_rows

# Rows a batch added to people who were here before (or steps a mail import proposed).
ADDED = {"contactpoint": ContactPoint, "address": Address, "note": Note, "photo": Photo, "nextstep": NextStep}


@transaction.atomic
def undo_import(owner: Owner, batch_id: int | str) -> ImportBatch:
    """Remove what a batch created and restore what it overwrote."""
    text = str(batch_id).strip().lstrip("#")
    batch = ImportBatch.objects.filter(owner=owner, pk=int(text) if text.isdecimal() else -1).first()
    if batch is None:
        raise InvalidInput(f'no import batch "{batch_id}"', code="import-id")
    if batch.undone_at:
        raise InvalidInput(f"import #{batch.pk} was already undone on {batch.undone_at:%Y-%m-%d}")
    items = list(batch.items.order_by("pk").values_list("model", "object_id", "action", "previous"))
    created = [pk for model, pk, action, _ in items if model == "person" and action == ImportItem.CREATED]
    created += [pk for model, _, _, previous in items if model == "people" for pk in previous["ids"]]
    created_people = _still_here(owner, created)
    used = _in_use(created_people)
    if used:
        raise InvalidInput(
            f"{used} people from import #{batch.pk} have interactions or steps since; "
            "archive them instead, or merge them into the people you use"
        )
    added: dict[str, list[int]] = defaultdict(list)
    tags: dict[int, list[int]] = defaultdict(list)  # tag -> people it was given to
    updates: dict[int, list[dict[str, Any]]] = defaultdict(list)  # person -> what to put back, in order
    replies: list[tuple[int, Any]] = []
    for model, pk, action, previous in items:
        if model in ADDED:
            added[model].append(pk)
        elif model == "interaction-reply":
            replies.append((pk, previous.get("replied_at")))
        elif model == "persontag":
            tags[previous["tag_id"]].append(pk)
        elif model == "person" and action == ImportItem.UPDATED:
            updates[pk].append(previous)
    for model, ids in added.items():
        for part in in_slices(ids):
            # delete(), not a raw delete: a note's removal marks its person's search document stale.
            ADDED[model].objects.filter(owner=owner, pk__in=part).delete()
    for pk, replied in replies:  # a reply owed that mail import marked answered: owed again
        Interaction.objects.filter(owner=owner, pk=pk).update(
            replied_at=datetime.fromisoformat(replied) if replied else None
        )
    for tag_id, people in tags.items():
        for part in in_slices(people):
            Person.tags.through.objects.filter(person_id__in=part, tag_id=tag_id).delete()
            mark_stale(owner.pk, part)
    _put_back(owner, updates)
    logged = [pk for model, pk, _, _ in items if model == "interaction"]
    if logged:
        # Imported meetings or emails: remove them, then let each person's rhythm forget them.
        touched: dict[int, Person] = {}
        for part in in_slices(logged):
            touched.update((p.pk, p) for p in Person.objects.filter(owner=owner, interactions__pk__in=part))
        for part in in_slices(logged):
            Interaction.objects.filter(owner=owner, pk__in=part).delete()
        for person in touched.values():
            rhythm.recount_last_touch(person)
    delete_by_ids(Person, created_people)
    batch.undone_at = clock.now()
    batch.save(update_fields=["undone_at"])
    return batch


def _still_here(owner: Owner, ids: list[int]) -> list[int]:
    """The owner's people among these ids (some may have been deleted or merged away since).
    Plain SQL, as the next check: Django compiling an IN (...) of 900 ids cost more than the query."""
    return [
        pk
        for where, params in any_of("id", ids)
        for (pk,) in select_rows(f"SELECT id FROM {PERSON_TABLE} WHERE owner_id = %s AND {where}", [owner.pk, *params])
    ]


def _in_use(people: list[int]) -> int:
    """How many of these people have interactions or steps: undo would lose those."""
    used: set[int] = set()
    for table in (Interaction.participants.through._meta.db_table, NextStep._meta.db_table):
        for where, params in any_of("person_id", people):  # a big batch is more ids than one IN takes
            rows = select_rows(f"SELECT DISTINCT person_id FROM {table} WHERE {where}", params)
            used.update(pk for (pk,) in rows)
    return len(used)


def _put_back(owner: Owner, updates: dict[int, list[dict[str, Any]]]) -> None:
    """People who were here before get the fields the batch overwrote, latest change first."""
    for part in in_slices(list(updates)):
        for person in Person.objects.filter(owner=owner, pk__in=part):
            for previous in reversed(updates[person.pk]):
                for name, value in previous.items():
                    setattr(person, name, value)
            rhythm.refresh(person, save=False)
            person.save()

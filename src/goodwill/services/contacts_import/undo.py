"""Undoing an import batch: remove what it created, put back what it overwrote."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Q

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Address, ContactPoint, ImportBatch, ImportItem, Interaction, NextStep, Note, Person, Photo
from goodwill.models.base import Owner
from goodwill.services import rhythm
from goodwill.services.import_sql import in_slices


@transaction.atomic
def undo_import(owner: Owner, batch_id: int | str) -> ImportBatch:
    """Remove what a batch created and restore what it overwrote."""
    text = str(batch_id).strip().lstrip("#")
    batch = ImportBatch.objects.filter(owner=owner, pk=int(text) if text.isdecimal() else -1).first()
    if batch is None:
        raise InvalidInput(f'no import batch "{batch_id}"', code="import-id")
    if batch.undone_at:
        raise InvalidInput(f"import #{batch.pk} was already undone on {batch.undone_at:%Y-%m-%d}")
    items = list(batch.items.all())
    created_people = [i.object_id for i in items if i.model == "person" and i.action == ImportItem.CREATED]
    created_people += [pk for i in items if i.model == "people" for pk in i.previous["ids"]]
    used = sum(
        Person.objects.filter(owner=owner, pk__in=part)
        .filter(Q(interactions__isnull=False) | Q(steps__isnull=False))
        .distinct()
        .count()
        for part in in_slices(created_people)
    )  # slices: a big batch is more ids than one IN takes
    if used:
        raise InvalidInput(
            f"{used} people from import #{batch.pk} have interactions or steps since; "
            "archive them instead, or merge them into the people you use"
        )
    models = {"contactpoint": ContactPoint, "address": Address, "note": Note, "photo": Photo, "nextstep": NextStep}
    for item in items:
        if item.model in models:
            models[item.model].objects.filter(owner=owner, pk=item.object_id).delete()
        elif item.model == "interaction-reply":  # a reply owed that mail import marked answered: owed again
            replied = item.previous.get("replied_at")
            Interaction.objects.filter(owner=owner, pk=item.object_id).update(
                replied_at=datetime.fromisoformat(replied) if replied else None
            )
        elif item.model == "persontag":
            Person.tags.through.objects.filter(person_id=item.object_id, tag_id=item.previous["tag_id"]).delete()
        elif item.model == "person" and item.action == ImportItem.UPDATED:
            person = Person.objects.filter(owner=owner, pk=item.object_id).first()
            if person:
                for name, value in item.previous.items():
                    setattr(person, name, value)
                rhythm.refresh(person, save=False)
                person.save()
    logged = [i.object_id for i in items if i.model == "interaction"]
    if logged:
        # Imported meetings or emails: remove them, then let each person's rhythm forget them.
        touched = list(Person.objects.filter(owner=owner, interactions__pk__in=logged).distinct())
        Interaction.objects.filter(owner=owner, pk__in=logged).delete()
        for person in touched:
            rhythm.recount_last_touch(person)
    for part in in_slices(created_people):
        Person.objects.filter(owner=owner, pk__in=part).delete()
    batch.undone_at = clock.now()
    batch.save(update_fields=["undone_at"])
    return batch

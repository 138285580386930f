"""Deleting a person, and bringing them back: nothing is gone until the user empties it.

`delete_person(owner, person)` snapshots the person and every row the delete would
remove or change into a PersonDeletion, in the merge's snapshot format
(goodwill.services.merge: `row_data` / `restore_row`), then deletes:
  person   the person's own fields, to recreate them with their former id
  name     their name, for the list of deleted people
  deleted  {"app.Model": [full rows]}: everything the delete removes (contact points,
           notes, steps, tags and interaction links, interactions with nobody else...)
  order    the labels of `deleted` in the order they are put back (parents first)
  nulled   {"app.Model.column": [row ids]}: links elsewhere that pointed at them and
           were emptied (someone they introduced, a note they were the source of)
What the delete touches is found by Django's own delete collector, so a model added
later is kept too. An interaction shared with other people stays: only this person's
participant link goes (and comes back on restore); one with nobody else goes with them.
`restore_person` puts back the same id and every row exactly.
"""

from __future__ import annotations

from django.apps import apps
from django.db import router, transaction
from django.db.models import Count
from django.db.models.deletion import Collector

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Interaction, Person, PersonDeletion
from goodwill.search import mark_stale
from goodwill.services.merge import DERIVED, restore_row, row_data


def _collect(person: Person) -> Collector:
    collector = Collector(using=router.db_for_write(Person), origin=person)
    collector.collect([person])
    # Interactions with nobody but this person would be left with no one: they go too.
    solo = list(
        Interaction.objects.filter(pk__in=person.interactions.values("pk"))
        .annotate(people=Count("participants"))
        .filter(people=1)
    )
    if solo:
        collector.collect(solo)
    collector.sort()
    return collector


def _snapshot(person: Person, collector: Collector) -> dict:
    deleted: dict[str, list[dict]] = {}
    order: list[str] = []

    def keep(model, rows) -> None:
        if not rows:
            return
        label = model._meta.label
        if label not in deleted:
            deleted[label] = []
            order.append(label)
        have = {r["id"] for r in deleted[label]}
        deleted[label].extend(row_data(r) for r in rows if r.pk not in have)

    models_in_order = [m for m in reversed(list(collector.data)) if m is not Person and m not in DERIVED]
    for model in models_in_order:
        keep(model, sorted(collector.data[model], key=lambda r: r.pk))
    for qs in collector.fast_deletes:
        if qs.model not in DERIVED:
            keep(qs.model, list(qs.order_by("pk")))
    others = [p for p in collector.data.get(Person, ()) if p.pk != person.pk]
    if others:  # the collector never takes other people with a person; should it ever, keep them
        keep(Person, others)
    nulled: dict[str, list[int]] = {}
    for (field, _value), batches in collector.field_updates.items():
        ids = set()
        for batch in batches:
            # django-stubs type a batch as one row; Django appends each batch of rows (a list or queryset)
            ids |= {obj.pk for obj in batch}  # type: ignore[attr-defined]
        if ids:
            nulled.setdefault(f"{field.model._meta.label}.{field.attname}", [])
            nulled[f"{field.model._meta.label}.{field.attname}"] = sorted(
                set(nulled[f"{field.model._meta.label}.{field.attname}"]) | ids
            )
    return {"person": row_data(person), "name": person.name, "deleted": deleted, "order": order, "nulled": nulled}


@transaction.atomic
def delete_person(owner, person: Person) -> PersonDeletion:
    """Delete someone and everything that is only theirs; `restore_person` undoes it."""
    person.check_owner(owner)
    person = Person.objects.select_for_update().get(pk=person.pk, owner=owner)
    collector = _collect(person)
    snapshot = _snapshot(person, collector)
    shared = Interaction.objects.filter(participants=person).values_list("participants", flat=True)
    others = sorted({pk for pk in shared if pk != person.pk})
    deletion = PersonDeletion.objects.create(
        owner=owner, person_id=person.pk, name=person.name, snapshot=snapshot, created_at=clock.now()
    )
    collector.delete()
    if others:
        mark_stale(owner.pk, others)
    return deletion


def deletions(owner, *, include_undone: bool = False) -> list[PersonDeletion]:
    rows = PersonDeletion.objects.filter(owner=owner).order_by("-created_at", "-id")
    if not include_undone:
        rows = rows.filter(undone_at__isnull=True)
    return list(rows)


def get_deletion(owner, deletion_id) -> PersonDeletion:
    text = str(deletion_id or "").strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{deletion_id}" is not a deletion number; the list of deleted people shows them')
    return PersonDeletion.objects.get_owned(owner, text)


@transaction.atomic
def restore_person(owner, deletion: PersonDeletion) -> Person:
    """Bring a deleted person back with their former id and exactly what was theirs."""
    deletion = PersonDeletion.objects.select_for_update().get_owned(owner, deletion.pk)
    if deletion.undone_at is not None:
        raise InvalidInput(f"{deletion.name} was already restored on {deletion.undone_at:%Y-%m-%d}")
    if Person.objects.filter(pk=deletion.person_id).exists():
        raise InvalidInput(f"cannot restore {deletion.name}: id #{deletion.person_id} is in use again")
    snap = deletion.snapshot
    person = restore_row(Person, snap["person"])
    for label in snap.get("order", list(snap["deleted"])):
        model = apps.get_model(label)
        for data in snap["deleted"][label]:
            if model._default_manager.filter(pk=data["id"]).exists():
                continue
            try:
                restore_row(model, data)
            except InvalidInput:
                # What the row belonged to is gone since (an encounter shared with someone
                # deleted after them, say): the row has nothing left to belong to.
                continue
    for key, ids in snap.get("nulled", {}).items():
        label, column = key.rsplit(".", 1)
        model = apps.get_model(label)
        # Only links still empty: one set to someone else since is the user's newer choice.
        model._default_manager.filter(pk__in=ids, **{f"{column}__isnull": True}).update(**{column: person.pk})
    shared = Interaction.objects.filter(participants=person).values_list("participants", flat=True)
    # Rows came back without signals that matter to search: re-read everyone they touch.
    mark_stale(owner.pk, sorted({person.pk, *shared}))
    deletion.undone_at = clock.now()
    deletion.save(update_fields=["undone_at"])
    return person


@transaction.atomic
def purge_deletion(owner, deletion: PersonDeletion) -> str:
    """Forget a deletion for good (its snapshot goes); only on the user's explicit request."""
    found = PersonDeletion.objects.get_owned(owner, deletion.pk)
    name = found.name
    found.delete()
    return name

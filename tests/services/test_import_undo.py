"""Undoing an import removes its people through every relation that points at a person
(services.contacts_import.purge walks them set-based), and nothing of anyone else's.

The first test fails when a new relation to Person appears that it gives no row: add
one below, so undo is shown to clear it too (pytest-django's transaction also checks
the foreign keys at the end of each test, so an orphan left behind fails there)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from goodwill.models import (
    Address,
    ContactPoint,
    Exchange,
    FieldVector,
    ImportantDate,
    ImportBatch,
    Introduction,
    Item,
    MergeRecord,
    Note,
    Person,
    PersonStrength,
    Photo,
    ProfileEntry,
    Share,
    Tag,
)
from goodwill.models.reach import CaptureSource, UpcomingMeeting
from goodwill.services.contacts_import import import_contacts, undo_import
from goodwill.services.contacts_import.purge import delete_by_ids
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
# Relations undo never has to clear: a batch with people who have these is refused.
REFUSED = {("Interaction", "participants"), ("NextStep", "person"), ("StepChange", "step")}


def relations(model=Person, seen=None) -> list[tuple[type, str, str, type]]:
    """(model, field, column, points at) for every relation that reaches a person:
    foreign keys, cascades from those, and many-to-many link tables."""
    seen = set() if seen is None else seen
    found = []
    for rel in model._meta.related_objects:
        field = rel.field
        if rel.many_to_many:
            through = rel.through
            column = through._meta.get_field(field.m2m_reverse_field_name()).column
            found.append((through, field.name, column, model))
            continue
        found.append((rel.related_model, field.name, field.column, model))
        if rel.on_delete.__name__ == "CASCADE" and rel.related_model not in seen:
            seen.add(rel.related_model)
            found += relations(rel.related_model, seen)
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        found.append((through, field.name, through._meta.get_field(field.m2m_field_name()).column, model))
    return found


def _label(model, field: str) -> tuple[str, str]:
    name = model.__name__
    if model._meta.auto_created:  # a link table: name it by the many-to-many field's model
        name = model._meta.auto_created.__name__
    return name, field


def _pointing(model, column: str, ids: list[int]) -> int:
    if not ids:
        return 0
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {connection.ops.quote_name(column)} IN ({marks})", ids)
        return cursor.fetchone()[0]


def _targets(people: list[int]) -> dict:
    """The ids each relation is checked against: the people, or the rows that cascade from them."""
    ids: dict = {Person: people}
    for model, _, column, target in relations():
        if target is Person and model not in ids and not model._meta.auto_created:
            ids[model] = list(model.objects.filter(**{f"{column}__in": people}).values_list("pk", flat=True))
    return ids


def _everything_of(owner) -> dict[str, int]:
    """Row counts of one owner's data, by model: what undo must leave alone."""
    counted = {}
    for model in (Person, ContactPoint, Address, Note, Photo, ImportantDate, ProfileEntry, Share, Exchange, Tag):
        counted[model.__name__] = model.objects.filter(owner=owner).count()
    counted["tags"] = Person.tags.through.objects.filter(person__owner=owner).count()
    return counted


def test_undo_clears_every_relation_to_the_people_it_created(alice, bob, now):
    keeper = add_person(alice, PersonFields(name="Kept Keeper", emails=["keep@example.org"]))
    add_person(bob, PersonFields(name="Bob's Friend", emails=["grace@example.org"]))
    bob_before = _everything_of(bob)
    report = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    created = list(Person.objects.filter(owner=alice).exclude(pk=keeper.pk).order_by("pk"))
    ada, grace = created[0], created[1]
    # One row (at least) in every table that points at a person, on the imported people.
    Note.objects.create(owner=alice, person=ada, text="met at the fair", created_at=now)
    Address.objects.create(owner=alice, person=ada, city="Austin")
    Photo.objects.create(owner=alice, person=ada, media_type="image/png", data=b"\x89PNG")
    ImportantDate.objects.create(owner=alice, person=ada, label="anniversary", month=5, day=4)
    ProfileEntry.objects.create(owner=alice, person=ada, kind="interest", text="sailing", created_at=now)
    item = Item.objects.create(owner=alice, title="An article", created_at=now)
    share = Share.objects.create(owner=alice, item=item, person=ada, created_at=now)
    intro = Introduction.objects.create(
        owner=alice, person_a=ada, person_b=keeper, why="both sail", created_at=now, updated_at=now
    )
    Introduction.objects.create(owner=alice, person_a=keeper, person_b=grace, why="x", created_at=now, updated_at=now)
    Exchange.objects.create(
        owner=alice, person=ada, kind="lead", direction="given", occurred_on=date(2026, 1, 2), created_at=now
    )
    # Kept rows that point at the imported people through SET_NULL links, and at rows that cascade.
    kept_exchange = Exchange.objects.create(
        owner=alice,
        person=keeper,
        kind="referral",
        direction="received",
        occurred_on=date(2026, 1, 3),
        source=grace,
        introduction=intro,
        share=share,
        created_at=now,
    )
    keeper.introduced_by = ada
    keeper.save()
    FieldVector.objects.create(owner=alice, person=ada, kind="interest", digest="d", vector=b"\x00\x00")
    PersonStrength.objects.update_or_create(
        person=ada, defaults={"owner": alice, "score": 12.0, "score_quarter_ago": 10.0, "computed_on": date(2026, 1, 2)}
    )
    MergeRecord.objects.create(owner=alice, kept=ada, merged_id=10**9, snapshot={}, created_at=now)
    source = CaptureSource.objects.create(owner=alice, kind="ics", name="cal", created_at=now)
    meeting = UpcomingMeeting.objects.create(owner=alice, source=source, key="k", title="Lunch", starts_at=now)
    meeting.people.add(ada, keeper)
    ada.tags.add(Tag.objects.create(owner=alice, name="sailors"))
    from goodwill import search

    search.ensure_current(alice)  # search documents for everyone

    ids = _targets([p.pk for p in created])
    missing = [
        _label(model, field)
        for model, field, column, target in relations()
        if _label(model, field) not in REFUSED and not _pointing(model, column, ids[target])
    ]
    assert not missing, f"give these relations a row in this test, so undo is shown to clear them: {missing}"

    undo_import(alice, report.batch_id)

    for model, field, column, target in relations():
        assert not _pointing(model, column, ids[target]), _label(model, field)
    assert list(Person.objects.filter(owner=alice)) == [keeper]
    keeper.refresh_from_db()
    kept_exchange.refresh_from_db()
    assert keeper.introduced_by_id is None
    assert (kept_exchange.source_id, kept_exchange.introduction_id, kept_exchange.share_id) == (None, None, None)
    assert list(meeting.people.all()) == [keeper]
    assert Item.objects.filter(pk=item.pk).exists()  # the article stays; only its share to Ada went
    assert _everything_of(bob) == bob_before
    assert ImportBatch.objects.get(pk=report.batch_id).undone_at == now


def test_undo_of_a_big_batch_takes_everyone_back_out(alice, bob, now, tmp_path):
    """More people than one IN (...) takes, with an owner's and a teammate's data beside them."""
    keeper = add_person(alice, PersonFields(name="Kept Keeper", emails=["keep@example.org"]))
    add_person(bob, PersonFields(name="Bob's Own", emails=["p1@example.com"]))
    before_alice, before_bob = _everything_of(alice), _everything_of(bob)
    path = tmp_path / "many.csv"
    lines = "".join(f"Person {n},p{n}@example.com,Org {n % 7},tag{n % 3}\n" for n in range(2100))
    path.write_text("Name,Email,Organization,Tags\n" + lines)
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 2100
    undo_import(alice, report.batch_id)
    assert list(Person.objects.filter(owner=alice)) == [keeper]
    after = _everything_of(alice)
    assert after.pop("Tag") >= before_alice.pop("Tag")  # tags the import made stay, unused, as before
    assert after == before_alice
    assert _everything_of(bob) == before_bob


def test_undo_puts_back_fields_in_the_order_they_were_changed(alice, now, tmp_path):
    """A person the batch changed twice (fields, then the introducer link) gets the
    fields they had before the batch, not the ones between the two changes."""
    add_person(alice, PersonFields(name="Ann Intro", emails=["ann@example.org"]))
    bea = add_person(alice, PersonFields(name="Bea Base", emails=["bea@example.org"]))
    before = (bea.title, dict(bea.extra), bea.introduced_by_id)
    path = tmp_path / "goodwill.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bea Base\r\nEMAIL:bea@example.org\r\nTITLE:Skipper\r\n"
        "X-GOODWILL-INTRODUCED-BY:Ann Intro\r\nEND:VCARD\r\n"
    )
    report = import_contacts(alice, [path], apply=True)
    bea.refresh_from_db()
    assert bea.title == "Skipper" and bea.introduced_by_id is not None
    undo_import(alice, report.batch_id)
    bea.refresh_from_db()
    assert (bea.title, bea.extra, bea.introduced_by_id) == before


def test_delete_by_ids_refuses_a_relation_it_cannot_mirror(alice, now, monkeypatch):
    from django.db import models

    rel = next(r for r in Person._meta.related_objects if r.related_model is Note)
    monkeypatch.setattr(rel, "on_delete", models.PROTECT)
    person = add_person(alice, PersonFields(name="Protected Pat"))
    with pytest.raises(RuntimeError, match="Note.person"):
        delete_by_ids(Person, [person.pk])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plans: PostgreSQL's are one array per relation")
def test_every_statement_of_a_purge_finds_its_rows_by_an_index(alice, now):
    """On SQLite a purge joins each relation to a temporary table of the ids: each
    statement must look its rows up by an index, never read a whole table (a 100,000-person
    network's million interactions), with planner statistics or without."""
    people = [add_person(alice, PersonFields(name=f"Gone {n}")).pk for n in range(3)]
    statements: list[str] = []

    def keep(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        delete_by_ids(Person, people)
    assert len(statements) >= 20 and not Person.objects.filter(pk__in=people).exists()
    raw = connection.connection
    for analyzed in (False, True):
        if analyzed:
            raw.execute("ANALYZE")
        for sql in statements:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql)]
            scans = [step for step in plan if step.startswith("SCAN") and "goodwill_purge_ids" not in step]
            assert not scans, (sql, plan)

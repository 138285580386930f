"""On PostgreSQL the foreign keys to a person refuse a delete at once (goodwill.person_keys):
every one of them, again after a migration writes one back, and without breaking a delete of
people and what points at them."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.db import IntegrityError, connection, transaction

from goodwill import person_keys
from goodwill.models import Note, Person
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.merge import merge_people
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's foreign keys")


@on_postgres
@pytest.mark.django_db
def test_every_key_to_a_person_restricts_a_delete():
    found = person_keys.actions(connection)
    assert len(found) >= 28  # every table that points at a person, and its column
    assert {column: action for column, action in found.items() if action != "RESTRICT"} == {}


@on_postgres
@pytest.mark.django_db
def test_a_key_a_migration_wrote_back_is_restricted_again_after_migrate():
    # What Django's schema editor does when a later migration alters one of these fields.
    written_back = person_keys.no_action(connection)
    assert set(person_keys.actions(connection).values()) == {"NO ACTION"}
    emit_post_migrate_signal(0, False, connection.alias)  # as at the end of `migrate`
    assert set(person_keys.actions(connection).values()) == {"RESTRICT"}
    assert person_keys.keep(connection) == 0 < written_back  # nothing left to change


@on_postgres
def test_a_person_something_still_points_at_is_refused_at_the_statement(alice):
    ann = add_person(alice, PersonFields(name="Ann Able"))
    add_note(alice, ann, "Moving to Austin in March")
    # NO ACTION would have let this statement through and failed only at the commit.
    with pytest.raises(IntegrityError, match="goodwill_note"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM goodwill_person WHERE id = %s", [ann.pk])
    assert Person.objects.filter(pk=ann.pk).exists()


@on_postgres
def test_deleting_and_merging_people_still_work(alice, bob, now):
    ann = add_person(alice, PersonFields(name="Ann Able"))
    ben = add_person(alice, PersonFields(name="Ben Baker", introduced_by="Ann Able"))
    add_note(alice, ann, "Sister of Ben", source=ben)
    log_interaction(alice, LogRequest(kind="meeting", people=[ann, ben], summary="coffee"))
    other = add_person(bob, PersonFields(name="Ann Able"))  # a teammate's, untouched by alice's deletes

    ann.delete()  # the ORM's cascade: what points at her first, then her
    assert not Person.objects.filter(pk=ann.pk).exists()
    ben.refresh_from_db()
    assert ben.introduced_by_id is None
    assert not Note.objects.filter(person_id=ann.pk).exists()

    twin = add_person(alice, PersonFields(name="Ben B."))
    add_note(alice, twin, "Prefers mornings")
    merge_people(alice, ben, twin)
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Note.objects.get(text="Prefers mornings").person_id == ben.pk
    assert Person.objects.filter(pk=other.pk).exists()

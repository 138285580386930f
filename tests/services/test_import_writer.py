"""The import's writer: queued INSERTs are in the database before anything else reads
it, a failed statement is raised and stops the rest, and an import that fails
leaves neither rows nor a thread behind. On PostgreSQL the same calls run at once."""

import sys
import threading

import pytest
from django.db import connection, transaction

from goodwill.models import ContactPoint, ImportBatch, Person, Tag
from goodwill.services.contacts_import import import_contacts
from goodwill.services.import_writer import BackgroundWriter
from goodwill.services.people import PersonFields, add_person


def _writer_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "goodwill-import-writer"]


def test_an_orm_query_sees_what_was_queued_before_it(alice):
    with BackgroundWriter() as sql:
        sql.insert(Tag, ["owner_id", "name"], [(alice.pk, f"tag{n}") for n in range(3000)])
        # No flush here: the ORM query itself waits for the queue (the execute wrapper).
        assert Tag.objects.filter(owner=alice, name__startswith="tag").count() == 3000
        assert sql.select("SELECT count(*) FROM goodwill_tag WHERE owner_id = %s", [alice.pk])[0][0] == 3000


def test_a_failed_statement_is_raised_and_the_ones_after_it_do_not_run(alice):
    taken = Tag.objects.create(owner=alice, name="taken")
    with pytest.raises(Exception) as raised, transaction.atomic():  # as an import runs it
        with BackgroundWriter() as sql:
            sql.insert(Tag, ["id", "owner_id", "name"], [(taken.pk, alice.pk, "clash")])  # the id is in use
            sql.insert(Tag, ["owner_id", "name"], [(alice.pk, "after")])
            sql.flush()
    assert "unique" in str(raised.value).lower() or "duplicate" in str(raised.value).lower()
    assert not Tag.objects.filter(owner=alice, name="after").exists()
    assert _writer_threads() == []


def test_an_error_in_the_importing_thread_drops_the_queue_and_stops_the_thread(alice):
    interval = sys.getswitchinterval()
    with pytest.raises(RuntimeError):
        with BackgroundWriter() as sql:
            sql.insert(Tag, ["owner_id", "name"], [(alice.pk, "x")])
            raise RuntimeError("reading the file failed")
    assert _writer_threads() == []
    assert sys.getswitchinterval() == interval


def test_ids_given_ahead_never_reuse_a_deleted_persons_id(alice):
    gone = add_person(alice, PersonFields(name="Gone Soon"))
    gone_id = gone.pk
    gone.delete()
    with BackgroundWriter() as sql:
        first = sql.allocate_ids(Person, 3)
        second = sql.allocate_ids(Person, 2)
    assert min(first) > gone_id
    assert len(set(first + second)) == 5 and min(second) > max(first)


def test_ids_given_ahead_are_the_ids_the_rows_get(alice, now, tmp_path):
    path = tmp_path / "Connections.csv"
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Ada{n},Lovelace,https://www.linkedin.com/in/ada-{n},ada{n}@example.com,Acme,CTO,01 Jan 2020"
        for n in range(2500)
    ]
    path.write_text("\n".join(lines) + "\n")
    report = import_contacts(alice, [path], apply=True)
    assert report.counts["created"] == 2500
    people = dict(Person.objects.filter(owner=alice).values_list("name", "pk"))
    # Every person's own email and LinkedIn address point at that person, not a neighbour.
    for email, person_id in ContactPoint.objects.filter(owner=alice, kind="email").values_list("value", "person_id"):
        number = email.removeprefix("ada").split("@")[0]
        assert people[f"Ada{number} Lovelace"] == person_id
    assert ContactPoint.objects.filter(owner=alice, kind="url").count() == 2500
    recorded = [
        pk for item in ImportBatch.objects.get(owner=alice).items.filter(model="people") for pk in item.previous["ids"]
    ]
    assert sorted(recorded) == sorted(people.values())  # what undo removes


def test_on_postgresql_statements_run_at_once(alice):
    with BackgroundWriter() as sql:
        assert sql.threaded == (connection.vendor == "sqlite")
        sql.insert(Tag, ["owner_id", "name"], [(alice.pk, "now")])
        if not sql.threaded:
            assert _writer_threads() == []
    assert Tag.objects.filter(owner=alice, name="now").exists()


def test_the_queue_is_bounded_so_a_slow_disk_holds_back_the_reader(alice, monkeypatch):
    from goodwill.services import import_writer

    monkeypatch.setattr(import_writer, "MAX_QUEUED", 2)
    with BackgroundWriter() as sql:
        for n in range(40):
            sql.insert(Tag, ["owner_id", "name"], [(alice.pk, f"t{n}")])
            if sql.threaded:
                assert sql._queue.qsize() <= 2
    assert Tag.objects.filter(owner=alice, name__startswith="t").count() == 40


def test_a_read_queued_for_later_sees_what_was_queued_before_it(alice):
    with BackgroundWriter(postgresql=True) as sql:  # threaded on both databases
        sql.insert(Tag, ["owner_id", "name"], [(alice.pk, f"later{n}") for n in range(500)])
        answer = sql.later(
            lambda select: select("SELECT count(*) FROM goodwill_tag WHERE owner_id = %s", [alice.pk])[0][0]
        )
        assert answer() == 500
        assert answer() == 500  # asked again, the same answer


def test_a_read_that_fails_later_raises_where_its_answer_is_wanted(alice):
    with pytest.raises(Exception) as raised, transaction.atomic():
        with BackgroundWriter(postgresql=True) as sql:
            answer = sql.later(lambda select: select("SELECT some_column FROM no_such_table", []))
            answer()
    assert "no_such_table" in str(raised.value)
    assert _writer_threads() == []


def test_a_read_behind_a_failed_write_is_never_left_waiting(alice):
    taken = Tag.objects.create(owner=alice, name="taken")
    with pytest.raises(Exception) as raised, transaction.atomic():
        with BackgroundWriter(postgresql=True) as sql:
            sql.insert(Tag, ["id", "owner_id", "name"], [(taken.pk, alice.pk, "clash")])
            answer = sql.later(lambda select: select("SELECT 1", []))
            answer()  # the write before it failed: this raises that, rather than waiting for ever
    assert "unique" in str(raised.value).lower() or "duplicate" in str(raised.value).lower()
    assert _writer_threads() == []


def test_unthreaded_a_later_read_runs_at_once(alice):
    with BackgroundWriter(background=False) as sql:
        answer = sql.later(lambda select: select("SELECT %s", [7])[0][0])
        assert answer() == 7

"""The search index: kept current by ordinary writes, built for bulk ones, never holding confidences."""

import re

import pytest
from django.db import connection, transaction

from goodwill import search
from goodwill.models import Person
from goodwill.models.service import SearchDocument
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person, archive_person, edit_person
from goodwill.services.profiles import add_entry, close_entry


def ids(owner, *terms):
    search.ensure_current(owner)
    return [pid for pid, _ in search.search(owner, list(terms))]


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe", title="Treasurer"))


def test_every_kind_of_write_reaches_the_index(alice, jane):
    assert ids(alice, "treasurer") == [jane.pk]
    edit_person(alice, jane, PersonFields(title="Controller"))
    assert ids(alice, "treasurer") == [] and ids(alice, "controller") == [jane.pk]
    entry = add_entry(alice, jane, "interest", "beekeeping")
    assert ids(alice, "beekeeping") == [jane.pk]
    close_entry(alice, entry)
    assert ids(alice, "beekeeping") == []
    add_note(alice, jane, "Collects vintage typewriters", "shareable")
    assert ids(alice, "typewriter") == [jane.pk]  # stemmed
    log_interaction(alice, LogRequest(kind="call", people=[jane], summary="Talked about kayaking trips"))
    assert ids(alice, "kayaking") == [jane.pk]


def test_confidential_text_never_enters_the_index(alice, jane):
    add_note(alice, jane, "Told me in confidence about the merger with Zenith", "confidential")
    add_entry(alice, jane, "need", "a secret buyer for Zenith", confidentiality="confidential")
    log_interaction(
        alice, LogRequest(kind="call", people=[jane], summary="Zenith deal call", confidentiality="confidential")
    )
    assert ids(alice, "zenith") == []
    doc = SearchDocument.objects.get(person=jane)
    assert "zenith" not in " ".join([doc.needs, doc.interests, doc.offers, doc.role, doc.notes]).lower()


def test_archived_people_are_not_found(alice, jane):
    archive_person(alice, jane)
    assert ids(alice, "treasurer") == []


def test_bulk_created_people_are_indexed_before_the_search(alice, now):
    Person.objects.bulk_create(
        [Person(owner=alice, name=f"Bulk {n}", title="Astronomer", created_at=now, updated_at=now) for n in range(3)]
    )
    assert len(ids(alice, "astronomer")) == 3


def test_rebuild_matches_incremental(alice, jane):
    add_entry(alice, jane, "offer", "grant writing")
    search.ensure_current(alice)
    before = {d.person_id: (d.needs, d.offers, d.role) for d in SearchDocument.objects.all()}
    assert search.rebuild(alice) == 1
    assert {d.person_id: (d.needs, d.offers, d.role) for d in SearchDocument.objects.all()} == before
    assert ids(alice, "grant") == [jane.pk]
    if connection.vendor == "sqlite":  # the FTS table agrees with its content table
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO goodwill_search_fts(goodwill_search_fts, rank) VALUES ('integrity-check', 1)")


def test_owners_never_see_each_others_people(alice, bob, charlie, jane):
    for other in (bob, charlie):
        assert ids(other, "treasurer") == []
    theirs = add_person(bob, PersonFields(name="Bob's Treasurer", title="Treasurer"))
    assert ids(bob, "treasurer") == [theirs.pk] and ids(alice, "treasurer") == [jane.pk]


def test_deleting_a_person_leaves_no_document(alice, jane):
    search.ensure_current(alice)
    add_note(alice, jane, "note")
    jane.delete()
    assert not SearchDocument.objects.exists() and ids(alice, "treasurer") == []


def test_search_terms_are_quoted_safely(alice, jane):
    assert ids(alice, 'treasurer"', "NEAR(x)", "*", "", 'a" OR "b') == [jane.pk]  # no syntax error, no injection


def test_a_big_network_still_finds_bulk_imports_without_counting_everyone(
    alice, jane, now, monkeypatch, django_capture_on_commit_callbacks
):
    # From TRUST_FROM documents, ensure_current looks only above the highest person id it checked.
    monkeypatch.setattr(search, "TRUST_FROM", 1)
    search.forget()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert ids(alice, "treasurer") == [jane.pk]
        assert search.indexed_count(alice) == 1
        Person.objects.bulk_create(
            [
                Person(owner=alice, name=f"Bulk {n}", title="Astronomer", created_at=now, updated_at=now)
                for n in range(2)
            ]
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert len(ids(alice, "astronomer")) == 2
        assert search.indexed_count(alice) == 3
        edit_person(alice, jane, PersonFields(title="Controller"))  # a stale document is rebuilt as before
        assert ids(alice, "controller") == [jane.pk]
    finally:
        search.forget()


def test_documents_written_then_rolled_back_are_looked_for_again(alice, jane, monkeypatch):
    monkeypatch.setattr(search, "TRUST_FROM", 1)
    search.forget()
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            search.ensure_current(alice)
            raise RuntimeError("the request failed")
        assert not SearchDocument.objects.filter(person=jane).exists()
        assert ids(alice, "treasurer") == [jane.pk]
    finally:
        search.forget()


on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's full-text search")


def test_archived_people_crowding_the_first_page_still_leave_a_full_page(alice, now):
    # Both engines rank the documents before looking at their people: when the best
    # matches are archived, the next ones still fill the page, best first.
    people = [add_person(alice, PersonFields(name=f"Person {n:02}")) for n in range(12)]
    for n, person in enumerate(people):
        add_note(alice, person, "Talked about beekeeping" + " and beekeeping" * (12 - n), "private")
    for person in people[:7]:
        archive_person(alice, person)
    search.ensure_current(alice)
    found = [pid for pid, _ in search.search(alice, ["beekeeping"], limit=3)]
    assert found == [p.pk for p in people[7:10]]


@on_postgres
def test_the_search_ranks_from_the_narrow_table_through_its_gin_index(alice, jane):
    # The statement pass-on runs reads goodwill_search_rank (no texts in its rows), never
    # the documents. On a test's few rows the planner reads by owner and filters; at 100,000
    # people an item's common words match most documents and a scan of the narrow table is
    # the right plan (benchmarks/bench_pass_on_meaning.py --full-text --explain shows it).
    from goodwill.search.backends import PostgresFTS

    def plan() -> str:
        cursor.execute("EXPLAIN " + PostgresFTS.SQL, ['"treasurer" or "beekeeping"', alice.pk, 200])
        return "\n".join(row[0] for row in cursor.fetchall())

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
        by_owner = plan()
        # Without the owner's index (rolled back with the test), the match comes from the GIN index.
        cursor.execute("DROP INDEX goodwill_search_rank_owner")
        by_words = plan()
    assert "on goodwill_search_rank " in by_owner and "goodwill_searchdocument" not in by_owner, by_owner
    assert "Bitmap Index Scan on goodwill_search_rank_tsv" in by_words, by_words
    assert "goodwill_searchdocument" not in by_words, by_words


def _rank_rows(owner):
    """goodwill_search_rank's rows for this owner beside what 0003's expression gives for each document."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT d.person_id, s.person_id, s.tsv = (
                   setweight(to_tsvector('english'::regconfig, coalesce(d.needs, '')), 'A') ||
                   setweight(to_tsvector('english'::regconfig, coalesce(d.interests, '')), 'B') ||
                   setweight(to_tsvector('english'::regconfig, coalesce(d.offers, '') || ' ' || coalesce(d.role, '')), 'C') ||
                   setweight(to_tsvector('english'::regconfig, coalesce(d.notes, '')), 'D'))
               FROM goodwill_search_rank s FULL JOIN goodwill_searchdocument d ON d.id = s.doc_id
               WHERE coalesce(s.owner_id, d.owner_id) = %s ORDER BY 1, 2""",
            [owner.pk],
        )
        return cursor.fetchall()


@on_postgres
def test_the_narrow_table_follows_every_write_to_the_documents(alice, bob, jane, now):
    # One row per document, with the tsvector the documents' own column held before
    # migration 0017 (so every score stays the same), through edits, stale marks and deletes.
    joe = add_person(alice, PersonFields(name="Joe Bloggs", title="Beekeeper"))
    bobs = add_person(bob, PersonFields(name="Bob's friend", title="Treasurer"))
    search.ensure_current(alice)
    search.ensure_current(bob)
    assert _rank_rows(alice) == [(jane.pk, jane.pk, True), (joe.pk, joe.pk, True)]
    add_entry(alice, jane, "need", "a beekeeping mentor")
    add_note(alice, joe, "Sells honey at the market", "shareable")
    search.ensure_current(alice)
    assert _rank_rows(alice) == [(jane.pk, jane.pk, True), (joe.pk, joe.pk, True)]
    assert ids(alice, "honey") == [joe.pk] and ids(alice, "mentor") == [jane.pk]
    joe.delete()
    assert _rank_rows(alice) == [(jane.pk, jane.pk, True)]
    assert ids(alice, "honey") == []
    assert _rank_rows(bob) == [(bobs.pk, bobs.pk, True)]  # another owner's rows, untouched
    assert ids(bob, "beekeeping") == [] and ids(alice, "treasurer") == [jane.pk]


@on_postgres
def test_marking_documents_stale_leaves_the_narrow_table_alone(alice, jane):
    search.ensure_current(alice)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid::text FROM goodwill_search_rank WHERE person_id = %s", [jane.pk])
        before = cursor.fetchone()
        search.mark_stale(alice.pk, [jane.pk])
        cursor.execute("SELECT ctid::text FROM goodwill_search_rank WHERE person_id = %s", [jane.pk])
        assert cursor.fetchone() == before  # the row was not rewritten


@on_postgres
def test_truncating_the_documents_empties_the_narrow_table(alice, jane):
    # Django's flush between transactional tests truncates, which fires no row triggers.
    search.ensure_current(alice)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test transaction's deferred checks first
        cursor.execute("TRUNCATE goodwill_searchdocument")
        cursor.execute("SELECT count(*) FROM goodwill_search_rank")
        assert cursor.fetchone() == (0,)
    search.forget()
    assert ids(alice, "treasurer") == [jane.pk]  # missing documents are written again


@on_postgres
def test_workers_rank_the_same_page_and_the_session_setting_comes_back(alice, now):
    # The statement may scan with parallel workers (most documents match an item's common
    # words at 100,000 people); made cheap here, the planner uses them on a test's few rows.
    from goodwill.search.backends import PostgresFTS

    people = [add_person(alice, PersonFields(name=f"Person {n:02}", title="Treasurer")) for n in range(30)]
    for n, person in enumerate(people):
        add_note(alice, person, "Talked about beekeeping" + " and beekeeping" * (n % 7), "private")
    search.ensure_current(alice)
    serial = search.search(alice, ["treasurer", "beekeeping"], limit=10)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE goodwill_search_rank")  # the plan from the rows, not from a guess of one row
        for name in (
            "parallel_setup_cost",
            "parallel_tuple_cost",
            "min_parallel_table_scan_size",
            "min_parallel_index_scan_size",
        ):
            cursor.execute(f"SET LOCAL {name} = 0")
        cursor.execute(f"SET LOCAL max_parallel_workers_per_gather = {PostgresFTS.WORKERS}")
        cursor.execute("EXPLAIN " + PostgresFTS.SQL, ['"treasurer" or "beekeeping"', alice.pk, 20])
        plan = "\n".join(row[0] for row in cursor.fetchall())
        # Workers read the ranking table: by a sequential or a bitmap scan, as the statistics say.
        assert "Gather" in plan and re.search(r"Parallel [\w ]+ on goodwill_search_rank", plan), plan
        cursor.execute("RESET max_parallel_workers_per_gather")
        assert search.search(alice, ["treasurer", "beekeeping"], limit=10) == serial
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)  # the app's setting for every other statement
    assert len(serial) == 10 and {pid for pid, _ in serial[:4]} <= {p.pk for n, p in enumerate(people) if n % 7 == 6}


@on_postgres
def test_only_a_big_networks_search_asks_for_workers(alice, now, monkeypatch):
    """Setting and resetting the workers are two round trips: spent only where a plan can use them."""
    from django.test.utils import CaptureQueriesContext

    for n in range(3):
        add_person(alice, PersonFields(name=f"Person {n}", title="Treasurer"))
    search.forget()
    search.ensure_current(alice)  # 3 documents: a small network
    with CaptureQueriesContext(connection) as small:
        found = search.search(alice, ["treasurer"], limit=10)
    monkeypatch.setattr(search, "TRUST_FROM", 2)  # now "big"
    search.forget()
    search.ensure_current(alice)
    with CaptureQueriesContext(connection) as big:
        assert search.search(alice, ["treasurer"], limit=10) == found
    assert not any("max_parallel" in q["sql"] for q in small.captured_queries)
    assert [q["sql"].split(" =")[0] for q in big.captured_queries if "max_parallel" in q["sql"]] == [
        "SET max_parallel_workers_per_gather",
        "RESET max_parallel_workers_per_gather",
    ]
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone() == ("0",)
    assert len(found) == 3

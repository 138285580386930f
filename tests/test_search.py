"""The search index: kept current by ordinary writes, built for bulk ones, never holding confidences."""

import numpy as np
import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
def test_the_search_reads_the_postings_index_and_no_tsvector(alice, jane):
    # pass-on's lists are read from the postings' index alone; a tsvector is read only to check
    # a phrase on the page (the EXISTS), and ts_rank never runs. Finding the query's lexemes
    # reads no table.
    from goodwill.search import postings
    from goodwill.search.backends import PostgresFTS

    page = {"ids": [jane.pk], "unsure": [jane.pk], "query": '"treasurer" or "bee keeping"'}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plans = {}
        for table in ("goodwill_search_posting", "goodwill_search_offer_posting"):
            cursor.execute("EXPLAIN " + postings.READ.format(table=table), [alice.pk, ["treasur", "bee"]])
            plans[table] = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + PostgresFTS.PAGE, page)
        checked = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN " + PostgresFTS.WORDS, {"phrases": ["treasurer", "bee keeping"]})
        words = "\n".join(row[0] for row in cursor.fetchall())
    for table, plan in plans.items():
        assert f"Index Only Scan using {table}_pkey" in plan, plan
    assert "goodwill_search" not in words, words
    main, _, checks = checked.partition("SubPlan")
    assert "goodwill_search_rank" not in main and "goodwill_search_rank" in checks, checked
    assert "ts_rank" not in PostgresFTS.PAGE + PostgresFTS.WORDS + PostgresFTS.CROWDED


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


def _postings(owner, offers=False):
    """(person, lexeme, weight) of goodwill_search_posting beside what 0020 computes from each
    document's tsvector, for this owner: (kept, expected). `offers`: goodwill_search_offer_posting
    beside what 0021 computes from the tsvector filtered to offers and role (class C)."""
    table, tsv = (
        ("goodwill_search_offer_posting", "ts_filter(r.tsv, '{c}')") if offers else ("goodwill_search_posting", "r.tsv")
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT person_id, lexeme, weight FROM {table} WHERE owner_id = %s ORDER BY 1, 2", [owner.pk])
        kept = cursor.fetchall()
        cursor.execute(
            f"""SELECT r.person_id, t.lexeme, goodwill_term_rank(t.weights)
               FROM goodwill_search_rank r, unnest({tsv}) t WHERE r.owner_id = %s ORDER BY 1, 2""",
            [owner.pk],
        )
        return kept, cursor.fetchall()


def _rows_after_truncating_the_documents(table):
    """TRUNCATE the documents, as Django's flush does, and count what is left in `table`."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE goodwill_searchdocument")
        cursor.execute(f"SELECT count(*) FROM {table}")
        left = cursor.fetchone()[0]
    search.forget()
    return left


@on_postgres
def test_the_postings_follow_every_write_to_the_ranking_table(alice, bob, jane, now):
    joe = add_person(alice, PersonFields(name="Joe Bloggs", title="Beekeeper"))
    add_person(bob, PersonFields(name="Bob's friend", title="Treasurer"))
    search.ensure_current(alice)
    search.ensure_current(bob)
    kept, expected = _postings(alice)
    assert kept == expected and {pid for pid, _, _ in kept} == {jane.pk, joe.pk}
    add_entry(alice, jane, "need", "a beekeeping mentor")
    add_note(alice, joe, "Sells honey at the market, honey by the jar", "shareable")
    search.ensure_current(alice)
    kept, expected = _postings(alice)
    assert kept == expected and ("honey", joe.pk) in {(lexeme, pid) for pid, lexeme, _ in kept}
    weight = {(pid, lexeme): w for pid, lexeme, w in kept}[(jane.pk, "treasur")]
    add_entry(alice, jane, "need", "a treasurer's handbook")  # the same lexeme, now also a need (A)
    search.ensure_current(alice)
    kept, expected = _postings(alice)
    assert kept == expected and {(pid, lexeme): w for pid, lexeme, w in kept}[(jane.pk, "treasur")] > weight
    joe.delete()
    kept, expected = _postings(alice)
    assert kept == expected and {pid for pid, _, _ in kept} == {jane.pk}
    with connection.cursor() as cursor:  # a posting left behind, as by a hand-made repair
        cursor.execute("INSERT INTO goodwill_search_posting VALUES (%s, 'honey', %s, 9.0)", [alice.pk, jane.pk])
    add_note(alice, jane, "Keeps bees for their honey", "private")
    search.ensure_current(alice)  # written all the same, the stray row overwritten
    kept, expected = _postings(alice)
    assert kept == expected and ("honey", jane.pk) in {(lexeme, pid) for pid, lexeme, _ in kept}
    bobs = _postings(bob)
    assert bobs[0] == bobs[1] and len(bobs[0]) == 1  # "treasurer", untouched by alice's writes
    assert _rows_after_truncating_the_documents("goodwill_search_posting") == 0


@on_postgres
def test_the_offer_postings_follow_every_write_to_the_ranking_table(alice, bob, jane, now):
    # Offers and role only (class C): a need or a note writes none; an offer, a title or a tag
    # does; a word both needed and offered keeps the value of its offered positions alone.
    add_person(bob, PersonFields(name="Bob's friend", title="Treasurer"))
    add_entry(alice, jane, "need", "a beekeeping mentor")
    add_note(alice, jane, "Sells honey at the market", "shareable")
    search.ensure_current(alice)
    search.ensure_current(bob)
    kept, expected = _postings(alice, offers=True)
    assert kept == expected and {lexeme for _, lexeme, _ in kept} == {"treasur"}
    offer = add_entry(alice, jane, "offer", "beekeeping lessons")
    search.ensure_current(alice)
    kept, expected = _postings(alice, offers=True)
    assert kept == expected and {"beekeep", "lesson", "treasur"} <= {lexeme for _, lexeme, _ in kept}
    assert "mentor" not in {lexeme for _, lexeme, _ in kept} and "honey" not in {lexeme for _, lexeme, _ in kept}
    close_entry(alice, offer)
    edit_person(alice, jane, PersonFields(title="Beekeeper"))
    search.ensure_current(alice)
    kept, expected = _postings(alice, offers=True)
    assert kept == expected and "lesson" not in {lexeme for _, lexeme, _ in kept}
    with connection.cursor() as cursor:  # a posting left behind, as by a hand-made repair
        cursor.execute("INSERT INTO goodwill_search_offer_posting VALUES (%s, 'honey', %s, 9.0)", [alice.pk, jane.pk])
    add_entry(alice, jane, "offer", "raw honey by the jar")
    search.ensure_current(alice)  # written all the same, the stray row overwritten
    kept, expected = _postings(alice, offers=True)
    assert kept == expected
    jane.delete()
    assert _postings(alice, offers=True) == ([], [])
    bobs = _postings(bob, offers=True)
    assert bobs[0] == bobs[1] and len(bobs[0]) == 1
    assert _rows_after_truncating_the_documents("goodwill_search_offer_posting") == 0


@on_postgres
def test_the_migration_writes_the_offer_postings_the_triggers_write(alice, jane, now):
    import importlib

    migration = importlib.import_module("goodwill.migrations.0021_search_offer_postings")
    for n in range(5):
        person = add_person(alice, PersonFields(name=f"Person {n}", title="Treasurer"))
        add_entry(alice, person, "offer", "beekeeping lessons" + " and beekeeping" * n)
        add_entry(alice, person, "need", "beekeeping gear")
    search.ensure_current(alice)
    before = _postings(alice, offers=True)[0]
    with connection.cursor() as cursor:
        for statement in migration.BACKWARD + migration.FORWARD:
            cursor.execute(statement)
    assert _postings(alice, offers=True)[0] == before and len(before) > 10


@on_postgres
def test_the_migration_writes_the_postings_the_triggers_write(alice, jane, now):
    # 0020 on a database that already has documents: its backfill gives the same rows.
    import importlib

    migration = importlib.import_module("goodwill.migrations.0020_search_postings")
    for n in range(5):
        person = add_person(alice, PersonFields(name=f"Person {n}", title="Treasurer"))
        add_note(alice, person, "Talked about beekeeping" + " and beekeeping" * n, "private")
    search.ensure_current(alice)
    before = _postings(alice)[0]
    with connection.cursor() as cursor:
        for statement in migration.BACKWARD + migration.FORWARD:
            cursor.execute(statement)
    assert _postings(alice)[0] == before and len(before) > 6


def _exact(owner, terms, limit, within_offers=False):
    """ts_rank over the narrow table (over its tsvectors filtered to offers and role, class C,
    `within_offers`): what a single phrase of several words, or a crowded page, falls back to;
    on SQLite, FTS5's bm25 over every match."""
    from goodwill.search.backends import PostgresFTS, SQLiteFTS, _phrases

    if connection.vendor == "sqlite":
        match = " OR ".join(_phrases(terms))
        if within_offers:
            match = "{offers role} : (" + match + ")"
        with connection.cursor() as cursor:
            cursor.execute(SQLiteFTS.SQL, [match, owner.pk, limit])
            return [(pid, -score) for pid, score in cursor.fetchall()]
    joined = PostgresFTS.JOINED_OFFERS_AND_ROLE if within_offers else PostgresFTS.JOINED
    with connection.cursor() as cursor:
        cursor.execute(joined, [" or ".join(_phrases(terms)), owner.pk, limit])
        return [(pid, float(score)) for pid, score in cursor.fetchall()]


def _weighted(owner, terms, limit, within_offers=False):
    """Every posting of every lexeme, weighted by its idf, among active people that match the
    query (within offers and role, `within_offers`): the ranking the search must give, without
    skipping anything."""
    from goodwill.habits.matching import idf
    from goodwill.search.backends import OFFERS_AND_ROLE, _phrases

    if connection.vendor == "sqlite":
        return _weighted_fts5(owner, terms, limit, within_offers)
    phrases = _phrases(terms)
    table = "goodwill_search_offer_posting" if within_offers else "goodwill_search_posting"
    tsv = OFFERS_AND_ROLE if within_offers else "r.tsv"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT s.lexeme, count(*) FROM {table} s
               WHERE s.owner_id = %s AND s.lexeme IN (
                   SELECT w.lexeme FROM unnest(%s::text[]) phrase, unnest(to_tsvector('english', phrase)) w)
               GROUP BY s.lexeme""",
            [owner.pk, [p.strip('"') for p in phrases]],
        )
        counts = cursor.fetchall()
        documents = search.indexed_count(owner)
        lexemes, idfs = [lex for lex, _ in counts], [idf(documents, df) for _, df in counts]
        cursor.execute(
            f"""SELECT s.person_id, sum(s.weight * w.idf) AS score
               FROM unnest(%s::text[], %s::float8[]) w(lexeme, idf)
               JOIN {table} s ON s.owner_id = %s AND s.lexeme = w.lexeme
               JOIN goodwill_person p ON p.id = s.person_id
               WHERE p.archived_at IS NULL AND EXISTS (
                   SELECT 1 FROM goodwill_search_rank r
                   WHERE r.person_id = s.person_id AND {tsv} @@ websearch_to_tsquery('english', %s))
               GROUP BY s.person_id ORDER BY score DESC, s.person_id LIMIT %s""",
            [lexemes, idfs, owner.pk, " or ".join(phrases), limit],
        )
        return [(pid, float(score)) for pid, score in cursor.fetchall()]


def _calc_rank_or(classes):
    """ts_rank's value of one lexeme from its positions' weights in order (tsrank.c's
    calc_rank_or), written out plainly: the oracle for SQLite's numpy version."""
    weight = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
    values = [weight[c] for c in classes]
    heaviest = max(values)
    at = values.index(heaviest)
    total = sum(v / (j + 1) ** 2 for j, v in enumerate(values))
    return (heaviest + total - heaviest / (at + 1) ** 2) / 1.64493406685


def _weighted_fts5(owner, terms, limit, within_offers=False):
    """SQLite's side of _weighted: every occurrence in FTS5's index of the query's lexemes, each
    person's lexemes ranked as PostgreSQL ranks them and weighted by idf, among active people
    whose documents MATCH the query; added up in plain Python."""
    from goodwill.habits.matching import idf
    from goodwill.search import fts5_postings
    from goodwill.search.backends import _phrases

    phrases = _phrases(terms)
    match = " OR ".join(phrases)
    columns = ("offers", "role") if within_offers else fts5_postings.COLUMNS
    if within_offers:
        match = "{offers role} : (" + match + ")"
    classes = {"needs": "A", "interests": "B", "offers": "C", "role": "C", "notes": "D"}
    with connection.cursor() as cursor:
        # Each phrase's words but PostgreSQL's stop words, as its english configuration drops them.
        cleaned = [" ".join(w for w in p.strip('"').split() if w not in fts5_postings.STOP_WORDS) for p in phrases]
        lexemes = {w for words in fts5_postings.lexemes_of(cursor, [p for p in cleaned if p]) for w in words}
        cursor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.oracle_words USING fts5vocab(main, goodwill_search_fts, instance)"
        )
        cursor.execute(
            "SELECT w.term, d.person_id, w.col, w.offset FROM temp.oracle_words w "
            "JOIN goodwill_searchdocument d ON d.id = w.doc WHERE d.owner_id = %s",
            [owner.pk],
        )
        occurrences = {}
        order = {c: i for i, c in enumerate(fts5_postings.COLUMNS)}
        for term, person, column, offset in cursor.fetchall():
            if term in lexemes and column in columns:
                occurrences.setdefault((term, person), []).append((order[column], offset, classes[column]))
        cursor.execute(
            "SELECT d.person_id FROM goodwill_search_fts f JOIN goodwill_searchdocument d ON d.id = f.rowid "
            "JOIN goodwill_person p ON p.id = d.person_id "
            "WHERE goodwill_search_fts MATCH %s AND d.owner_id = %s AND p.archived_at IS NULL",
            [match, owner.pk],
        )
        matching = {pid for (pid,) in cursor.fetchall()}
    documents = search.indexed_count(owner)
    holders = {}
    for term, _person in occurrences:
        holders[term] = holders.get(term, 0) + 1
    scores = {}
    for (term, person), found in occurrences.items():
        rank = _calc_rank_or([c for *_, c in sorted(found)])
        scores[person] = scores.get(person, 0.0) + rank * idf(documents, holders[term])
    ranked = sorted(((pid, score) for pid, score in scores.items() if pid in matching), key=lambda r: (-r[1], r[0]))
    return ranked[:limit]


def _same_ranking(found, exact, rel=1e-9):
    # Sums added in another order may differ in their last bits, and documents whose scores agree
    # that closely may trade places at the page's edge; otherwise the rankings are the same.
    # (ts_rank, the fallback, rounds to single precision after each lexeme: compared at 1e-6.)
    assert len(found) == len(exact)
    theirs = dict(exact)
    line = exact[-1][1] if exact else 0.0
    for (pid, score), (_, expected) in zip(found, exact):
        assert score == pytest.approx(expected, rel=rel)
        assert pid in theirs or score == pytest.approx(line, rel=rel)


WORDS = "cloud costs spend angel investors startup sales head hiring data python legal college son board".split()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS + ["the", "and", "of"]), max_size=9), min_size=4, max_size=4),
    terms=st.lists(
        st.sampled_from(WORDS + ["head of sales", "angel investors", "college costs"]), min_size=1, max_size=5
    ),
    limit=st.sampled_from([1, 2, 3, 50]),
)
def test_the_search_gives_the_weighted_sums_best(alice, now, texts, terms, limit):
    # Small pages make the search skip the common lexemes' lists; the page is the same, in every
    # column and within offers and role, on both engines.
    people = _people_with_texts(alice, texts)
    search.ensure_current(alice)
    one_phrase = len(set(_phrases_of(terms))) == 1 and " " in terms[0]  # ts_rank ranks it, by the words' distances
    for within in (False, True):
        found = search.search(alice, terms, limit=limit, kinds=OFFERS_AND_ROLE if within else None)
        if one_phrase:  # ts_rank on PostgreSQL, bm25 on SQLite
            _same_ranking(found, _exact(alice, terms, limit, within), rel=1e-6)
        else:
            _same_ranking(found, _weighted(alice, terms, limit, within))
        assert {pid for pid, _ in found} <= set(people)


def _phrases_of(terms):
    from goodwill.search.backends import _phrases

    return _phrases(terms)


OFFERS_AND_ROLE = ("offer", "role", "tag")  # what an introduction idea scores


def test_a_search_within_offers_and_role_finds_who_offers_not_who_needs(alice, now):
    # Twelve people need bookkeeping help, one offers it, one is a bookkeeper: within offers and
    # role (whom to introduce them to) only those two match, the offer's owner and the role's.
    needing = _many_with(alice, 12, "need", "bookkeeping help for the shop", name="Needs")
    offering = add_person(alice, PersonFields(name="Offers"))
    add_entry(alice, offering, "offer", "bookkeeping for small shops")
    keeper = add_person(alice, PersonFields(name="Keeper", title="Bookkeeper"))
    tagged = add_person(alice, PersonFields(name="Tagged", tags=["bookkeeping"]))
    noted = add_person(alice, PersonFields(name="Noted"))
    add_note(alice, noted, "Hates bookkeeping", "private")
    search.ensure_current(alice)
    within = [pid for pid, _ in search.search(alice, ["bookkeeping"], limit=5, kinds=OFFERS_AND_ROLE)]
    assert set(within) == {offering.pk, keeper.pk, tagged.pk}
    everywhere = [pid for pid, _ in search.search(alice, ["bookkeeping"], limit=5)]
    assert set(everywhere) <= {p.pk for p in needing}  # needs weigh most: they fill a page of five
    assert search.search(alice, ["bookkeeping"], kinds=["need", "interest", "offer", "role", "tag", "note", "summary"])


def _people_with_texts(owner, texts):
    """Twelve people whose needs, interests, offers and notes are rotations of `texts`."""
    Person.objects.filter(owner=owner).delete()
    people = []
    for n in range(12):
        person = add_person(owner, PersonFields(name=f"Person {n:02}", title=" ".join(texts[(n + 2) % 4])))
        for kind, words in (("need", texts[n % 4]), ("interest", texts[(n + 1) % 4]), ("offer", texts[(n + 3) % 4])):
            if words:
                add_entry(owner, person, kind, " ".join(words[: 1 + n % len(words)]))
        if n % 3 == 0 and texts[n % 4]:
            add_note(owner, person, " ".join(reversed(texts[n % 4])), "private")
        people.append(person.pk)
    return people


def test_a_phrase_matches_only_where_its_words_stand_together(alice, now):
    apart = add_person(alice, PersonFields(name="Apart", title="Head chef"))
    add_note(alice, apart, "Tripled the sales of the restaurant", "private")
    together = add_person(alice, PersonFields(name="Together", title="Head of sales"))
    single = add_person(alice, PersonFields(name="Single", title="Python developer"))
    search.ensure_current(alice)
    # "apart" holds both words (and so counts them), but not the phrase: not a match.
    assert ids(alice, "head of sales") == [together.pk]
    found = ids(alice, "head of sales", "python")
    assert set(found) == {together.pk, single.pk} and apart.pk not in found
    _same_ranking(search.search(alice, ["head of sales"], limit=10), _exact(alice, ["head of sales"], 10), rel=1e-6)
    for terms in (["head of sales", "python"], ["sales", "head"]):
        _same_ranking(search.search(alice, terms, limit=10), _weighted(alice, terms, 10))


def test_phrases_crowding_the_first_page_still_leave_a_full_page(alice, now):
    # The first page ranks by postings; the words of "head of sales" out of order fill it, and the
    # exact statement fills the page with the people who have the phrase.
    for n in range(8):
        add_person(alice, PersonFields(name=f"Apart {n}", title="Sales, sales, sales head"))
    together = [add_person(alice, PersonFields(name=f"Together {n}", title="Head of sales")) for n in range(3)]
    search.ensure_current(alice)
    assert search.search(alice, ["head of sales"], limit=2) == _exact(alice, ["head of sales"], 2)
    found = search.search(alice, ["head of sales", "zebra"], limit=2)
    assert [pid for pid, _ in found] == [p.pk for p in together[:2]]


@on_postgres
def test_postgres_says_which_column_sets_it_can_search_within(alice, jane):
    # Columns are weight classes there; only offers and role (class C) have postings of their own.
    with pytest.raises(ValueError, match="offers and role"):
        search.search(alice, ["treasurer"], kinds=["need"])
    assert search.search(alice, ["treasurer"], kinds=["role"]) == search.search(
        alice, ["treasurer"], kinds=["offer", "role"]
    )


def test_the_rare_word_of_an_item_outranks_its_common_one(alice, now):
    # Thirty people need something about the state; one mentioned custody in a note. For an
    # item about "state custody rules" the one who said custody comes first on both engines,
    # though a need weighs more than a note: rarer words count for more (idf).
    _many_with(alice, 30, "need", "news from the state capital")
    keeper = add_person(alice, PersonFields(name="Custodian"))
    add_note(alice, keeper, "Asked about custody of digital assets", "private")
    assert ids(alice, "state", "custody")[0] == keeper.pk


def _statements_of(call):
    """(result, the parameters of each statement `call` ran)."""
    statements = []

    def spy(execute, sql, params, many, context):
        statements.append(params)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        result = call()
    return result, statements


def _many_with(owner, count, kind, text, name="Person"):
    """`count` people with the same profile entry."""
    people = [add_person(owner, PersonFields(name=f"{name} {n:02}")) for n in range(count)]
    for person in people:
        add_entry(owner, person, kind, text)
    return people


def _kept_from_the_start(owner, monkeypatch, count, interest):
    """`count` people with the same interest, in a network treated as big: its lists are kept."""
    from goodwill.search import postings

    monkeypatch.setattr(postings, "KEEP_FROM", 5)
    return _many_with(owner, count, "interest", interest)


@on_postgres
def test_a_big_network_keeps_its_lists_and_puts_each_write_in_place(alice, now, monkeypatch):
    # From KEEP_FROM documents the lists are read once and kept. A write to someone's search
    # document (their vectors move the marker) is put in place: only that person's postings of
    # the kept lexemes are read. Many people written at once: the lists are read whole again.
    from goodwill.search import postings

    people = _kept_from_the_start(alice, monkeypatch, 20, "state politics")
    custody = add_entry(alice, people[3], "need", "custody of the archive")
    terms = ["state", "custody"]

    def search_and_reads():
        search.ensure_current(alice)
        found, statements = _statements_of(lambda: search.search(alice, terms, limit=5))
        lists = [p for p in statements if isinstance(p, list) and len(p) in (2, 3) and isinstance(p[1], list)]
        return found, [p[1:] for p in lists]

    first, reads = search_and_reads()
    assert reads == [[["custodi", "state"]]] and first[0][0] == people[3].pk
    assert postings.kept_postings() == 21
    again, reads = search_and_reads()
    assert reads == [] and again == first
    newcomer = add_person(alice, PersonFields(name="Newcomer"))
    add_entry(alice, newcomer, "need", "custody of the state papers")
    edit_person(alice, people[3], PersonFields(name="Person 03", title="Archivist"))
    close_entry(alice, custody)  # no more custody for them
    later, reads = search_and_reads()
    assert reads == [[["custodi", "state"], sorted([people[3].pk, newcomer.pk])]]  # the two written, by key
    assert later[0][0] == newcomer.pk and people[3].pk not in {pid for pid, _ in later[:1]}
    _same_ranking(later, _weighted(alice, terms, 5))
    assert postings.kept_postings() == 22  # state: 21, custody: the newcomer's alone
    monkeypatch.setattr(postings, "PATCH_AT_MOST", 1)
    for person in people[:2]:
        add_entry(alice, person, "offer", "custody advice")
    after_many, reads = search_and_reads()
    assert reads == [[["custodi", "state"]]]  # more than PATCH_AT_MOST: read whole
    _same_ranking(after_many, _weighted(alice, terms, 5))


@on_postgres
def test_kept_lists_stay_within_a_budget(alice, now, monkeypatch):
    from goodwill.search import postings

    _kept_from_the_start(alice, monkeypatch, 8, "state politics and sailing")
    search.ensure_current(alice)
    search.search(alice, ["state"])
    # Eight people in a row, held by all: their ids as one bit each (a byte), and a one-byte code
    # each into a table of the one weight: 1 + 8 + 8 bytes.
    assert postings.kept_postings() == 8 and postings.kept_bytes() == 17
    search.search(alice, ["sailing"])
    monkeypatch.setattr(postings, "BUDGET", 40)
    search.search(alice, ["sailing", "politics"])  # "polit" read: the least recently used ("state") goes
    assert postings.kept_postings() == 16 and postings.kept_bytes() == 34
    _, statements = _statements_of(lambda: search.search(alice, ["state"]))
    assert any(isinstance(p, list) and p[-1] == ["state"] for p in statements)


def _source_reads(monkeypatch, gate=None):
    """Every whole read of a kept network's postings lists, on either engine: (in the request's
    thread or another, lexemes); `fail`: make the reads in other threads raise; `gate` (an
    Event): reads in other threads wait for it, so the request surely answers before them."""
    import threading

    from goodwill.search import fts5_postings, postings

    reads: list[tuple[bool, list[str]]] = []
    failing: list[bool] = []
    for source in (postings.PostgresPostings, fts5_postings.FTS5Postings):

        def reading(self, cursor, owner_id, lexemes, top, _real=source.read):
            elsewhere = threading.current_thread() is not threading.main_thread()
            reads.append((not elsewhere, sorted(lexemes)))
            if elsewhere and gate is not None:
                gate.wait(30)
            if elsewhere and failing:
                raise RuntimeError("the database went away")
            return _real(self, cursor, owner_id, lexemes, top)

        monkeypatch.setattr(source, "read", reading)
    return reads, failing


def _kept_on_either_engine(owner, monkeypatch, count, interest):
    from goodwill.search import fts5_postings

    monkeypatch.setattr(fts5_postings, "KEEP_FROM", 5)
    return _kept_from_the_start(owner, monkeypatch, count, interest)


def _grown_old(monkeypatch):
    from goodwill.search import postings

    later = postings.time.monotonic() + postings.MAX_AGE + 1
    monkeypatch.setattr(postings.time, "monotonic", lambda: later)


def test_lists_grown_old_answer_while_a_thread_reads_them_whole_again(transactional_db, alice, now, monkeypatch):
    # After MAX_AGE every list kept is read whole again in a thread of its own, which finds what
    # the log of writes cannot name (on PostgreSQL, a transaction committed below the highest id
    # read past); meanwhile the lists kept answer, and the request reads nothing.
    import threading

    from goodwill.search import postings

    people = _kept_on_either_engine(alice, monkeypatch, 8, "state politics and sailing")
    search.ensure_current(alice)
    answered = threading.Event()
    reads, _ = _source_reads(monkeypatch, gate=answered)
    search.search(alice, ["state", "sailing"])
    assert reads == [(True, ["sail", "state"])] and postings.kept_postings() == 16
    monkeypatch.setattr(postings, "_written_since", lambda *args: np.zeros(0, dtype=np.int64))  # the log sees nobody
    late = add_person(alice, PersonFields(name="Late Sailor"))
    add_entry(alice, late, "interest", "sailing")
    search.ensure_current(alice)
    assert late.pk not in ids(alice, "sailing")
    reads.clear()
    monkeypatch.setattr(postings, "REFRESH_AT_ONCE", 1)  # a statement a lexeme (SQLite's hold 500 at most)
    _grown_old(monkeypatch)
    assert late.pk not in ids(alice, "sailing")  # the kept list answered...
    answered.set()
    postings.wait_for_refreshes(timeout=30)
    assert sorted(reads) == [(False, ["sail"]), (False, ["state"])]  # ...and both were read again, elsewhere
    assert late.pk in ids(alice, "sailing") and postings.kept_postings() == 17
    assert set(ids(alice, "state")) == {p.pk for p in people}
    assert len(reads) == 2  # read just now: no read again until MAX_AGE has passed once more


def test_a_read_again_that_fails_leaves_the_kept_lists_answering(transactional_db, alice, now, monkeypatch):
    from goodwill.search import postings

    people = _kept_on_either_engine(alice, monkeypatch, 8, "state politics")
    search.ensure_current(alice)
    reads, failing = _source_reads(monkeypatch)
    first = ids(alice, "state")
    failing.append(True)
    _grown_old(monkeypatch)
    assert ids(alice, "state") == first
    postings.wait_for_refreshes(timeout=30)
    assert [elsewhere for elsewhere, _ in reads] == [True, False] and not postings._refreshes.busy()
    assert ids(alice, "state") == first and postings.kept_postings() == len(people)
    assert len(reads) == 2  # not tried again at once


def _forgotten_during_background_reads(monkeypatch):
    """A restore (or a test) drops everything kept while a thread reads, on either engine."""
    import threading

    from goodwill.search import fts5_postings, postings

    for source in (postings.PostgresPostings, fts5_postings.FTS5Postings):

        def forgetting(self, cursor, owner_id, lexemes, top, _real=source.read):
            if threading.current_thread() is not threading.main_thread():
                postings.forget()
            return _real(self, cursor, owner_id, lexemes, top)

        monkeypatch.setattr(source, "read", forgetting)


def test_lists_let_go_during_a_read_again_stay_let_go(transactional_db, alice, now, monkeypatch):
    # A restore (or a test) drops what is kept while the thread reads: it keeps nothing it read.
    from goodwill.search import postings

    _kept_on_either_engine(alice, monkeypatch, 8, "state politics")
    search.ensure_current(alice)
    ids(alice, "state")
    _forgotten_during_background_reads(monkeypatch)
    _grown_old(monkeypatch)
    ids(alice, "state")
    postings.wait_for_refreshes(timeout=30)
    assert postings.kept_postings() == 0


def _read_ahead_from_the_start(owner, monkeypatch):
    """A network treated as big enough to read its commonest words' lists ahead: eight people
    say "state politics", two "sailing"; a word held by half the documents is common."""
    from goodwill.search import postings

    people = _kept_on_either_engine(owner, monkeypatch, 8, "state politics")
    sailors = _many_with(owner, 2, "interest", "sailing", name="Sailor")
    monkeypatch.setattr(postings, "AHEAD_FROM", 5)
    monkeypatch.setattr(postings, "AHEAD_SHARE", 0.5)
    search.ensure_current(owner)
    return people, sailors


def test_a_big_networks_commonest_words_are_read_ahead_once(transactional_db, alice, bob, now, monkeypatch):
    # At a big network's first search, a thread reads the lists of the words most of its
    # documents hold, so a later item's common words are not read on its request; it happens
    # once a process, and each owner's lists are their own.
    from goodwill.search import postings

    people, sailors = _read_ahead_from_the_start(alice, monkeypatch)
    theirs = add_person(bob, PersonFields(name="Bob's Senator"))
    add_entry(bob, theirs, "need", "state politics")
    reads, _ = _source_reads(monkeypatch)
    assert set(ids(alice, "sailing")) == {p.pk for p in sailors}
    postings.wait_for_refreshes(timeout=30)
    assert sorted(reads) == [(False, ["polit", "state"]), (True, ["sail"])]  # the common ones, elsewhere
    reads.clear()
    assert set(ids(alice, "state", "politics")) == {p.pk for p in people}
    assert reads == [] and postings.kept_postings() == 18
    assert ids(bob, "state") == [theirs.pk]
    reads.clear()
    assert set(ids(alice, "sailing", "boats")) == {p.pk for p in sailors}
    postings.wait_for_refreshes(timeout=30)
    assert reads == [(True, ["boat"])]  # not read ahead again


def test_a_worker_whose_kept_lists_are_full_reads_nothing_ahead(transactional_db, alice, now, monkeypatch):
    # A firm's worker keeping other networks' lists up to AHEAD_BUDGET: not even the count runs.
    from goodwill.search import fts5_postings, postings

    _read_ahead_from_the_start(alice, monkeypatch)
    monkeypatch.setattr(postings, "AHEAD_BUDGET", 0)
    counted = []
    for source in (postings.PostgresPostings, fts5_postings.FTS5Postings):
        monkeypatch.setattr(source, "commonest", lambda self, *args: counted.append(args) or [])
    reads, _ = _source_reads(monkeypatch)
    ids(alice, "sailing")
    postings.wait_for_refreshes(timeout=30)
    assert counted == [] and reads == [(True, ["sail"])]


def test_lists_read_ahead_are_written_over_by_later_writes(transactional_db, alice, now, monkeypatch):
    from goodwill.models import ProfileEntry
    from goodwill.search import postings

    people, _ = _read_ahead_from_the_start(alice, monkeypatch)
    ids(alice, "sailing")
    postings.wait_for_refreshes(timeout=30)
    newcomer = add_person(alice, PersonFields(name="Newcomer"))
    add_entry(alice, newcomer, "need", "state budget")
    politics = ProfileEntry.objects.get(person=people[0])
    add_entry(alice, people[0], "interest", "sailing")
    close_entry(alice, politics)  # sailing now, no more state politics
    reads, _ = _source_reads(monkeypatch)
    assert set(ids(alice, "state")) == {p.pk for p in people[1:]} | {newcomer.pk}
    assert reads == []  # the list read ahead, patched with the two written


def test_lists_let_go_during_a_read_ahead_stay_let_go(transactional_db, alice, now, monkeypatch):
    from goodwill.search import postings

    _read_ahead_from_the_start(alice, monkeypatch)
    _forgotten_during_background_reads(monkeypatch)
    ids(alice, "sailing")
    postings.wait_for_refreshes(timeout=30)
    assert postings.kept_postings() == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    ids=st.lists(st.integers(1, 2**62), max_size=300, unique=True),
    weights=st.lists(st.floats(0, 2, allow_nan=False), min_size=300, max_size=300),
)
def test_lists_read_as_arrays_are_the_rows(alice, ids, weights):
    # array_send's binary arrays, parsed by numpy: the same ids and weights, to the last bit.
    from goodwill.search import postings

    if connection.vendor != "postgresql":  # on_postgres's condition is read from hypothesis's module
        pytest.skip("PostgreSQL's full-text search")
    rows = list(zip(ids, weights))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE lists (owner_id bigint, lexeme text, person_id bigint, weight float8)")
        cursor.executemany("INSERT INTO lists VALUES (7, 'word', %s, %s)", rows) if rows else None
        found = postings.PostgresPostings("lists").read(cursor, 7, ["word", "none"], None)
        cursor.execute("DROP TABLE lists")
    got = sorted(zip(found["word"][0].tolist(), found["word"][1].tolist()))
    assert got == sorted(rows)
    assert len(found["none"][0]) == 0 and len(found["none"][1]) == 0


@given(
    sizes=st.lists(st.integers(0, 300_000), max_size=60),
    at_once=st.integers(1, 5),
    postings_at_once=st.integers(1, 400_000),
)
def test_background_reads_come_in_statements_of_bounded_size(sizes, at_once, postings_at_once):
    # In order, every lexeme once; a statement holds at most REFRESH_AT_ONCE lexemes and, unless
    # one lexeme alone is bigger, at most READ_AT_ONCE postings.
    from goodwill.search import postings

    kept = postings.REFRESH_AT_ONCE, postings.READ_AT_ONCE
    postings.REFRESH_AT_ONCE, postings.READ_AT_ONCE = at_once, postings_at_once
    try:
        sized = [(f"w{n}", size) for n, size in enumerate(sizes)]
        batches = list(postings._batches(sized))
    finally:
        postings.REFRESH_AT_ONCE, postings.READ_AT_ONCE = kept
    assert [w for batch in batches for w in batch] == [w for w, _ in sized]
    size = dict(sized)
    for batch in batches:
        assert 1 <= len(batch) <= at_once
        assert len(batch) == 1 or sum(size[w] for w in batch) <= postings_at_once

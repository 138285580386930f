"""SQLite's postings from FTS5's own index: PostgreSQL's weights, FTS5's lexemes, kept lists."""

import numpy as np
import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill import search
from goodwill.search import fts5_postings, postings
from goodwill.services.people import PersonFields, add_person, archive_person, edit_person
from goodwill.services.profiles import add_entry, close_entry
from tests.test_search import _calc_rank_or, _many_with, _same_ranking, _weighted, ids

on_sqlite = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's FTS5")
CLASSES = st.sampled_from("ABCD")
WEIGHT = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@settings(max_examples=200, deadline=None)
@given(documents=st.lists(st.lists(CLASSES, min_size=1, max_size=12), min_size=1, max_size=8))
def test_term_ranks_are_ts_ranks_value_of_each_documents_positions(documents):
    # Each document's occurrences in position order, grouped by document: numpy's ranks are
    # tsrank.c's calc_rank_or for each group, written out plainly in the oracle.
    docs = np.repeat(np.arange(10, 10 + len(documents)), [len(d) for d in documents])
    weights = np.array([WEIGHT[c] for d in documents for c in d])
    ids, ranks, _ = fts5_postings.term_ranks(docs, weights)
    assert ids.tolist() == list(range(10, 10 + len(documents)))
    assert ranks.tolist() == pytest.approx([_calc_rank_or(d) for d in documents], rel=1e-12)


OCCURRENCE = st.tuples(st.integers(1, 6), st.integers(0, 4), st.integers(0, 30))  # document, column, offset


@settings(max_examples=200, deadline=None)
@given(
    found=st.dictionaries(
        st.sampled_from(["state", "custodi", "bank"]), st.lists(OCCURRENCE, unique=True, max_size=20)
    ),
    shuffled=st.booleans(),
    owners=st.booleans(),
    at_once=st.sampled_from([1, 7, fts5_postings.RANKED_AT_ONCE]),
)
def test_every_lexemes_ranks_in_one_pass_are_each_lexemes_own(found, shuffled, owners, at_once):
    # Lexemes' occurrences one after another (one lexeme's last document may be the next one's
    # first), in FTS5's order or not, named by their people or not, worked out all at once or
    # a few lexemes a pass: each lexeme's postings are what its occurrences alone give, in
    # plain Python.
    people = {doc: 100 + 10 * doc for doc in range(1, 6)}  # document 6 is someone else's
    arrays = {}
    for lexeme, occurrences in found.items():
        ordered = sorted(occurrences, reverse=shuffled)
        docs = np.array([d for d, _, _ in ordered], dtype=np.int64)
        columns = np.array([c for _, c, _ in ordered], dtype=np.uint8)
        arrays[lexeme] = (docs, columns)
    named = (np.array(sorted(people)), np.array([people[d] for d in sorted(people)])) if owners else None
    kept, fts5_postings.RANKED_AT_ONCE = fts5_postings.RANKED_AT_ONCE, at_once
    try:
        got = fts5_postings._ranked(arrays, named)
    finally:
        fts5_postings.RANKED_AT_ONCE = kept
    for lexeme, occurrences in found.items():
        by_doc = {}
        for doc, column, _offset in sorted(occurrences):
            if not owners or doc in people:
                by_doc.setdefault(doc, []).append("ABCCD"[column])
        expected = {(people[d] if owners else d): _calc_rank_or(classes) for d, classes in by_doc.items()}
        ids, ranks = got[lexeme]
        assert dict(zip(ids.tolist(), ranks.tolist())) == pytest.approx(expected, rel=1e-12)
        assert len(ids) == len(expected)


def test_a_lexeme_said_once_in_a_need_weighs_as_postgres_gives_it():
    # One position of class A: 1.0 / ZETA_2. The heaviest counts whole wherever it stands.
    _, ranks, _ = fts5_postings.term_ranks(np.array([1, 2, 2]), np.array([1.0, 0.1, 1.0]))
    assert ranks[0] == pytest.approx(1 / 1.64493406685)
    assert ranks[1] == pytest.approx((1.0 + 0.1 + 1.0 / 4 - 1.0 / 4) / 1.64493406685)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(classes=st.lists(CLASSES, min_size=1, max_size=10))
def test_term_ranks_agree_with_postgres_goodwill_term_rank(classes):
    # The same arithmetic on both engines (PostgreSQL's in single precision where tsrank.c is).
    if connection.vendor != "postgresql":  # a skipif's condition is read from hypothesis's module
        pytest.skip("PostgreSQL's goodwill_term_rank")
    with connection.cursor() as cursor:
        cursor.execute("SELECT goodwill_term_rank(%s::text[])", [classes])
        (expected,) = cursor.fetchone()
    _, ranks, _ = fts5_postings.term_ranks(
        np.zeros(len(classes), dtype=np.int64), np.array([WEIGHT[c] for c in classes])
    )
    assert ranks[0] == pytest.approx(expected, rel=1e-6)


@on_sqlite
@pytest.mark.django_db
def test_the_scratch_table_splits_and_stems_as_the_index_does(alice, now):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'goodwill_search_fts'")
        (index,) = cursor.fetchone()
        assert f"tokenize='{fts5_postings.TOKENIZE}'" in index
        said = fts5_postings.lexemes_of(cursor, ["angel investors", "Café meetings", "", "of"])
    assert said == [("angel", "investor"), ("cafe", "meet"), (), ("of",)]
    jane = add_person(alice, PersonFields(name="Jane", title="Angel investor"))
    add_entry(alice, jane, "interest", "cafe meetings")
    search.ensure_current(alice)
    with connection.cursor() as cursor:
        found = fts5_postings.FTS5Postings(None).read(
            cursor, alice.pk, ["angel", "investor", "meet", "cafe", "none"], None
        )
    assert {w for w, (ids, _) in found.items() if ids.tolist() == [jane.pk]} == {"angel", "investor", "meet", "cafe"}
    assert len(found["none"][0]) == 0


@on_sqlite
@pytest.mark.django_db
def test_a_rolled_back_transaction_leaves_the_scratch_table_usable(alice, now):
    # The temp tables are made on first use; a transaction rolled back takes them with it.
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic(), connection.cursor() as cursor:
        assert fts5_postings.lexemes_of(cursor, ["beekeeping clubs"]) == [("beekeep", "club")]
        raise RuntimeError("the request failed")
    with connection.cursor() as cursor:
        assert fts5_postings.lexemes_of(cursor, ["sailing clubs"]) == [("sail", "club")]
        cursor.execute("SELECT count(*) FROM temp.goodwill_scratch_fts")
        assert cursor.fetchone() == (0,)  # emptied after each use


def test_a_phrases_stop_words_are_not_counted():
    assert fts5_postings.counted("series a", ("seri", "a")) == ("seri",)
    assert fts5_postings.counted("selling the firm", ("sell", "the", "firm")) == ("sell", "firm")
    assert fts5_postings.counted("the", ("the",)) == ()
    assert fts5_postings.counted("doe family", ("doe", "famili")) == ("doe", "famili")  # "does" is one, "doe" not


@on_sqlite
@pytest.mark.django_db
def test_stop_words_must_stand_in_their_phrase_but_their_lists_are_never_read(alice, now, monkeypatch):
    # PostgreSQL's english configuration drops "a" and "the" before it ranks; SQLite's sums
    # leave them out too, so their lists (the index's longest) are not read, while a phrase
    # that holds one must still be said as it is.
    raising = add_person(alice, PersonFields(name="Raising"))
    add_entry(alice, raising, "need", "investors for our Series A")
    talks = add_person(alice, PersonFields(name="Talks"))
    add_entry(alice, talks, "interest", "a series of talks on the state of the art")
    angel = add_person(alice, PersonFields(name="Angel"))
    add_entry(alice, angel, "offer", "angel investing")
    calls = _reads(monkeypatch)
    assert set(ids(alice, "series a", "angel")) == {raising.pk, angel.pk}  # not "a series of talks"
    assert calls == [("read", ["angel", "seri"], None)]
    assert ids(alice, "the", "a") == []


@on_sqlite
@pytest.mark.django_db
def test_the_commonest_words_come_from_fts5s_counts_stop_words_left_out(alice, now):
    # What a big network reads ahead: the words most documents hold, commonest first; "the"
    # and "of" are never summed, so never read ahead either. Within offers and role, theirs.
    _many_with(alice, 3, "need", "the state of politics")
    _many_with(alice, 2, "offer", "politics coaching", name="Coach")
    search.ensure_current(alice)
    with connection.cursor() as cursor:
        everywhere = fts5_postings.FTS5Postings(None).commonest(cursor, alice.pk, 2)
        assert everywhere == [("polit", 5), ("state", 3), ("coach", 2)]
        within = fts5_postings.FTS5Postings(frozenset({"offers", "role"}))
        assert within.commonest(cursor, alice.pk, 2) == [("coach", 2), ("polit", 2)]


def _reads(monkeypatch):
    """Every read and patch of FTS5's postings: (kind, lexemes, people)."""
    calls = []
    read, patch = fts5_postings.FTS5Postings.read, fts5_postings.FTS5Postings.patch

    def reading(self, cursor, owner_id, lexemes, top):
        calls.append(("read", sorted(lexemes), None))
        return read(self, cursor, owner_id, lexemes, top)

    def patching(self, cursor, owner_id, lexemes, people):
        calls.append(("patch", sorted(lexemes), sorted(people.tolist())))
        return patch(self, cursor, owner_id, lexemes, people)

    monkeypatch.setattr(fts5_postings.FTS5Postings, "read", reading)
    monkeypatch.setattr(fts5_postings.FTS5Postings, "patch", patching)
    return calls


@on_sqlite
@pytest.mark.django_db
def test_a_big_sqlite_network_keeps_its_lists_and_puts_each_write_in_place(alice, now, monkeypatch):
    # As on PostgreSQL: from KEEP_FROM documents a lexeme's occurrences are read once and kept;
    # a write to someone's document is put in place by tokenizing theirs alone; many people
    # written at once, the lists are read whole again. Every page is the sums' exact page.
    monkeypatch.setattr(fts5_postings, "KEEP_FROM", 5)
    calls = _reads(monkeypatch)
    people = _many_with(alice, 20, "interest", "state politics")
    custody = add_entry(alice, people[3], "need", "custody of the archive")
    terms = ["state", "custody"]

    def found():
        search.ensure_current(alice)
        calls.clear()
        return search.search(alice, terms, limit=5)

    first = found()
    assert calls == [("read", ["custodi", "state"], None)] and first[0][0] == people[3].pk
    assert postings.kept_postings() == 21
    assert found() == first and calls == []
    newcomer = add_person(alice, PersonFields(name="Newcomer"))
    add_entry(alice, newcomer, "need", "custody of the state papers")
    edit_person(alice, people[3], PersonFields(name="Person 03", title="Archivist"))
    close_entry(alice, custody)  # no more custody for them
    archive_person(alice, people[5])
    later = found()
    written = sorted([people[3].pk, people[5].pk, newcomer.pk])
    assert calls == [("patch", ["custodi", "state"], written)]  # the people written, tokenized again
    assert later[0][0] == newcomer.pk and people[5].pk not in {pid for pid, _ in later}
    _same_ranking(later, _weighted(alice, terms, 5))
    assert (
        postings.kept_postings() == 22
    )  # state: the 20 (one archived: still held) and the newcomer; custody: the newcomer
    monkeypatch.setattr(postings, "PATCH_AT_MOST", 1)
    for person in people[:2]:
        add_entry(alice, person, "offer", "custody advice")
    after_many = found()
    assert calls == [("read", ["custodi", "state"], None)]  # more than PATCH_AT_MOST: read whole
    _same_ranking(after_many, _weighted(alice, terms, 5))
    within = search.search(alice, ["custody"], limit=5, kinds=("offer", "role", "tag"))
    assert {pid for pid, _ in within} == {people[0].pk, people[1].pk}  # offers alone, not needs


@on_sqlite
@pytest.mark.django_db
def test_a_small_network_keeps_its_lists_until_its_documents_change(alice, now):
    # Kept while the vector index stands still; someone whose words are all gone leaves it with
    # fewer rows, a newcomer with a higher id: read again each time.
    keeper = add_person(alice, PersonFields(name="Keeper"))
    entry = add_entry(alice, keeper, "interest", "beekeeping")
    other = add_person(alice, PersonFields(name="Other", title="Beekeeper at the co-op"))
    search.ensure_current(alice)
    assert {pid for pid, _ in search.search(alice, ["beekeeping"])} == {keeper.pk, other.pk}
    calls = []
    read = fts5_postings._occurrences
    fts5_postings._occurrences = lambda *args, **kwargs: calls.append(args[3]) or read(*args, **kwargs)
    try:
        search.search(alice, ["beekeeping"])
        assert calls == []  # kept
        close_entry(alice, entry)
        search.ensure_current(alice)
        assert [pid for pid, _ in search.search(alice, ["beekeeping"])] == [other.pk]
        newcomer = add_person(alice, PersonFields(name="Newcomer", title="Beekeeper"))
        search.ensure_current(alice)
        assert {pid for pid, _ in search.search(alice, ["beekeeping"])} == {other.pk, newcomer.pk}
        assert calls == [["beekeep"], ["beekeep"]]  # read again after each change
    finally:
        fts5_postings._occurrences = read


@on_sqlite
@pytest.mark.django_db
def test_lists_kept_at_different_times_are_each_patched_with_their_own_writes(alice, now, monkeypatch):
    # "state" is kept first; then someone with both words is written, and "custody" is read whole
    # (it holds them already); then someone else. One patch reads both people for both words:
    # each list takes only the people written since it was kept, so nobody is held twice.
    monkeypatch.setattr(fts5_postings, "KEEP_FROM", 1)
    calls = _reads(monkeypatch)
    _many_with(alice, 3, "interest", "state politics")
    search.ensure_current(alice)
    search.search(alice, ["state"], limit=5)
    both = add_person(alice, PersonFields(name="Both"))
    add_entry(alice, both, "need", "custody of the state papers")
    search.ensure_current(alice)
    search.search(alice, ["custody"], limit=5)
    later = add_person(alice, PersonFields(name="Later"))
    add_entry(alice, later, "offer", "custody advice")
    search.ensure_current(alice)
    calls.clear()
    found = search.search(alice, ["state", "custody"], limit=5)
    assert calls == [("patch", ["custodi", "state"], sorted([both.pk, later.pk]))]
    assert postings.kept_postings() == 4 + 2  # state: the three and Both; custody: Both and Later
    _same_ranking(found, _weighted(alice, ["state", "custody"], 5))

"""The meaning index: a vector for each searchable piece of a person, written with the search
documents, never for a confidence, never shown to another user, reused while the text stands."""

from __future__ import annotations

import numpy as np
import pytest

from goodwill import search
from goodwill.habits.meaning import encode_one
from goodwill.habits.meaning.pieces import pieces
from goodwill.habits.meaning.score import digest
from goodwill.models import FieldVector, Note
from goodwill.queries.pass_on import pass_on_ranking
from goodwill.search import vectors
from goodwill.services.deletion import delete_person
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person, archive_person
from goodwill.services.profiles import add_entry, close_entry

ALL_KINDS = [1.0] * len(vectors.KINDS)


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


def rows(person, **filters):
    return list(FieldVector.objects.filter(person=person, **filters).order_by("kind", "ref", "part"))


def nearest(owner, text, limit=10):
    search.ensure_current(owner)
    return [pid for pid, _ in vectors.nearest(owner.pk, encode_one(text), limit, ALL_KINDS)[0]]


@pytest.fixture
def counted(monkeypatch):
    """Every text the index sends to the model."""
    sent: list[str] = []
    real = vectors.encode

    def encode(texts):
        sent.extend(texts)
        return real(texts)

    monkeypatch.setattr(vectors, "encode", encode)
    return sent


@pytest.fixture
def cal(alice, now):
    cal = person(alice, "Cal Cloud", title="CTO", organization="Stackly")
    add_entry(alice, cal, "need", "cutting our AWS spend")
    return cal


def test_entries_notes_and_role_get_vectors(alice, cal):
    note = add_note(alice, cal, "Back from Lisbon. His son is applying to colleges.", "shareable")
    search.ensure_current(alice)
    found = {(r.kind, r.part): r for r in rows(cal)}
    assert set(found) == {("role", 0), ("need", 0), ("note", 0), ("note", 1)}
    assert found["note", 1].ref == note.pk
    assert found["note", 1].digest == digest("His son is applying to colleges.")
    assert all(r.owner_id == alice.pk for r in found.values())
    stored = vectors.from_bytes(found["need", 0].vector)
    assert float(stored @ encode_one("cutting our AWS spend")) > 0.99  # float16 on disk, same meaning


def test_a_confidential_note_gets_no_vector_and_a_private_one_does(alice, cal):
    secret = add_note(alice, cal, "Told me in confidence the company is about to be sold", "confidential")
    private = add_note(alice, cal, "Quietly looking for a new job", "private")
    search.ensure_current(alice)
    assert not FieldVector.objects.filter(ref=secret.pk, kind="note").exists()
    assert not FieldVector.objects.filter(digest=digest("Told me in confidence the company is about to be sold"))
    assert [r.digest for r in rows(cal, kind="note")] == [digest("Quietly looking for a new job")]
    assert rows(cal, kind="note")[0].ref == private.pk


def test_a_confidential_entry_gets_no_vector(alice, cal):
    add_entry(alice, cal, "need", "a buyer for the company, quietly", confidentiality="confidential")
    search.ensure_current(alice)
    assert [r.digest for r in rows(cal, kind="need")] == [digest("cutting our AWS spend")]


def test_a_confidential_interaction_gets_no_vector(alice, cal):
    log_interaction(
        alice,
        LogRequest(
            kind="call", people=[cal], summary="Talked about the acquisition offer", confidentiality="confidential"
        ),
    )
    log_interaction(alice, LogRequest(kind="call", people=[cal], summary="Talked about his marathon training"))
    search.ensure_current(alice)
    assert [r.digest for r in rows(cal, kind="summary")] == [digest("Talked about his marathon training")]


def test_a_note_made_confidential_loses_its_vector(alice, cal):
    note = add_note(alice, cal, "Quietly looking for a new job", "private")
    search.ensure_current(alice)
    assert rows(cal, kind="note")
    note.confidentiality = "confidential"
    note.save()
    search.ensure_current(alice)
    assert rows(cal, kind="note") == []
    assert not FieldVector.objects.filter(digest=digest("Quietly looking for a new job")).exists()


def test_closed_entries_and_deleted_people_leave_no_vectors(alice, cal):
    entry = add_entry(alice, cal, "interest", "trail running")
    search.ensure_current(alice)
    close_entry(alice, entry)
    search.ensure_current(alice)
    assert [r.kind for r in rows(cal)] == ["need", "role"]
    delete_person(alice, cal)
    assert not FieldVector.objects.filter(owner=alice).exists()
    assert nearest(alice, "cutting our AWS spend") == []


def test_changing_a_note_rewrites_its_vectors(alice, cal):
    note = add_note(alice, cal, "Wants to run a marathon next year", "private")
    search.ensure_current(alice)
    note.text = "Moving to Austin in March. Looking for a school for his daughter."
    note.save()
    search.ensure_current(alice)
    assert [r.digest for r in rows(cal, kind="note")] == [digest(p) for p in pieces("note", note.text)]
    assert not FieldVector.objects.filter(digest=digest("Wants to run a marathon next year")).exists()
    note.delete()
    search.ensure_current(alice)
    assert rows(cal, kind="note") == []


def test_an_unchanged_text_keeps_its_vector_without_the_model(alice, cal, counted):
    search.ensure_current(alice)
    assert set(counted) == {"cutting our AWS spend", "CTO at Stackly"}
    before = {r.digest: bytes(r.vector) for r in rows(cal)}
    counted.clear()
    add_entry(alice, cal, "interest", "trail running")
    search.ensure_current(alice)
    assert counted == ["trail running"]  # only the new text went to the model
    after = {r.digest: bytes(r.vector) for r in rows(cal)}
    assert {d: after[d] for d in before} == before


def test_the_same_text_elsewhere_in_my_network_is_not_encoded_again(alice, cal, counted):
    search.ensure_current(alice)
    counted.clear()
    dora = person(alice, "Dora")
    add_entry(alice, dora, "need", "cutting our AWS spend")
    search.ensure_current(alice)
    assert counted == []
    assert rows(dora, kind="need")[0].vector == rows(cal, kind="need")[0].vector


def test_nearest_people_are_mine_only(alice, bob, charlie, cal):
    bobs = person(bob, "Bob's Contact")
    add_entry(bob, bobs, "need", "cutting our AWS spend")
    add_entry(alice, person(alice, "Tess Trail"), "interest", "trail running")
    search.ensure_current(bob)
    assert nearest(alice, "cutting our AWS spend")[0] == cal.pk
    assert bobs.pk not in nearest(alice, "cutting our AWS spend", limit=100)
    assert nearest(bob, "cutting our AWS spend") == [bobs.pk]
    assert nearest(charlie, "cutting our AWS spend") == []  # an outsider with no one has nothing
    assert not FieldVector.objects.filter(owner=charlie).exists()
    assert set(FieldVector.objects.filter(person=bobs).values_list("owner_id", flat=True)) == {bob.pk}


def test_nearest_people_ranks_by_meaning_and_honours_exclude_and_kind_weights(alice, cal):
    tess = person(alice, "Tess Trail")
    add_entry(alice, tess, "interest", "trail running")
    search.ensure_current(alice)
    query = encode_one("Startups trimming their cloud bills")
    ranked = vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]
    assert [pid for pid, _ in ranked][:1] == [cal.pk]
    assert ranked[0][1] > dict(ranked)[tess.pk]
    assert cal.pk not in [pid for pid, _ in vectors.nearest(alice.pk, query, 10, ALL_KINDS, exclude={cal.pk})[0]]
    assert len(vectors.nearest(alice.pk, query, 1, ALL_KINDS)[0]) == 1
    # With needs and roles weighed at nothing, Cal's best piece counts for nothing.
    no_needs = [0.0 if k in ("need", "role") else 1.0 for k in vectors.KINDS]
    assert dict(vectors.nearest(alice.pk, query, 10, no_needs)[0])[cal.pk] == 0.0


def test_nearest_hands_back_every_texts_similarity_for_the_scoring(alice, charlie, cal):
    tess = person(alice, "Tess Trail")
    add_entry(alice, tess, "interest", "trail running")
    search.ensure_current(alice)
    query = encode_one("Startups trimming their cloud bills")
    near, similarity = vectors.nearest(alice.pk, query, 10, ALL_KINDS)
    assert near == vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]
    assert similarity is not None
    # The same value a product of the person's own vector gives, for each of their pieces.
    for pid in (cal.pk, tess.pk):
        for key, vector in vectors.vectors_of([pid], alice.pk)[pid].items():
            assert similarity.get(key) == pytest.approx(float(vector @ query), abs=1e-6)
    assert similarity.get(digest("a text no one has")) is None
    assert vectors.nearest(charlie.pk, query, 10, ALL_KINDS) == ([], None)  # an outsider has no index


def test_archived_people_are_never_ranked_even_when_nearest(alice, cal):
    gone = person(alice, "Archie Archived")
    add_entry(alice, gone, "need", "Part-time finance chiefs for small software companies")
    fran = person(alice, "Fran Fractional")
    add_entry(alice, fran, "need", "a part-time finance lead for our software startup")
    archive_person(alice, gone)
    assert nearest(alice, "Part-time finance chiefs for small software companies")[0] == gone.pk
    ranking = pass_on_ranking(alice, "Part-time finance chiefs for small software companies")
    assert "Archie Archived" not in [r.name for r in ranking.people]
    assert [r.name for r in ranking.people][:1] == ["Fran Fractional"]


def test_the_cached_index_matches_the_uncached_one_and_sees_new_people(alice, cal, monkeypatch):
    tess = person(alice, "Tess Trail")
    add_entry(alice, tess, "interest", "trail running")
    search.ensure_current(alice)
    query = encode_one("cloud bills ballooning")
    uncached = vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]
    assert vectors._cache == {}
    monkeypatch.setattr(vectors, "CACHE_FROM", 1)
    cached = vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]
    assert vectors._cache  # this time the index was kept
    again = vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]
    assert [pid for pid, _ in cached] == [pid for pid, _ in uncached] == [pid for pid, _ in again]
    assert np.allclose([s for _, s in cached], [s for _, s in uncached])
    # A new person changes the signature: the next search reads the index again.
    new = person(alice, "Nell New")
    add_entry(alice, new, "need", "our cloud bills keep ballooning")
    search.ensure_current(alice)
    assert vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0][0][0] == new.pk
    # ... and so does a changed text (the rows are written again, with new ids).
    Note.objects.create(owner=alice, person=tess, text="Her hosting costs doubled", created_at=tess.created_at)
    search.ensure_current(alice)
    assert tess.pk in [pid for pid, _ in vectors.nearest(alice.pk, encode_one("hosting costs"), 1, ALL_KINDS)[0]]


def test_forget_drops_the_cached_indexes(alice, cal, monkeypatch):
    monkeypatch.setattr(vectors, "CACHE_FROM", 1)
    assert nearest(alice, "cloud bills") == [cal.pk]
    assert vectors._cache
    vectors.forget()
    assert vectors._cache == {}
    assert nearest(alice, "cloud bills") == [cal.pk]


def test_reindex_writes_the_vectors_again(alice, cal):
    search.ensure_current(alice)
    FieldVector.objects.filter(owner=alice).delete()
    search.rebuild(alice)
    assert {r.kind for r in rows(cal)} == {"role", "need"}


def test_rows_gone_since_the_last_search_are_not_invented(alice, cal):
    # Below CACHE_FROM the index is read afresh: vectors deleted since are gone from it.
    search.ensure_current(alice)
    assert [pid for pid, _ in vectors.nearest(alice.pk, encode_one("cloud bills"), 10, ALL_KINDS)[0]] == [cal.pk]
    FieldVector.objects.filter(owner=alice).delete()
    assert vectors.nearest(alice.pk, encode_one("cloud bills"), 10, ALL_KINDS)[0] == []


def test_a_small_index_is_kept_until_a_row_is_added_or_deleted(alice, cal, monkeypatch):
    search.ensure_current(alice)
    query = encode_one("cloud bills")
    first = vectors._index(alice.pk)
    assert vectors._index(alice.pk) is first  # nothing changed: not read again
    assert vectors._cache == {}  # under CACHE_FROM: kept among the few small ones
    assert vectors.stored(alice.pk, next(iter(first.slots))) is not None
    assert vectors.stored(alice.pk, "no such text") is None
    new = person(alice, "Nell New")
    add_entry(alice, new, "need", "our cloud bills keep ballooning")
    search.ensure_current(alice)
    assert vectors._index(alice.pk) is not first  # a row added moves the highest id
    assert vectors.nearest(alice.pk, query, 1, ALL_KINDS)[0][0][0] == new.pk
    grown = vectors._index(alice.pk)
    FieldVector.objects.filter(person=new).delete()  # the highest id may stay; the count moves
    assert vectors._index(alice.pk) is not grown
    assert new.pk not in [pid for pid, _ in vectors.nearest(alice.pk, query, 10, ALL_KINDS)[0]]


def test_only_a_few_small_indexes_are_kept(alice, monkeypatch):
    monkeypatch.setattr(vectors, "SMALL_KEPT", 2)
    vectors.forget()
    for owner_id in (alice.pk, alice.pk + 1000, alice.pk + 2000):
        vectors._index(owner_id)
    assert len(vectors._small) == 2


def test_a_text_many_people_share_is_read_once_from_the_store(alice, cal, counted):
    """A vector already stored for a text is reused by whoever writes it next, read by one
    probe per text: not every row of everyone who has it."""
    search.ensure_current(alice)
    counted.clear()
    others = [person(alice, f"Twin {n}") for n in range(6)]
    for other in others:
        add_entry(alice, other, "need", "cutting our AWS spend")
    search.ensure_current(alice)
    need = rows(cal, kind="need")[0]
    assert len(FieldVector.objects.filter(owner=alice, digest=need.digest)) == 7
    found = vectors.stored_vectors(alice.pk, [need.digest, "no such text"])
    assert found == [(need.digest, found[0][1])] and bytes(found[0][1]) == bytes(need.vector)
    assert vectors.stored_vectors(alice.pk, []) == []
    assert vectors.stored_vectors(alice.pk + 1000, [need.digest]) == []  # someone else's network: none
    assert counted == []  # the six new needs took the stored vector, not the model


def test_many_texts_are_looked_up_a_batch_at_a_time(alice, cal, monkeypatch):
    search.ensure_current(alice)
    stored = {r.digest: bytes(r.vector) for r in FieldVector.objects.filter(owner=alice)}
    monkeypatch.setattr(vectors, "LOOKUP_BATCH", 2)
    asked = [*stored, "no such text", *stored]  # more than a batch, a miss among them, asked twice
    found = vectors.stored_vectors(alice.pk, asked)
    assert [d for d, _ in found] == [d for d in asked if d in stored]
    assert all(bytes(v) == stored[d] for d, v in found)

"""A release with another sentence model: the stored vectors are the old model's, so rankings
leave meaning out (and say so) until the pass has made every vector again with the new one, a
committed chunk at a time, resumable, and never on a request."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from django.apps import apps

from goodwill import search
from goodwill.habits.meaning import score
from goodwill.habits.meaning.pieces import pieces
from goodwill.jobs import meaning as meaning_jobs
from goodwill.models import FieldVector, MeaningIndex
from goodwill.queries import pass_on as pass_on_queries
from goodwill.queries.pass_on import pass_on_ranking
from goodwill.search import model_upgrade, vectors
from goodwill.search.documents import fields_for
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import add_entry

ITEM = "Startups trimming their cloud bills"  # Cal's need shares no word with it: meaning only
OLD = model_upgrade.MODEL_VERSION
NEW = "a-later-model-2"


def person(owner, name, **kw):
    return add_person(owner, PersonFields(name=name, **kw))


@pytest.fixture
def cal(alice, now):
    cal = person(alice, "Cal Cloud", title="CTO", organization="Stackly")
    add_entry(alice, cal, "need", "cutting our AWS spend")
    return cal


@pytest.fixture
def upgraded(monkeypatch):
    """A release with another model: a new version, and vectors in another space (the real
    model's turned by a fixed rotation: products within the new space are the same, across the
    two spaces they mean nothing). Returns the texts the new model was asked to encode."""
    sent: list[str] = []
    real_encode, real_encode_one = vectors.encode, pass_on_queries.encode_one

    def turned(matrix):
        return np.roll(np.asarray(matrix, dtype=np.float32), 7, axis=-1)

    def encode(texts):
        sent.extend(texts)
        return turned(real_encode(texts))

    monkeypatch.setattr(vectors, "encode", encode)
    monkeypatch.setattr(pass_on_queries, "encode_one", lambda text: turned(real_encode_one(text)))
    monkeypatch.setattr(model_upgrade, "MODEL_VERSION", NEW)
    monkeypatch.setattr(score, "MODEL_VERSION", NEW)
    score.digest.cache_clear()
    model_upgrade.forget()
    vectors.forget()
    yield sent
    score.digest.cache_clear()


def digests_as_the_fields_say(owner_id: int, person_ids) -> set[str]:
    fields = fields_for(person_ids)
    return {score.digest(t) for fs in fields.values() for f in fs for t in pieces(f.kind, f.text)}


def stored_digests(person_ids) -> set[str]:
    return set(FieldVector.objects.filter(person_id__in=person_ids).values_list("digest", flat=True))


def test_an_owner_new_to_meaning_is_recorded_with_the_installed_model(alice, bob, cal):
    assert not MeaningIndex.objects.exists()
    search.ensure_current(alice)
    assert MeaningIndex.objects.get(owner=alice).model_version == OLD
    assert not MeaningIndex.objects.filter(owner=bob).exists()  # nothing written for bob
    assert model_upgrade.is_current(alice.pk) and model_upgrade.is_current(bob.pk)
    assert model_upgrade.pending(alice) is None
    assert pass_on_ranking(alice, ITEM).meaning_rebuilding == ""


@pytest.fixture
def old_index(alice, bob, cal):
    """Alice's and Bob's networks indexed by the old model, before the release."""
    people = [cal] + [person(alice, f"Angel {n}") for n in range(4)]
    for n, p in enumerate(people[1:]):
        add_entry(alice, p, "interest", "angel investors")  # the same text on four people
        add_entry(alice, p, "need", f"a co-founder for venture number {n}")
    bobs = person(bob, "Bob's Cal")
    add_entry(bob, bobs, "need", "cutting our AWS spend")
    search.ensure_current(alice)
    search.ensure_current(bob)
    return people, bobs


def test_after_a_model_change_meaning_is_left_out_and_said_so_until_the_pass_is_done(alice, old_index, upgraded):
    cal = old_index[0][0]
    ranking = pass_on_ranking(alice, ITEM)
    assert ranking.meaning_rebuilding.startswith("Matching by meaning is being rebuilt for a new model (0 of 5 people")
    assert "Cal Cloud" not in [r.name for r in ranking.people]  # by words alone: no shared word
    assert model_upgrade.behind() == [alice.pk, old_index[1].owner_id]
    assert model_upgrade.upgrade(alice.pk) == 5
    ranking = pass_on_ranking(alice, ITEM)
    assert ranking.meaning_rebuilding == ""
    assert [r.name for r in ranking.people][:1] == ["Cal Cloud"]  # meaning is back, in the new space
    assert stored_digests([cal.pk]) == digests_as_the_fields_say(alice.pk, [cal.pk])


def test_the_pass_goes_a_chunk_at_a_time_resumes_and_encodes_each_text_once(alice, bob, old_index, upgraded):
    people, bobs = old_index
    ids = [p.pk for p in people]
    assert model_upgrade.pending(alice).done == 0 and model_upgrade.pending(alice).total == 5
    step = model_upgrade.upgrade_some(alice.pk, people=2)
    assert (step.people, step.finished) == (2, False)
    assert model_upgrade.pending(alice).done == 2
    assert not model_upgrade.is_current(alice.pk)  # half made: still words alone
    assert stored_digests(ids[:2]) == digests_as_the_fields_say(alice.pk, ids[:2])
    assert stored_digests(ids[2:]).isdisjoint(digests_as_the_fields_say(alice.pk, ids[2:]))  # not yet
    # A restart: a new process knows nothing, the row says where to go on from.
    model_upgrade.forget()
    while not (step := model_upgrade.upgrade_some(alice.pk, people=2)).finished:
        assert step.people == 2
    assert model_upgrade.is_current(alice.pk)
    assert stored_digests(ids) == digests_as_the_fields_say(alice.pk, ids)
    assert upgraded.count("angel investors") == 1  # shared by four people, encoded once
    assert len(upgraded) == len(set(upgraded))
    # Bob's network is his own pass: alice's never touched it.
    assert stored_digests([bobs.pk]).isdisjoint(digests_as_the_fields_say(bob.pk, [bobs.pk]))
    assert model_upgrade.behind() == [bob.pk]
    assert meaning_jobs.upgrade_round() == 1
    assert model_upgrade.behind() == []


def test_edits_and_new_people_during_the_pass_end_up_in_the_new_model(alice, old_index, upgraded):
    people, _ = old_index
    model_upgrade.upgrade_some(alice.pk, people=2)
    # An edit of someone already done, and of someone not yet: both written at once, new model.
    add_entry(alice, people[0], "interest", "sailing in Maine")
    add_entry(alice, people[4], "interest", "birdwatching")
    late = person(alice, "Late Larry")
    add_entry(alice, late, "need", "a bookkeeper for a bakery")
    search.ensure_current(alice)
    ids = [p.pk for p in people] + [late.pk]
    assert model_upgrade.upgrade(alice.pk) == 4  # the three left and the late one
    assert stored_digests(ids) == digests_as_the_fields_say(alice.pk, ids)
    for pid in ids:
        assert FieldVector.objects.filter(person_id=pid).count() == len(digests_as_the_fields_say(alice.pk, [pid]))


def test_a_chunk_another_worker_wrote_first_is_not_written_twice(alice, old_index, upgraded, monkeypatch):
    real = vectors.encode_missing

    def meanwhile(owner_id, fields):
        made = real(owner_id, fields)
        # Another worker finished this chunk while this one was encoding.
        MeaningIndex.objects.filter(owner=alice).update(upgrading_to=NEW, upgraded_through=max(fields))
        return made

    monkeypatch.setattr(vectors, "encode_missing", meanwhile)
    step = model_upgrade.upgrade_some(alice.pk, people=2)
    assert (step.people, step.finished) == (0, False)
    first_two = [p.pk for p in old_index[0][:2]]
    assert stored_digests(first_two).isdisjoint(digests_as_the_fields_say(alice.pk, first_two))  # left as found


def test_a_pass_another_worker_has_claimed_is_left_to_it_until_its_claim_lapses(alice, old_index, upgraded):
    from datetime import timedelta

    from goodwill import clock

    MeaningIndex.objects.filter(owner=alice).update(claimed_until=clock.now() + timedelta(minutes=3))
    assert model_upgrade.upgrade_some(alice.pk, people=2) == model_upgrade.Step(0, False)
    assert upgraded == []  # nothing encoded beside the other worker
    assert model_upgrade.pending(alice).done == 0
    # A worker that died: its claim lapses, and the next round takes the pass over.
    MeaningIndex.objects.filter(owner=alice).update(claimed_until=clock.now() - timedelta(seconds=1))
    assert model_upgrade.upgrade_some(alice.pk, people=2) == model_upgrade.Step(2, False)
    assert MeaningIndex.objects.get(owner=alice).claimed_until is None  # released for the next chunk


def test_reindex_makes_every_vector_with_the_installed_model_at_once(alice, old_index, upgraded):
    people, _ = old_index
    assert search.rebuild(alice) == 5
    assert model_upgrade.is_current(alice.pk)
    assert MeaningIndex.objects.get(owner=alice).model_version == NEW
    ids = [p.pk for p in people]
    assert stored_digests(ids) == digests_as_the_fields_say(alice.pk, ids)


def test_the_worker_once_runs_every_pass_to_its_end(alice, bob, old_index, upgraded):
    assert meaning_jobs.upgrade_all() == 6
    assert model_upgrade.behind() == []
    assert meaning_jobs.upgrade_round() == 0  # nothing left: a round costs one read


def test_the_browser_and_the_api_say_meaning_is_being_rebuilt(alice, old_index, upgraded, client):
    from tests.api.conftest import ApiClient, token_for

    client.force_login(alice)
    body = client.get("/pass-on/", {"text": ITEM}).content.decode()
    assert 'id="meaning-rebuilding"' in body and "0 of 5 people so far" in body
    api = ApiClient(client, token_for(alice))
    answer = api.get("/pass-on", {"text": ITEM})
    assert answer.status_code == 200 and "(0 of 5 people so far)" in answer.json()["meaning_rebuilding"]
    model_upgrade.upgrade(alice.pk)
    assert 'id="meaning-rebuilding"' not in client.get("/pass-on/", {"text": ITEM}).content.decode()
    assert api.get("/pass-on", {"text": ITEM}).json()["meaning_rebuilding"] == ""


@pytest.fixture
def my_old_index(me, now):
    mine = person(me, "Cal Cloud", title="CTO", organization="Stackly")
    add_entry(me, mine, "need", "cutting our AWS spend")
    search.ensure_current(me)
    return mine


def test_the_cli_says_meaning_is_being_rebuilt_and_reindex_ends_it(me, my_old_index, upgraded, cli):
    printed = " ".join(cli("pass-on", ITEM).output.split())
    assert "Matching by meaning is being rebuilt for a new model (0 of 1 people so far)" in printed
    assert "Cal Cloud" not in printed
    assert "Search index rebuilt: 1 people." in cli("reindex").output
    printed = " ".join(cli("pass-on", ITEM).output.split())
    assert "being rebuilt" not in printed and "Cal Cloud" in printed


def test_the_migration_stamps_owners_whose_vectors_the_old_model_made(alice, bob, charlie, old_index):
    MeaningIndex.objects.all().delete()  # as before the migration
    migration = importlib.import_module("goodwill.migrations.0030_meaning_index")
    migration.stamp_owners_with_vectors(apps, None)
    stamped = dict(MeaningIndex.objects.values_list("owner_id", "model_version"))
    assert stamped == {alice.pk: migration.MODEL_UNTIL_NOW, bob.pk: migration.MODEL_UNTIL_NOW}  # charlie has none
    # The model shipped when it was written; the model since is another, so after the migration
    # every existing network is behind and its vectors are made again by the workers.
    assert migration.MODEL_UNTIL_NOW == "minilm-l6-v2-int8-1" != OLD
    model_upgrade.forget()
    assert not model_upgrade.is_current(alice.pk) and model_upgrade.behind() == [alice.pk, bob.pk]


@pytest.fixture
def baker_and_bookkeeper(alice, cal):
    """A need and an offer that share words (bakery, accounts), indexed by the old model."""
    baker = person(alice, "Bea Baker")
    add_entry(alice, baker, "need", "someone to do the accounts for my bakery")
    bookkeeper = person(alice, "Ned Numbers")
    add_entry(alice, bookkeeper, "offer", "keeps the accounts of bakeries and cafes")
    search.ensure_current(alice)
    return baker, bookkeeper


def test_ideas_and_suggested_pairs_go_by_words_and_say_so_while_meaning_is_rebuilt(
    alice, baker_and_bookkeeper, upgraded, client
):
    from goodwill import clock
    from goodwill.queries.ideas import ideas_for
    from goodwill.queries.intros import suggest_pairs
    from tests.api.conftest import ApiClient, token_for

    baker, bookkeeper = baker_and_bookkeeper
    introduce = "Introduce them to Ned Numbers"
    # Words alone never reach the line meaning and words reach together: while meaning is
    # rebuilt, whoever words find is named, and every page says why the ideas are thinner.
    assert introduce in [i.text for i in ideas_for(alice, baker, clock.today())]
    assert [(s.needs_name, s.offers_name) for s in suggest_pairs(alice)] == [("Bea Baker", "Ned Numbers")]
    client.force_login(alice)
    page = client.get(f"/people/{baker.pk}/").content.decode()
    assert 'id="ideas-meaning-rebuilding"' in page and "(0 of 3 people so far)" in page and introduce in page
    api = ApiClient(client, token_for(alice))
    answer = api.get(f"/people/{baker.pk}/ideas").json()
    assert "(0 of 3 people so far)" in answer["meaning_rebuilding"]
    assert introduce in [i["text"] for i in answer["ideas"]]

    model_upgrade.upgrade(alice.pk)
    assert introduce in [i.text for i in ideas_for(alice, baker, clock.today())]  # by meaning and words now
    assert 'id="ideas-meaning-rebuilding"' not in client.get(f"/people/{baker.pk}/").content.decode()
    assert api.get(f"/people/{baker.pk}/ideas").json()["meaning_rebuilding"] == ""


def test_the_cli_ideas_and_suggestions_say_meaning_is_being_rebuilt(me, my_old_index, upgraded, cli):
    baker = person(me, "Bea Baker")
    add_entry(me, baker, "need", "someone to do the accounts for my bakery")
    helper = person(me, "Ned Numbers")
    add_entry(me, helper, "offer", "keeps the accounts of bakeries and cafes")
    printed = " ".join(cli("ideas", "Bea Baker").output.split())
    assert "Matching by meaning is being rebuilt for a new model" in printed
    assert "`goodwill reindex` finishes it now" in printed and "Introduce them to Ned Numbers" in printed
    assert "being rebuilt" in " ".join(cli("intro", "suggest").output.split())
    cli("reindex")
    assert "being rebuilt" not in cli("ideas", "Bea Baker").output
    assert "being rebuilt" not in cli("intro", "suggest").output


def test_kept_items_are_matched_by_words_on_a_person_page_while_meaning_is_rebuilt(
    alice, baker_and_bookkeeper, upgraded
):
    from goodwill import clock
    from goodwill.queries.ideas import ideas_for
    from goodwill.services.pass_on import keep_item

    baker, _ = baker_and_bookkeeper
    keep_item(alice, "Ferry timetables change in the spring")  # no word of hers: no idea, no error
    keep_item(alice, "A guide to the accounts of a small bakery")
    texts = [i.text for i in ideas_for(alice, baker, clock.today())]
    assert 'Pass on "A guide to the accounts of a small bakery"' in texts
    assert not any("Ferry" in t for t in texts)

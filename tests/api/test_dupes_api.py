"""GET /duplicates, POST /duplicates/dismiss and /undismiss, and /merges with their undo: the
query and services of `goodwill dupes` and `goodwill merge` (owner, teammate and outsider for
every operation are in tests/api/test_access.py)."""

from __future__ import annotations

import pytest

from goodwill.models import DupeDismissal, MergeRecord, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(alice, now):
    from goodwill.services.people import PersonFields, add_person

    robert = add_person(alice, PersonFields(name="Robert Smith", organization="Acme", emails=["bob@acme.com"]))
    bob = add_person(alice, PersonFields(name="Bob Smith", emails=["Bob@Acme.com"], title="CFO"))
    add_person(alice, PersonFields(name="Ann Lee", phones=["(208) 555-0143"]))
    add_person(alice, PersonFields(name="Ann Lee", phones=["+1 208-555-0143"]))
    return robert, bob


def test_pairs_strongest_first_with_score_and_evidence(as_alice, twins):
    robert, bob = twins
    found = as_alice.get("/duplicates")
    assert found.status_code == 200
    body = found.json()
    assert body["count"] == 2 and body["hidden"] == 0
    first, second = body["items"]
    assert first["keep"] == {"id": robert.pk, "name": "Robert Smith"}
    assert first["other"] == {"id": bob.pk, "name": "Bob Smith"}
    assert first["score"] >= second["score"] and first["dismissed"] is False
    assert {"kind": "email", "detail": "same email: bob@acme.com", "weight": 0.9} in first["evidence"]
    assert [p["keep"]["name"] for p in as_alice.get("/duplicates", {"limit": 1}).json()["items"]] == ["Robert Smith"]
    assert as_alice.get("/duplicates", {"limit": 1}).json()["count"] == 2
    assert as_alice.get("/duplicates", {"min_score": 100}).json() == {"count": 0, "hidden": 0, "items": []}


def test_dismiss_hides_a_pair_until_undismissed(as_alice, alice, twins):
    robert, bob = twins
    pair = {"person_a_id": bob.pk, "person_b_id": robert.pk}
    done = as_alice.post("/duplicates/dismiss", pair)
    assert done.status_code == 200
    assert done.json() == {
        "changed": True,
        "pair": [{"id": robert.pk, "name": "Robert Smith"}, {"id": bob.pk, "name": "Bob Smith"}],
    }
    assert as_alice.post("/duplicates/dismiss", pair).json()["changed"] is False  # twice is one mark
    listed = as_alice.get("/duplicates").json()
    assert listed["hidden"] == 1 and [p["keep"]["name"] for p in listed["items"]] == ["Ann Lee"]
    everything = as_alice.get("/duplicates", {"dismissed": "true"}).json()
    assert [(p["keep"]["id"], p["dismissed"]) for p in everything["items"]][0] == (robert.pk, True)

    back = as_alice.post("/duplicates/undismiss", pair)
    assert back.status_code == 200 and not DupeDismissal.objects.filter(owner=alice).exists()
    again = as_alice.post("/duplicates/undismiss", pair)
    assert again.status_code == 400 and again.json()["detail"].endswith("were not marked as different people")


def test_merge_list_and_undo(as_alice, alice, twins):
    robert, bob = twins
    made = as_alice.post("/merges", {"keep_id": robert.pk, "other_id": bob.pk})
    assert made.status_code == 201
    merge = made.json()
    assert merge["kept"] == {"id": robert.pk, "name": "Robert Smith"}
    assert merge["merged"] == {"id": bob.pk, "name": "Bob Smith"}
    assert merge["filled"] == ["title"] and merge["undone_at"] is None
    assert merge["already_there"] == 1  # the email both had, kept once
    assert merge["text"].startswith(f"Merged #{bob.pk} Bob Smith into #{robert.pk} Robert Smith:")
    assert Person.objects.get(pk=robert.pk).title == "CFO" and not Person.objects.filter(pk=bob.pk).exists()

    history = as_alice.get("/merges").json()
    assert history["count"] == 1 and history["items"][0]["id"] == merge["id"]
    assert as_alice.get(f"/merges/{merge['id']}").json() == history["items"][0]

    undone = as_alice.post(f"/merges/{merge['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    assert Person.objects.get(pk=bob.pk).name == "Bob Smith" and Person.objects.get(pk=robert.pk).title == ""
    twice = as_alice.post(f"/merges/{merge['id']}/undo")
    assert twice.status_code == 400 and "already undone" in twice.json()["detail"]


def test_mistakes_are_one_line_and_change_nothing(as_alice, twins):
    robert, bob = twins
    itself = as_alice.post("/merges", {"keep_id": robert.pk, "other_id": robert.pk})
    assert itself.status_code == 400 and "with itself" in itself.json()["detail"]
    missing = as_alice.post("/merges", {"keep_id": robert.pk, "other_id": 999999})
    assert missing.status_code == 404 and missing.json()["detail"] == "no person with id 999999"
    typo = as_alice.post("/merges", {"keep_id": robert.pk, "other": bob.pk})
    assert typo.status_code == 422 and 'unknown field "other"' in typo.json()["detail"]
    twice = as_alice.post("/duplicates/dismiss", {"person_a_id": bob.pk, "person_b_id": bob.pk})
    assert twice.status_code == 400 and "named twice" in twice.json()["detail"]
    bad = as_alice.get("/duplicates", {"min_score": 101})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("min_score:")
    assert as_alice.get("/merges/999999").status_code == 404
    assert not MergeRecord.objects.exists() and not DupeDismissal.objects.exists()

"""Duplicates and merging at the three front doors: `goodwill dupes` / `goodwill merge`, the
Duplicates page and the API list the same pairs with the same evidence, and the same merge,
undo and "not the same" through each door leave the same records behind."""

from __future__ import annotations

import json
import re

import pytest

from goodwill.models import DupeDismissal, MergeRecord, Person
from tests.doors import api, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(cli, me):
    for args in (
        ("Robert Smith", "--org", "Acme", "--email", "bob@acme.com"),
        ("Bob Smith", "--email", "Bob@Acme.com", "--title", "CFO"),
    ):
        assert cli("add", *args).exit_code == 0
    return Person.objects.get(owner=me, name="Robert Smith"), Person.objects.get(owner=me, name="Bob Smith")


def test_the_three_doors_list_the_same_pair_with_the_same_evidence(cli, web, api, pair):  # noqa: F811
    robert, bob = pair
    by_cli = json.loads(cli("dupes", "--json").stdout)
    by_api = api("get", "/duplicates").json()["items"]
    assert [(p["keep"], p["other"], p["score"]) for p in by_cli] == [
        (p["keep"], p["other"], p["score"]) for p in by_api
    ]
    assert [[e["detail"] for e in p["evidence"]] for p in by_cli] == [
        [e["detail"] for e in p["evidence"]] for p in by_api
    ]
    page = web.get("/people/duplicates/").content.decode()
    assert f"score {by_cli[0]['score']}" in page
    assert all(e["detail"] in page for e in by_cli[0]["evidence"])
    assert f"?a={robert.pk}&amp;b={bob.pk}" in page


def _merge(door, cli, web, api, keep, other) -> None:  # noqa: F811
    if door == "cli":
        assert cli("merge", f"#{keep.pk}", f"#{other.pk}").exit_code == 0
    elif door == "web":
        assert web.post("/people/duplicates/merge", {"a": other.pk, "b": keep.pk, "keep": keep.pk}).status_code == 303
    else:
        assert api("post", "/merges", {"keep_id": keep.pk, "other_id": other.pk}).status_code == 201


def _undo(door, cli, web, api, merge_id: int) -> None:  # noqa: F811
    if door == "cli":
        assert cli("merge", "undo", str(merge_id)).exit_code == 0
    elif door == "web":
        assert web.post(f"/people/merges/{merge_id}/undo").status_code == 303
    else:
        assert api("post", f"/merges/{merge_id}/undo").status_code == 200


@pytest.mark.parametrize("door", ["cli", "web", "api"])
def test_the_same_merge_and_undo_through_each_door(door, cli, web, api, me, pair):  # noqa: F811
    from goodwill.services.merge import summarize

    robert, bob = pair
    _merge(door, cli, web, api, robert, bob)
    done = summarize(MergeRecord.objects.get(owner=me))
    assert (done.kept_id, done.merged_id, done.filled, done.already_there) == (robert.pk, bob.pk, ["title"], 1)
    assert Person.objects.get(pk=robert.pk).title == "CFO" and not Person.objects.filter(pk=bob.pk).exists()
    # Each door shows the merge the others made, in the same words.
    listed = json.loads(cli("merge", "list", "--json").stdout)
    assert listed[0]["id"] == done.id and api("get", "/merges").json()["items"][0]["text"] == done.describe()
    assert "Bob Smith" in web.get("/people/duplicates/").content.decode().split('id="h-merges"', 1)[1]

    _undo(door, cli, web, api, done.id)
    assert Person.objects.get(pk=bob.pk).title == "CFO" and Person.objects.get(pk=robert.pk).title == ""
    assert MergeRecord.objects.get(pk=done.id).undone_at is not None
    assert api("get", f"/merges/{done.id}").json()["undone_at"] is not None and "(undone" in cli("merge", "list").stdout


@pytest.mark.parametrize("door", ["cli", "web", "api"])
def test_the_same_not_the_same_through_each_door(door, cli, web, api, me, pair):  # noqa: F811
    robert, bob = pair
    if door == "cli":
        assert cli("dupes", "dismiss", f"#{bob.pk}", f"#{robert.pk}").exit_code == 0
    elif door == "web":
        assert web.post("/people/duplicates/dismiss", {"a": bob.pk, "b": robert.pk}).status_code == 303
    else:
        assert api("post", "/duplicates/dismiss", {"person_a_id": bob.pk, "person_b_id": robert.pk}).status_code == 200
    assert list(DupeDismissal.objects.filter(owner=me).values_list("person_a_id", "person_b_id")) == [
        (robert.pk, bob.pk)
    ]
    assert json.loads(cli("dupes", "--json").stdout) == [] and api("get", "/duplicates").json()["hidden"] == 1
    page = web.get("/people/duplicates/").content.decode()
    assert re.search(r"No likely duplicates \(1 pair you marked", page)

import json

from goodwill.models import Interaction, MergeRecord, Person


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def fails(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    for word in words:
        assert word in result.output, result.output
    return result.output


def test_dupes_lists_pairs_with_evidence_strongest_first(cli):
    ok(cli("add", "Robert Smith", "--org", "Acme", "--email", "bob@acme.com"))
    ok(cli("add", "Bob Smith", "--org", "ACME Inc", "--email", "Bob@Acme.com"))
    ok(cli("add", "Ann Lee", "--phone", "(208) 555-0143"))
    ok(cli("add", "Ann Lee", "--phone", "+1 208-555-0143"))
    ok(cli("add", "Carol King", "--org", "Initech"))
    rows = json.loads(ok(cli("dupes", "--json")))
    assert [(r["keep"]["name"], r["other"]["name"]) for r in rows] == [("Robert Smith", "Bob Smith"), ("Ann Lee", "Ann Lee")]
    assert rows[0]["score"] > rows[1]["score"]
    assert {e["kind"] for e in rows[0]["evidence"]} >= {"email", "name", "organization"}
    assert {e["kind"] for e in rows[1]["evidence"]} >= {"phone"}
    assert rows[0]["merge"] == f"goodwill merge #{rows[0]['keep']['id']} #{rows[0]['other']['id']}"
    text = ok(cli("dupes"))
    assert "same email: bob@acme.com" in text and "2 likely pair(s)" in text


def test_no_dupes(cli):
    ok(cli("add", "Jane Doe"))
    assert "No likely duplicates." in ok(cli("dupes"))


def test_merge_then_list_and_undo(cli):
    ok(cli("add", "Jane Doe", "--email", "jane@x.com"))
    ok(cli("add", "Jane Q. Doe", "--email", "jq@x.com", "--title", "CFO"))
    ok(cli("log", "call", "jq@x.com", "Talked budgets", "--next", "none"))
    keep, other = Person.objects.order_by("pk")
    out = ok(cli("merge", f"#{keep.pk}", "jq@x.com"))
    assert f"Merged #{other.pk} Jane Q. Doe into #{keep.pk} Jane Doe" in out and "title" in out
    assert Interaction.objects.get(summary="Talked budgets").participants.get() == keep
    listing = json.loads(ok(cli("merge", "list", "--json")))
    assert listing[0]["merged"] == {"id": other.pk, "name": "Jane Q. Doe"} and listing[0]["undone_at"] is None
    ok(cli("merge", "undo", str(listing[0]["id"])))
    assert Interaction.objects.get(summary="Talked budgets").participants.get().pk == other.pk
    assert "(undone" in ok(cli("merge", "list"))
    fails(cli("merge", "undo", str(listing[0]["id"])), "already undone")


def test_bad_input_is_one_line_exit_2(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("add", "John Roe"))
    fails(cli("merge", "Jane Doe", "Jane"), "itself")
    fails(cli("merge", "Jane Doe", "Nobody Here"), "Nobody Here")
    fails(cli("merge", "Jane Doe"), "two people")
    fails(cli("merge", "undo"), "merge id")
    fails(cli("merge", "undo", "abc"), "abc")
    fails(cli("merge", "undo", "77"), "no merge #77")
    assert Person.objects.count() == 2 and MergeRecord.objects.count() == 0


def test_cannot_merge_someone_elses_people(cli, bob, now):
    from goodwill.services.people import PersonFields, add_person

    theirs = add_person(bob, PersonFields(name="Bob's Friend"))
    ok(cli("add", "Jane Doe"))
    fails(cli("merge", "Jane Doe", f"#{theirs.pk}"), f"no person with id {theirs.pk}")
    assert Person.objects.filter(pk=theirs.pk).exists()


def test_dupes_never_pair_across_owners_or_with_archived_people(alice, bob, charlie, now):
    from goodwill.queries.dupes import likely_duplicates
    from goodwill.services.people import PersonFields, add_person, archive_person

    for owner in (alice, bob, charlie):
        add_person(owner, PersonFields(name="Jane Doe", emails=["jane@x.com"], organization="Acme"))
    assert likely_duplicates(alice) == [] and likely_duplicates(bob) == []
    twin = add_person(alice, PersonFields(name="Jane Doe", emails=["jane@x.com"]))
    assert [p.other_id for p in likely_duplicates(alice)] == [twin.pk]
    assert likely_duplicates(bob) == []
    archive_person(alice, twin)
    assert likely_duplicates(alice) == []


def test_phone_region_setting_is_used(cli):
    ok(cli("config", "set", "phone-region", "GB"))
    ok(cli("add", "Ann Lee", "--phone", "020 7946 0018"))
    ok(cli("add", "A. Lee", "--phone", "+44 20 7946 0018"))
    rows = json.loads(ok(cli("dupes", "--json")))
    assert rows and "+442079460018" in " ".join(e["detail"] for e in rows[0]["evidence"])

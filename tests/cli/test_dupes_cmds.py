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
    assert [(r["keep"]["name"], r["other"]["name"]) for r in rows] == [
        ("Robert Smith", "Bob Smith"),
        ("Ann Lee", "Ann Lee"),
    ]
    assert rows[0]["score"] > rows[1]["score"]
    assert {e["kind"] for e in rows[0]["evidence"]} >= {"email", "name", "organization"}
    assert {e["kind"] for e in rows[1]["evidence"]} >= {"phone"}
    assert rows[0]["merge"] == f"goodwill merge {rows[0]['keep']['id']} {rows[0]['other']['id']}"
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
    fails(cli("merge", "undo", "77"), "no merge with id 77")
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


def test_dismiss_hides_a_pair_all_shows_it_marked_and_undismiss_brings_it_back(cli):
    ok(cli("add", "Robert Smith", "--org", "Acme", "--email", "bob@acme.com"))
    ok(cli("add", "Bob Smith", "--email", "Bob@Acme.com"))
    ok(cli("add", "Ann Lee", "--phone", "(208) 555-0143"))
    ok(cli("add", "Ann Lee", "--phone", "+1 208-555-0143"))
    robert, bob = Person.objects.get(name="Robert Smith"), Person.objects.get(name="Bob Smith")
    assert f"goodwill dupes dismiss {robert.pk} {bob.pk}" in ok(cli("dupes"))

    out = ok(cli("dupes", "dismiss", "Bob Smith", "Robert Smith"))  # by name, either order
    assert f"Marked #{robert.pk} Robert Smith and #{bob.pk} Bob Smith as two different people" in out

    text = ok(cli("dupes"))
    assert "Robert Smith" not in text and "Ann Lee" in text
    assert "1 likely pair(s)" in text and "1 pair(s) you marked as different people are hidden" in text
    rows = json.loads(ok(cli("dupes", "--json")))
    assert [r["keep"]["name"] for r in rows] == ["Ann Lee"] and rows[0]["dismissed"] is False
    everything = json.loads(ok(cli("dupes", "--all", "--json")))
    assert [(r["keep"]["id"], r["dismissed"]) for r in everything][0] == (robert.pk, True)
    assert everything[0]["undismiss"] == f"goodwill dupes undismiss {robert.pk} {bob.pk}"
    marked = ok(cli("dupes", "--all"))
    assert "(dismissed: not the same person)" in marked and "2 likely pair(s)" in marked

    again = json.loads(ok(cli("dupes", "dismiss", f"#{robert.pk}", f"#{bob.pk}", "--json")))
    assert again["changed"] is False and [p["id"] for p in again["pair"]] == [robert.pk, bob.pk]

    assert "no longer marked" in ok(cli("dupes", "undismiss", f"#{bob.pk}", f"#{robert.pk}"))
    assert [r["keep"]["name"] for r in json.loads(ok(cli("dupes", "--json")))] == ["Robert Smith", "Ann Lee"]

    # Merging a pair once dismissed is still allowed.
    ok(cli("dupes", "dismiss", f"#{robert.pk}", f"#{bob.pk}"))
    assert "Merged" in ok(cli("merge", f"#{robert.pk}", f"#{bob.pk}"))


def test_dismissal_mistakes_are_one_line_exit_2(cli, bob, now):
    from goodwill.models import DupeDismissal
    from goodwill.services.people import PersonFields, add_person

    theirs = add_person(bob, PersonFields(name="Bob's Friend"))
    ok(cli("add", "Jane Doe"))
    ok(cli("add", "John Roe"))
    fails(cli("dupes", "dismiss", "Jane Doe"), "goodwill dupes dismiss A B")
    fails(cli("dupes", "forget", "Jane Doe", "John Roe"), "goodwill dupes dismiss A B")
    fails(cli("dupes", "dismiss", "Jane Doe", "Jane Doe"), "named twice")
    fails(cli("dupes", "dismiss", "Jane Doe", "Nobody Here"), "Nobody Here")
    fails(cli("dupes", "dismiss", "Jane Doe", f"#{theirs.pk}"), f"no person with id {theirs.pk}")
    fails(cli("dupes", "undismiss", "Jane Doe", "John Roe"), "were not marked")
    assert not DupeDismissal.objects.exists()


def test_the_docs_show_what_dupes_help_offers(cli):
    """docs/dupes-and-calendar.md stays true: every `goodwill dupes` option it shows is in --help."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "dupes-and-calendar.md").read_text()
    shown = set(re.findall(r"^goodwill dupes .*?(--[a-z-]+)", text, re.M))
    assert shown >= {"--json", "--min-score", "--limit", "--all"}
    help_text = ok(cli("dupes", "--help"))
    for option in shown:
        assert option in help_text, option
    for verb in ("dismiss", "undismiss"):
        assert re.search(rf"^goodwill dupes {verb} ", text, re.M) and f"`{verb} A B`" in help_text

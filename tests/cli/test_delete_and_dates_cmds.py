"""`goodwill delete` (asks first), `deleted`, `undelete`, `empty-deleted`, and `goodwill dates`."""

import json

from goodwill.models import ImportantDate, Interaction, Person, PersonDeletion


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_delete_asks_then_undelete_brings_them_back(cli):
    ok(cli("add", "Jane Doe", "--email", "jane@example.com"))
    ok(cli("add", "Sam Lee"))
    ok(cli("log", "meeting", "Jane Doe", "Lunch with Sam too", "--with", "Sam Lee", "--next", "none"))
    jane_id = Person.objects.get(name="Jane Doe").pk
    refused = cli("delete", "Jane Doe", input="n\n")
    assert refused.exit_code == 2 and "not deleted" in refused.output
    assert Person.objects.filter(pk=jane_id).exists()
    out = ok(cli("delete", "Jane", input="y\n"))
    assert "Deleted Jane Doe" in out and "goodwill undelete" in out
    assert not Person.objects.filter(pk=jane_id).exists()
    assert list(Interaction.objects.get().participants.values_list("name", flat=True)) == ["Sam Lee"]
    listed = json.loads(ok(cli("deleted", "--json")))
    assert [(d["name"], d["person_id"]) for d in listed] == [("Jane Doe", jane_id)]
    assert f"Restored Jane Doe (#{jane_id})" in ok(cli("undelete", str(listed[0]["id"])))
    assert Person.objects.get(pk=jane_id).contact_points.get().value == "jane@example.com"
    assert Interaction.objects.get().participants.count() == 2
    again = cli("undelete", str(listed[0]["id"]))
    assert again.exit_code == 2 and "already restored" in again.output
    assert "Nobody deleted" in ok(cli("deleted"))


def test_delete_yes_and_empty_for_good(cli):
    ok(cli("add", "Sam Lee"))
    ok(cli("delete", "Sam Lee", "--yes"))
    deletion = PersonDeletion.objects.get()
    assert cli("empty-deleted", str(deletion.pk), input="n\n").exit_code == 2
    ok(cli("empty-deleted", str(deletion.pk), "--yes"))
    assert not PersonDeletion.objects.exists()
    bad = cli("undelete", "42")
    assert bad.exit_code == 2 and "no deleted person with id 42" in bad.output


def test_dates_add_list_change_remove(cli):
    ok(cli("add", "Jane Doe", "--birthday", "17 July 1984"))
    assert Person.objects.get().birthday == "1984-07-17"
    out = ok(cli("dates", "add", "Jane", "anniversary", "14 June"))
    assert "anniversary on 14 June" in out
    important = ImportantDate.objects.get()
    assert "14 June" in ok(cli("dates")) and "--06" not in ok(cli("dates"))
    ok(cli("dates", "change", str(important.pk), "--date", "2012-06-15"))
    data = json.loads(ok(cli("dates", "--person", "Jane", "--json")))
    assert (data[0]["day"], data[0]["year"]) == (15, 2012)
    bad = cli("dates", "add", "Jane", "anniversary", "31 June")
    assert bad.exit_code == 2 and "no day 31 in June" in bad.output
    ok(cli("dates", "remove", str(important.pk)))
    assert not ImportantDate.objects.exists()


def test_show_reads_birthday_and_dates_as_people_do(cli):
    ok(cli("add", "Jane Doe", "--birthday", "--07-17"))
    ok(cli("dates", "add", "Jane", "anniversary", "14 June 2012"))
    out = ok(cli("show", "Jane"))
    assert "17 July" in out and "--07-17" not in out and "anniversary 14 June 2012" in out
    data = json.loads(ok(cli("show", "Jane", "--json")))
    assert data["important_dates"][0]["label"] == "anniversary"

"""A stored birthday reads "17 July", never "--07-17" (issue 12)."""

from __future__ import annotations

from goodwill.services.people import PersonFields, add_person


def _person(owner, name, birthday):
    return add_person(owner, PersonFields(name=name, birthday=birthday))


def test_a_birthday_reads_in_words_on_the_person_page_and_in_show(cli, me, as_user):
    jane = _person(me, "Jane Doe", "--07-17")
    sam = _person(me, "Sam Lee", "1985-07-17")
    assert "17 July" in cli("show", "Jane Doe").output
    assert "17 July 1985" in cli("show", "Sam Lee").output
    client = as_user(me)
    for person, words in ((jane, "17 July"), (sam, "17 July 1985")):
        body = client.get(f"/people/{person.pk}/").content.decode()
        assert f"<dd>{words}</dd>" in body and "--07-17" not in body and "1985-07-17" not in body

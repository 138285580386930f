"""A browser user adds, edits and deletes people (with an undo), and keeps their important
dates and profile, on the People and Person pages; nobody else can."""

from __future__ import annotations

import pytest

from goodwill.models import ImportantDate, Person, PersonDeletion, ProfileEntry


def _body(response) -> str:
    return response.content.decode()


def test_add_a_person_with_every_field(network, as_alice):
    page = as_alice.get("/people/")
    assert 'href="/people/new"' in _body(page)
    assert as_alice.get("/people/new?name=Jane+Newperson").status_code == 200
    response = as_alice.post(
        "/people/new",
        {
            "name": "Ann Lee",
            "organization": "Globex",
            "title": "CFO",
            "emails": "ann@globex.com\nann@home.org",
            "phones": "+1 208 555 0143",
            "urls": "linkedin.com/in/annlee",
            "location": "Austin, TX",
            "circle": "close",
            "cadence": "6w",
            "tags": "golf, board",
            "how_met": "Conference in Boise",
            "introduced_by": f"Jane Doe (#{network['jane'].pk})",
            "birthday": "17 July 1984",
            "date_label": "anniversary",
            "date_when": "14 June",
        },
    )
    assert response.status_code == 303
    ann = Person.objects.get(name="Ann Lee")
    assert response["Location"] == f"/people/{ann.pk}/"
    assert (ann.organization.name, ann.title, ann.circle.name, ann.cadence_days) == ("Globex", "CFO", "close", 42)
    assert ann.introduced_by == network["jane"] and ann.birthday == "1984-07-17" and ann.latitude is not None
    assert sorted(ann.contact_points.values_list("normalized", flat=True)) == [
        "+12085550143",
        "ann@globex.com",
        "ann@home.org",
        "https://linkedin.com/in/annlee",
    ]
    assert set(ann.tags.values_list("name", flat=True)) == {"golf", "board"}
    page = _body(as_alice.get(f"/people/{ann.pk}/"))
    assert "17 July 1984" in page and "14 June" in page and "anniversary" in page
    assert "--" not in page.split("Birthday", 1)[1][:80]


def test_a_mistake_keeps_what_was_typed_and_says_what_is_wrong(network, as_alice):
    response = as_alice.post("/people/new", {"name": "Ann Lee", "emails": "not-an-email", "circle": "network"})
    assert response.status_code == 400
    body = _body(response)
    assert "is not a valid email address" in body and 'value="Ann Lee"' in body
    assert not Person.objects.filter(name="Ann Lee").exists()
    response = as_alice.post(
        "/people/new", {"name": "Ann Lee", "circle": "network", "date_label": "anniversary", "date_when": "31 June"}
    )
    assert response.status_code == 400 and "no day 31 in June" in _body(response)
    assert not Person.objects.filter(name="Ann Lee").exists()  # nothing half-written


def test_edit_every_field_and_remove_an_email(network, as_alice):
    jane = network["jane"]
    form = _body(as_alice.get(f"/people/{jane.pk}/edit"))
    assert "jane@example.com" in form and 'value="Acme"' in form
    response = as_alice.post(
        f"/people/{jane.pk}/edit",
        {
            "name": "Jane Q. Doe",
            "organization": "Initech",
            "title": "VP",
            "emails": "jane@initech.com",
            "phones": "",
            "urls": "",
            "location": "Boise, ID",
            "circle": "inner",
            "cadence": "",
            "tags": "runner",
            "how_met": "Trail race",
            "introduced_by": f"Omar Thompson (#{network['omar'].pk})",
            "birthday": "--03-09",
        },
    )
    assert response.status_code == 303
    jane.refresh_from_db()
    assert (jane.name, jane.organization.name, jane.title, jane.circle.name, jane.how_met) == (
        "Jane Q. Doe",
        "Initech",
        "VP",
        "inner",
        "Trail race",
    )
    assert list(jane.contact_points.values_list("value", flat=True)) == ["jane@initech.com"]
    assert list(jane.tags.values_list("name", flat=True)) == ["runner"]
    assert jane.introduced_by == network["omar"] and jane.birthday == "--03-09"
    assert "9 March" in _body(as_alice.get(f"/people/{jane.pk}/"))


def test_saving_the_form_unchanged_changes_nothing(network, as_alice):
    from goodwill.services.people import archive_person, set_circle

    jane, omar = network["jane"], network["omar"]
    set_circle(jane.owner, jane, None, 45)
    Person.objects.filter(pk=jane.pk).update(introduced_by=omar, geo_status="confirmed")
    archive_person(omar.owner, omar)  # an archived introducer is still who introduced her
    before = Person.objects.values().get(pk=jane.pk)
    form = _body(as_alice.get(f"/people/{jane.pk}/edit"))
    import re

    data = dict(re.findall(r'<input name="(\w+)"[^>]*value="([^"]*)"', form))
    data.update({k: v for k, v in re.findall(r'<textarea name="(\w+)"[^>]*>([^<]*)</textarea>', form)})
    data["circle"] = "close"
    response = as_alice.post(f"/people/{jane.pk}/edit", data)
    assert response.status_code == 303, _body(response)[:300]
    after = Person.objects.values().get(pk=jane.pk)
    assert {k: v for k, v in after.items() if k != "updated_at"} == {
        k: v for k, v in before.items() if k != "updated_at"
    }


def test_delete_confirm_then_restore_from_recently_deleted(network, as_alice):
    jane = network["jane"]
    confirm = _body(as_alice.get(f"/people/{jane.pk}/delete"))
    assert "Delete Jane Doe?" in confirm and "3 notes" in confirm
    response = as_alice.post(f"/people/{jane.pk}/delete")
    assert response.status_code == 303 and response["Location"] == "/people/deleted/"
    assert not Person.objects.filter(pk=jane.pk).exists()
    listing = _body(as_alice.get("/people/deleted/"))
    assert "Jane Doe" in listing and "Restore" in listing
    assert "Jane Doe" not in _body(as_alice.get("/people/"))
    deletion = PersonDeletion.objects.get()
    response = as_alice.post(f"/people/deleted/{deletion.pk}/restore")
    assert response.status_code == 303 and response["Location"] == f"/people/{jane.pk}/"
    assert "Secretly interviewing" in _body(as_alice.get(f"/people/{jane.pk}/"))


def test_archive_and_bring_back(network, as_alice):
    jane = network["jane"]
    assert as_alice.post(f"/people/{jane.pk}/archive").status_code == 303
    assert Person.objects.get(pk=jane.pk).archived_at is not None
    assert "Bring back from the archive" in _body(as_alice.get(f"/people/{jane.pk}/"))
    as_alice.post(f"/people/{jane.pk}/archive")
    assert Person.objects.get(pk=jane.pk).archived_at is None


def test_empty_needs_the_tick(network, as_alice):
    as_alice.post(f"/people/{network['omar'].pk}/delete")
    deletion = PersonDeletion.objects.get()
    as_alice.post(f"/people/deleted/{deletion.pk}/empty", {})
    assert PersonDeletion.objects.exists()
    as_alice.post(f"/people/deleted/{deletion.pk}/empty", {"confirm": "1"})
    assert not PersonDeletion.objects.exists()


def test_important_dates_add_change_remove(network, as_alice):
    jane = network["jane"]
    as_alice.post(f"/people/{jane.pk}/dates", {"label": "work anniversary", "when": "2012-06-14"})
    important = ImportantDate.objects.get(person=jane)
    assert (important.month, important.day, important.year) == (6, 14, 2012)
    assert "14 June 2012" in _body(as_alice.get(f"/people/{jane.pk}/"))
    as_alice.post(f"/people/{jane.pk}/dates/{important.pk}", {"label": "anniversary", "when": "15 June"})
    important.refresh_from_db()
    assert (important.label, important.day, important.year) == ("anniversary", 15, None)
    response = as_alice.post(f"/people/{jane.pk}/dates", {"label": "x", "when": "--07"})
    assert response.status_code == 303
    as_alice.post(f"/people/{jane.pk}/dates/{important.pk}", {"remove": "1"})
    assert not ImportantDate.objects.exists()


def test_profile_add_close_remove_with_confidentiality(network, as_alice):
    jane = network["jane"]
    as_alice.post(f"/people/{jane.pk}/profile", {"kind": "need", "text": "a CFO", "confidentiality": "confidential"})
    entry = ProfileEntry.objects.get(person=jane)
    assert (entry.kind, entry.confidentiality) == ("need", "confidential")
    page = _body(as_alice.get(f"/people/{jane.pk}/"))
    assert "a CFO" in page
    as_alice.post(f"/people/{jane.pk}/profile/{entry.pk}", {})
    entry.refresh_from_db()
    assert not entry.active
    as_alice.post(f"/people/{jane.pk}/profile/{entry.pk}", {"remove": "1"})
    assert not ProfileEntry.objects.exists()


def test_ideas_never_tell_a_browser_user_to_run_a_command(network, as_alice):
    for person in network.values():
        body = _body(as_alice.get(f"/people/{person.pk}/"))
        assert "goodwill " not in body.lower().replace("goodwill</a>", ""), person


def _urls(net):
    jane = net["jane"]
    important = ImportantDate.objects.create(owner=jane.owner, person=jane, label="anniversary", month=6, day=14)
    entry = ProfileEntry.objects.create(
        owner=jane.owner, person=jane, kind="need", text="a CFO", created_at=jane.created_at
    )
    return jane, important, entry


@pytest.mark.parametrize("who", ["charlie", "bob", "anonymous"])
def test_nobody_else_can_see_or_change_alices_people(network, as_alice, as_user, bob, charlie, anonymous, who):
    client = {"charlie": as_user(charlie), "bob": as_user(bob), "anonymous": anonymous}[who]
    jane, important, entry = _urls(network)
    as_alice.post(f"/people/{network['omar'].pk}/delete")
    deletion = PersonDeletion.objects.get()
    expected = (302,) if who == "anonymous" else (404,)
    for url in (f"/people/{jane.pk}/edit", f"/people/{jane.pk}/delete"):
        assert client.get(url).status_code in expected, url
    for url, data in [
        (f"/people/{jane.pk}/edit", {"name": "Hacked"}),
        (f"/people/{jane.pk}/delete", {}),
        (f"/people/{jane.pk}/archive", {}),
        (f"/people/{jane.pk}/dates", {"label": "x", "when": "1 May"}),
        (f"/people/{jane.pk}/dates/{important.pk}", {"remove": "1"}),
        (f"/people/{jane.pk}/profile", {"kind": "need", "text": "x"}),
        (f"/people/{jane.pk}/profile/{entry.pk}", {"remove": "1"}),
        (f"/people/deleted/{deletion.pk}/restore", {}),
        (f"/people/deleted/{deletion.pk}/empty", {"confirm": "1"}),
    ]:
        assert client.post(url, data).status_code in expected, url
    assert Person.objects.get(pk=jane.pk).name == "Jane Doe"
    assert Person.objects.get(pk=jane.pk).archived_at is None
    assert ImportantDate.objects.count() == 1 and ProfileEntry.objects.count() == 1
    assert PersonDeletion.objects.filter(undone_at__isnull=True).count() == 1
    listing = client.get("/people/deleted/")
    if who == "anonymous":
        assert listing.status_code == 302
    else:
        assert "Omar" not in _body(listing)
        assert client.post("/people/new", {"name": "Own Person", "circle": "network"}).status_code == 303
        assert Person.objects.get(name="Own Person").owner.username == who


def test_quick_log_with_an_unknown_name_offers_to_add_them_then_logs(network, as_alice):
    form = {
        "person": "Jane Newperson",
        "kind": "meeting",
        "summary": "Met at the meetup",
        "next_step": "send the deck",
        "due": "friday",
    }
    response = as_alice.post("/log/", form)
    assert response.status_code == 400
    body = _body(response)
    assert 'aria-invalid="true"' in body and "autofocus" in body.split('id="log-person"', 1)[1].split(">", 1)[0]
    assert "Add Jane Newperson" in body and "goodwill add" not in body
    assert not Person.objects.filter(name="Jane Newperson").exists()
    response = as_alice.post("/log/", form | {"add_person": "1"})
    assert response.status_code == 303
    person = Person.objects.get(name="Jane Newperson")
    assert person.interactions.get().summary == "Met at the meetup"
    assert person.steps.get().text == "send the deck"


def test_adding_in_place_is_undone_when_the_log_is_refused(network, as_alice):
    response = as_alice.post("/log/", {"person": "Jane Newperson", "kind": "call", "summary": "Hi", "add_person": "1"})
    assert response.status_code == 400 and "next step" in _body(response)
    assert not Person.objects.filter(name="Jane Newperson").exists()
    assert 'name="add_person" value="1"' in _body(response)


def test_the_who_field_is_marked_for_any_problem_with_who(network, as_alice):
    from goodwill.services.people import PersonFields, add_person

    add_person(network["jane"].owner, PersonFields(name="Jane Smith"))
    for who in ("", "Jane"):  # nobody given; two Janes
        body = _body(as_alice.post("/log/", {"person": who, "kind": "call", "summary": "Hi", "skip_next": "1"}))
        assert 'aria-invalid="true"' in body.split('id="log-person"', 1)[1].split(">", 1)[0], who
    body = _body(as_alice.post("/log/", {"person": "Jane Doe", "kind": "call", "summary": "Hi"}))
    assert "aria-invalid" not in body.split('id="log-person"', 1)[1].split(">", 1)[0]  # the next step was missing


def test_introduced_by_suggests_people_as_you_type(network, as_alice):
    body = _body(as_alice.get("/people/pick?introduced_by=oma"))
    assert f'value="Omar Thompson (#{network["omar"].pk})"' in body


@pytest.mark.parametrize(
    "form,field",
    [
        ({"name": ""}, "name"),
        ({"name": "Ann", "emails": "nope"}, "emails"),
        ({"name": "Ann", "birthday": "31 June"}, "birthday"),
        ({"name": "Ann", "cadence": "sometimes"}, "cadence"),
        ({"name": "Ann", "circle": "nope"}, "circle"),
        ({"name": "Ann", "date_label": "anniversary", "date_when": "31 June"}, "date_when"),
    ],
)
def test_the_field_in_error_is_marked_and_focused(network, as_alice, form, field):
    import re

    body = _body(as_alice.post("/people/new", {"circle": "network", **form}))
    marked = re.findall(r'name="(\w+)"[^>]*aria-invalid="true"[^>]*autofocus', body)
    assert marked == [field]
    assert body.count("autofocus") == 1

"""People over the API: list, filter, search, read, add, edit, archive, notes, replied."""

from __future__ import annotations


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [p["name"] for p in response.json()["items"]]


def test_list_filters_and_pages(as_alice, network):
    assert names(as_alice.get("/people")) == ["Jane Doe", "Sam Lee"]
    assert names(as_alice.get("/people", {"circle": "close"})) == ["Jane Doe"]
    assert names(as_alice.get("/people", {"tag": "#golf"})) == ["Sam Lee"]
    assert names(as_alice.get("/people", {"q": "acme"})) == ["Jane Doe"]
    page = as_alice.get("/people", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [p["name"] for p in page["items"]] == ["Sam Lee"]
    row = as_alice.get("/people", {"limit": 1}).json()["items"][0]
    assert row["organization"] == "Acme" and row["tags"] == ["austin"] and row["rhythm"]["status"] == "ok"


def test_due_and_overdue_filters(as_alice, alice, network, now):
    from datetime import timedelta

    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    old = add_person(alice, PersonFields(name="Olga Old", circle="inner"))
    log_interaction(alice, LogRequest(kind="call", people=[old], summary="Long ago", when=now - timedelta(days=200)))
    assert names(as_alice.get("/people", {"due": "true"})) == ["Olga Old"]
    assert names(as_alice.get("/people", {"overdue": "true"})) == ["Olga Old"]


def test_search_finds_by_email_and_every_word_must_match(as_alice, network):
    assert names(as_alice.get("/search", {"q": "jane@acme.test"})) == ["Jane Doe"]
    assert names(as_alice.get("/search", {"q": "jane golf"})) == []
    blank = as_alice.get("/search", {"q": "   "})
    assert blank.status_code == 400 and "search for" in blank.json()["detail"]


def test_read_a_person(as_alice, network):
    jane = as_alice.get(f"/people/{network['jane'].pk}").json()
    assert jane["emails"] == ["jane@acme.test"]
    assert [s["text"] for s in jane["my_steps"]] == ["send the article"]
    assert [s["text"] for s in jane["their_steps"]] == ["intro to her lawyer"]
    assert [n["text"] for n in jane["notes"]] == ["Loves jazz"]
    assert [i["summary"] for i in jane["timeline"]] == ["Asked about the lease", "Talked about her move"]
    assert jane["timeline"][0]["awaiting_reply"] is True
    assert as_alice.get("/people/999999").status_code == 404


def test_add_a_person_uses_the_same_rules_as_the_cli(as_alice, network):
    response = as_alice.post(
        "/people",
        {
            "name": "  Ann   Lee ",
            "organization": "Initech",
            "emails": ["ANN@initech.test"],
            "tags": ["#Austin"],
            "circle": "inner",
            "birthday": "--04-01",
            "introduced_by_id": network["jane"].pk,
        },
    )
    assert response.status_code == 201, response.content
    ann = response.json()
    assert ann["name"] == "Ann Lee" and ann["circle"] == "inner" and ann["tags"] == ["austin"]
    assert ann["introduced_by"] == {"id": network["jane"].pk, "name": "Jane Doe"}
    assert as_alice.get("/people", {"q": "initech"}).json()["count"] == 1


def test_bad_person_input_is_a_one_line_400_and_writes_nothing(as_alice, network):
    from goodwill.models import Person

    before = Person.objects.count()
    for body, words in [
        ({"name": "Ann", "circle": "bff"}, "no circle called"),
        ({"name": "Ann", "emails": ["nope"]}, "not a valid email"),
        ({"name": "Ann", "birthday": "31/12"}, "not a birthday"),
        ({"name": "   "}, "needs a name"),
        ({"name": ""}, "name"),
        ({}, "name"),
        ({"name": "Ann", "cadence_days": 0}, "cadence_days"),
        ({"name": "Ann\x00"}, "name"),
        ({"name": "A" * 201}, "name"),
    ]:
        response = as_alice.post("/people", body)
        assert response.status_code == 400, (body, response.content)
        detail = response.json()["detail"]
        assert words in detail and "\n" not in detail
    assert Person.objects.count() == before


def test_edit_adds_contacts_and_tags_removes_tags_and_snoozes(as_alice, network):
    jane = network["jane"].pk
    response = as_alice.patch(
        f"/people/{jane}",
        {
            "title": "CTO",
            "phones": ["+1 208 555 0143"],
            "tags": ["vip"],
            "remove_tags": ["austin"],
            "cadence_days": 14,
            "snoozed_until": "2026-12-01",
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "CTO" and data["phones"] == ["+1 208 555 0143"] and data["tags"] == ["vip"]
    assert data["cadence_days"] == 14 and data["snoozed_until"] == "2026-12-01"
    assert data["name"] == "Jane Doe" and data["emails"] == ["jane@acme.test"]  # left as they were
    back = as_alice.patch(f"/people/{jane}", {"cadence_days": 0}).json()
    assert back["cadence_days"] == 30  # the close circle's rhythm again


def test_a_failed_edit_changes_nothing(as_alice, network):
    jane = network["jane"].pk
    response = as_alice.patch(f"/people/{jane}", {"title": "CEO", "snoozed_until": "2026-11-01"})
    assert response.status_code == 400 and "not in the future" in response.json()["detail"]
    assert as_alice.get(f"/people/{jane}").json()["title"] == ""


def test_archive_and_restore(as_alice, network):
    jane = network["jane"].pk
    assert as_alice.post(f"/people/{jane}/archive").json()["archived"] is True
    assert names(as_alice.get("/people")) == ["Sam Lee"]
    assert names(as_alice.get("/people", {"archived": "true"})) == ["Jane Doe"]
    assert as_alice.get(f"/people/{jane}").status_code == 200  # still readable
    logged = as_alice.post("/interactions", {"kind": "call", "person_ids": [jane], "summary": "Hi", "next_steps": []})
    assert logged.status_code == 404  # archived people are off the daily loop
    assert as_alice.post(f"/people/{jane}/restore").json()["archived"] is False
    assert names(as_alice.get("/people")) == ["Jane Doe", "Sam Lee"]


def test_notes_and_replied(as_alice, network):
    jane, sam = network["jane"].pk, network["sam"].pk
    note = as_alice.post(f"/people/{jane}/notes", {"text": "Has two kids", "source_id": sam})
    assert note.status_code == 201
    assert note.json()["source"] == {"id": sam, "name": "Sam Lee"}
    assert note.json()["confidentiality"] == "private"
    closed = as_alice.post(f"/people/{jane}/replied")
    assert closed.json() == {"closed": 1}
    again = as_alice.post(f"/people/{jane}/replied")
    assert again.status_code == 404 and "no reply owed" in again.json()["detail"]
    assert as_alice.get("/agenda").json()["replies_owed"] == []


def test_a_persons_page_carries_the_strength_the_web_and_cli_show(as_alice, alice, network, now):
    from goodwill.queries.strength import person_strength

    jane = as_alice.get(f"/people/{network['jane'].pk}").json()
    expected = person_strength(alice, network["jane"], now.date())
    assert jane["strength"]["score"] == expected.score and 1 <= jane["strength"]["score"] <= 100
    assert jane["strength"]["explain"] == expected.explain()

"""Pass it on over the API: the ranking with reasons, a share with its draft, keeping an item,
and confidences kept out of every reason and draft."""

from __future__ import annotations

import json

import pytest

TEXT = "New SEC guidance on fintech custody"
SECRET = "building a fintech custody startup"


@pytest.fixture
def crowd(alice, network):
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    nina = add_person(alice, PersonFields(name="Nina Need", title="COO"))
    ivan = add_person(alice, PersonFields(name="Ivan Interest"))
    cora = add_person(alice, PersonFields(name="Cora Confidential", title="Baker"))
    add_entry(alice, nina, "need", "a qualified custodian for client crypto assets", confidentiality="shareable")
    add_entry(alice, ivan, "interest", "fintech regulation")
    add_note(alice, ivan, "Quietly investing in fintech custody firms", "private")
    add_note(alice, cora, f"Told me in confidence she is {SECRET}", "confidential")
    add_entry(alice, cora, "need", "custody partner for her fintech", confidentiality="confidential")
    return {"nina": nina, "ivan": ivan, "cora": cora}


def test_ranking_names_who_would_care_and_why(as_alice, crowd):
    response = as_alice.get("/pass-on", {"text": TEXT, "url": "https://example.com/sec?utm_source=x"})
    assert response.status_code == 200, response.content
    data = response.json()
    names = [row["person"]["name"] for row in data["people"]]
    assert set(names[:2]) == {"Nina Need", "Ivan Interest"}
    assert [row["rank"] for row in data["people"]] == list(range(1, len(names) + 1))
    nina = data["people"][names.index("Nina Need")]
    assert nina["person"]["id"] == crowd["nina"].pk
    assert any(r.startswith("need:") and "custodian" in r for r in nina["reasons"])
    ivan = data["people"][names.index("Ivan Interest")]
    assert ivan["private_reason"] is True  # his match includes my private note: keep it out of the message
    assert "fintech" in data["concepts"] and data["already_got_it"] == []


def test_confidences_never_rank_anyone_nor_appear(as_alice, crowd):
    text = as_alice.get("/pass-on", {"text": "fintech custody startup partner", "limit": 100}).content.decode()
    assert "Cora" not in text and SECRET not in text and "custody partner for her" not in text


def test_tags_weigh_in_and_limit_cuts(as_alice, crowd):
    data = as_alice.get("/pass-on", {"text": "A report", "tags": ["fintech", "regulation"], "limit": 1}).json()
    assert [row["person"]["name"] for row in data["people"]] == ["Ivan Interest"]
    assert data["tags"] == ["fintech", "regulation"]


def test_sharing_records_it_and_drafts_without_quoting_notes(as_alice, crowd):
    from goodwill.models import Exchange, Share

    url = "https://example.com/sec?utm_source=x"
    body = {"text": TEXT, "url": url, "person_ids": [crowd["nina"].pk, crowd["ivan"].pk], "via": "message"}
    response = as_alice.post("/pass-on", body)
    assert response.status_code == 201, response.content
    sent = {row["person"]["name"]: row for row in response.json()}
    assert set(sent) == {"Nina Need", "Ivan Interest"}
    assert sent["Nina Need"]["draft"].startswith("Hi Nina") and "https://example.com/sec" in sent["Nina Need"]["draft"]
    assert "custodian" in sent["Nina Need"]["draft"]  # her own shareable need may be quoted back
    assert "investing" not in sent["Ivan Interest"]["draft"].lower()  # my private note never is
    assert "fintech regulation" in sent["Ivan Interest"]["reason"]
    assert Share.objects.filter(owner=crowd["nina"].owner).count() == 2
    assert Exchange.objects.filter(kind="information", direction="given").count() == 2
    # They got it: the next ranking says so and leaves them out.
    again = as_alice.get("/pass-on", {"text": TEXT, "url": "https://example.com/sec"}).json()
    assert sorted(again["already_got_it"]) == ["Ivan Interest", "Nina Need"]
    assert "Nina Need" not in [row["person"]["name"] for row in again["people"]]
    shares = as_alice.get("/pass-on/shares", {"person_id": crowd["nina"].pk}).json()
    assert [(s["person"]["name"], s["item"]["title"]) for s in shares] == [("Nina Need", TEXT)]


def test_sharing_is_all_or_nothing(as_alice, crowd, network):
    from goodwill.models import Share
    from goodwill.services.people import archive_person

    as_alice.post("/pass-on", {"text": TEXT, "person_ids": [crowd["nina"].pk]})
    twice = as_alice.post("/pass-on", {"text": TEXT, "person_ids": [crowd["ivan"].pk, crowd["nina"].pk]})
    assert twice.status_code == 400 and "already got" in twice.json()["detail"]
    archive_person(network["sam"].owner, network["sam"])
    archived = as_alice.post("/pass-on", {"text": "Golf course review", "person_ids": [network["sam"].pk]})
    assert archived.status_code == 400 and "archived" in archived.json()["detail"]
    assert Share.objects.count() == 1


@pytest.mark.parametrize(
    "body,message",
    [
        ({"text": " ", "person_ids": [1]}, "nothing to pass on"),
        ({"text": "x", "url": "not a link", "person_ids": [1]}, "is not a web address"),
        ({"text": "x", "person_ids": []}, "person_ids"),
        ({"text": "x", "person_ids": [1], "via": "pigeon"}, "via"),
    ],
)
def test_bad_shares_say_what_is_wrong(as_alice, crowd, body, message):
    body = {**body, "person_ids": [crowd["nina"].pk] * len(body["person_ids"])}
    response = as_alice.post("/pass-on", body)
    assert response.status_code == 400 and message in response.json()["detail"]
    assert "\n" not in response.json()["detail"]


def test_a_ranking_needs_words(as_alice, crowd):
    response = as_alice.get("/pass-on", {"text": "the and of"})
    assert response.status_code == 400 and "no words to match on" in response.json()["detail"]


def test_keeping_an_item_offers_it_in_ideas(as_alice, crowd):
    kept = as_alice.post("/pass-on/keep", {"text": "Fintech regulation roundup", "tags": ["fintech"]})
    assert kept.status_code == 201 and kept.json()["title"] == "Fintech regulation roundup"
    same = as_alice.post("/pass-on/keep", {"text": "Fintech  regulation roundup"})
    assert same.json()["id"] == kept.json()["id"]  # the same words: the same item
    ideas = as_alice.get(f"/people/{crowd['ivan'].pk}/ideas").json()["ideas"]
    assert any(i["kind"] == "pass_on" and "Fintech regulation roundup" in i["text"] for i in ideas)


def test_nothing_confidential_in_any_pass_on_answer(as_alice, crowd):
    answers = [
        as_alice.get("/pass-on", {"text": "custody startup fintech", "limit": 100}),
        as_alice.post("/pass-on", {"text": "fintech custody startup news", "person_ids": [crowd["cora"].pk]}),
        as_alice.get("/pass-on/shares"),
    ]
    seen = json.dumps([a.json() for a in answers])
    assert SECRET not in seen and "custody partner for her" not in seen
    assert answers[1].json()[0]["draft"].startswith("Hi Cora")


SKATING = "Figure skating federation revises scoring for quadruple jumps"


def test_nobody_stands_out_is_said_in_the_ranking(as_alice, crowd):
    nobody = as_alice.get("/pass-on", {"text": SKATING}).json()
    assert nobody["people"] == [] and nobody["nobody"] is True
    someone = as_alice.get("/pass-on", {"text": TEXT}).json()
    assert someone["people"] and someone["nobody"] is False


def test_everyone_it_suits_got_it_is_not_nobody(as_alice, crowd):
    listed = as_alice.get("/pass-on", {"text": TEXT, "limit": 100}).json()["people"]
    as_alice.post("/pass-on", {"text": TEXT, "person_ids": [r["person"]["id"] for r in listed]})
    again = as_alice.get("/pass-on", {"text": TEXT}).json()
    assert again["people"] == [] and again["already_got_it"] and again["nobody"] is False


def test_keep_list_rank_again_and_forget(as_alice, crowd):
    kept = as_alice.post("/pass-on/kept", {"text": SKATING, "tags": ["sport"]})
    assert kept.status_code == 201, kept.content
    item = kept.json()
    assert (item["title"], item["text"], item["tags"], item["url"]) == (SKATING, SKATING, ["sport"], "")
    assert as_alice.post("/pass-on/kept", {"text": f"  {SKATING} "}).json()["id"] == item["id"]  # kept once
    roundup = as_alice.post("/pass-on/kept", {"text": "Fintech regulation roundup"}).json()
    assert [k["id"] for k in as_alice.get("/pass-on/kept").json()] == [roundup["id"], item["id"]]
    again = as_alice.get(f"/pass-on/kept/{item['id']}").json()
    assert again["item"]["id"] == item["id"] and again["ranking"]["nobody"] is True
    who = as_alice.get(f"/pass-on/kept/{roundup['id']}", {"limit": 1}).json()["ranking"]
    assert [r["person"]["name"] for r in who["people"]] == ["Ivan Interest"] and who["nobody"] is False
    assert as_alice.delete(f"/pass-on/kept/{item['id']}").status_code == 204
    assert [k["id"] for k in as_alice.get("/pass-on/kept").json()] == [roundup["id"]]
    gone = as_alice.delete(f"/pass-on/kept/{item['id']}")
    assert gone.status_code == 404 and gone.json()["detail"] == f"no kept item with id {item['id']}"


def test_passing_a_kept_item_on_takes_it_off_the_list(as_alice, crowd):
    kept = as_alice.post("/pass-on/kept", {"text": "Fintech regulation roundup"}).json()
    sent = as_alice.post("/pass-on", {"text": "Fintech regulation roundup", "person_ids": [crowd["ivan"].pk]})
    assert sent.status_code == 201
    assert as_alice.get("/pass-on/kept").json() == []
    assert as_alice.get(f"/pass-on/kept/{kept['id']}").status_code == 404
    refused = as_alice.post("/pass-on/kept", {"text": "Fintech regulation roundup"})
    assert refused.status_code == 400 and "passed on already (to Ivan Interest)" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("body", "message"),
    [({"text": "the and of"}, "no words to match on"), ({"text": SKATING, "url": "nope"}, "not a web address")],
)
def test_bad_items_are_not_kept(as_alice, crowd, body, message):
    response = as_alice.post("/pass-on/kept", body)
    assert response.status_code == 400 and message in response.json()["detail"]
    assert as_alice.get("/pass-on/kept").json() == []

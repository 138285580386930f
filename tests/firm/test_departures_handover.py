"""Departures: handing a leaver's key-account relationships to a colleague (the card and a note,
nothing confidential), and recording the departure (no more signing in)."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput, NotFound, UserError


def test_key_ties_are_the_leavers_people_at_key_accounts(firm):
    from goodwill.services.firm_departures import key_ties

    alice = firm["users"]["owner"]
    ties = key_ties(alice, alice)
    assert [(t.name, t.account, t.handed_to) for t in ties] == [("Priya Patel", "Acme", ())]
    # Bob knows Sam at Globex, which is no key account.
    assert key_ties(firm["users"]["teammate"], firm["users"]["teammate"]) == []


def test_alice_hands_priya_to_bob_with_a_note_and_nothing_confidential_moves(firm, now):
    from goodwill.models import ContactPoint, Handover, Interaction, Note, Person, ProfileEntry
    from goodwill.services.firm_departures import hand_over, key_ties
    from goodwill.services.notes import add_note

    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    priya = firm["priya"]
    add_note(alice, priya, "Her husband is ill", confidentiality="confidential")
    add_note(alice, priya, "Likes long lunches")
    done = hand_over(alice, alice, bob, [priya.pk], "Call her before March")
    [handover] = done
    bobs = Person.objects.get(owner=bob, name="Priya Patel")
    assert bobs.organization.name == "Acme Inc."
    assert list(ContactPoint.objects.filter(person=bobs).values_list("normalized", flat=True)) == ["priya@acme.test"]
    [note] = Note.objects.filter(person=bobs)
    assert note.owner == bob and note.confidentiality == "private"
    assert note.text.startswith(
        f"Handed over by alice on {now.date().isoformat()}: Call her before March. alice's history:"
    )
    assert "3 meetings" in note.text  # the shared score: the confidential meeting does not count
    # Nothing else moves: no encounters, no other notes, no profile.
    assert not Interaction.objects.filter(owner=bob, participants=bobs).exists()
    assert "ill" not in note.text and "lunches" not in note.text and "leaving Acme" not in note.text
    assert not ProfileEntry.objects.filter(person=bobs).exists()
    assert (handover.leaver, handover.recipient, handover.by, handover.name) == (alice, bob, alice, "Priya Patel")
    assert handover.account.name == "Acme" and handover.from_person == priya and handover.to_person == bobs
    assert Handover.objects.count() == 1
    assert key_ties(alice, alice)[0].handed_to == ("bob",)


def test_a_person_the_recipient_knows_already_is_not_made_twice(firm):
    from goodwill.models import Note, Person
    from goodwill.services.firm_departures import hand_over

    alice, pat = firm["users"]["owner"], firm["users"]["partner"]
    [handover] = hand_over(alice, alice, pat, [firm["priya"].pk], "Yours now")
    assert handover.to_person == firm["pats_priya"]
    assert Person.objects.filter(owner=pat, name="Priya Patel").count() == 1
    assert Note.objects.filter(person=firm["pats_priya"], text__startswith="Handed over by alice").exists()


def test_an_admin_may_hand_over_anyones_ties_a_colleague_may_not(firm):
    from goodwill.services.firm_departures import hand_over

    alice, bob, charlie = firm["users"]["owner"], firm["users"]["teammate"], firm["users"]["outsider"]
    with pytest.raises(NotFound):
        hand_over(bob, alice, bob, [firm["priya"].pk], "Mine now")
    with pytest.raises(NotFound):
        hand_over(firm["users"]["partner"], alice, charlie, [firm["priya"].pk], "Yours")
    [handover] = hand_over(firm["users"]["admin"], alice, charlie, [firm["priya"].pk], "Charlie takes Acme")
    assert handover.by == firm["users"]["admin"]


@pytest.mark.parametrize(
    ("people", "note", "error", "message"),
    [
        ([], "x", InvalidInput, "no person given"),
        (["priya"], "  ", InvalidInput, "no note given"),
        (["sam"], "x", NotFound, "no person #"),  # bob's, not alice's
    ],
)
def test_bad_handovers_are_one_line_errors_and_move_nothing(firm, people, note, error, message):
    from goodwill.models import Handover
    from goodwill.services.firm_departures import hand_over

    alice = firm["users"]["owner"]
    with pytest.raises(error, match=message):
        hand_over(alice, alice, firm["users"]["teammate"], [firm[p].pk for p in people], note)
    assert not Handover.objects.exists()


def test_handing_over_to_oneself_or_a_departed_colleague_is_refused(firm):
    from goodwill.services.firm_departures import depart, hand_over

    alice = firm["users"]["owner"]
    with pytest.raises(InvalidInput, match="the recipient is the leaver"):
        hand_over(alice, alice, alice, [firm["priya"].pk], "x")
    depart(firm["users"]["admin"], firm["users"]["teammate"])
    with pytest.raises(NotFound, match="not in the firm"):
        hand_over(alice, alice, firm["users"]["teammate"], [firm["priya"].pk], "x")


def test_departure_deactivates_the_leaver_and_keeps_their_records(firm):
    from django.test import Client

    from goodwill.models import Member, Person
    from goodwill.queries.firm_access import colleague_ids, in_firm
    from goodwill.services.firm_departures import depart
    from tests.api.conftest import ApiClient, token_for

    alice = firm["users"]["owner"]
    token = token_for(alice)
    api = ApiClient(Client(), token)
    assert api.get("/firm/handovers").status_code == 200
    before = Client()
    assert before.post("/login/", {"username": "alice", "password": "a long test password"}).status_code == 302
    web = Client()
    web.force_login(alice)
    assert web.get("/firm/handover/").status_code == 200

    depart(firm["users"]["admin"], alice)
    alice.refresh_from_db()
    assert not alice.is_active and not in_firm(alice)
    assert Member.objects.get(user=alice).departed_at is not None
    assert alice.pk not in colleague_ids(firm["users"]["partner"])
    assert Person.objects.filter(owner=alice, pk=firm["priya"].pk).exists()
    # She can no longer sign in, her open session ends, and her API token gets 401.
    login = Client()
    assert login.post("/login/", {"username": "alice", "password": "a long test password"}).status_code == 200
    assert login.get("/firm/handover/").status_code == 302
    response = web.get("/firm/handover/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert api.get("/firm/handovers").status_code == 401
    assert api.get("/people").status_code == 401


def test_an_admin_may_still_hand_over_a_departed_members_ties(firm):
    from goodwill.services.firm_departures import depart, hand_over, key_ties

    admin, alice = firm["users"]["admin"], firm["users"]["owner"]
    depart(admin, alice)
    assert [t.name for t in key_ties(admin, alice)] == ["Priya Patel"]
    [handover] = hand_over(admin, alice, firm["users"]["teammate"], [firm["priya"].pk], "After alice left")
    assert handover.by == admin


def test_departures_are_recorded_by_admins_only_and_never_of_oneself(firm):
    from goodwill.services.firm_departures import depart

    with pytest.raises(NotFound):
        depart(firm["users"]["partner"], firm["users"]["owner"])
    with pytest.raises(InvalidInput, match="your own departure"):
        depart(firm["users"]["admin"], firm["users"]["admin"])
    depart(firm["users"]["admin"], firm["users"]["owner"])
    with pytest.raises(InvalidInput, match="already left"):
        depart(firm["users"]["admin"], firm["users"]["owner"])


def test_the_last_admin_cannot_be_departed(firm):
    from goodwill.models import Member
    from goodwill.services.firm_departures import depart

    Member.objects.filter(user=firm["users"]["partner"]).update(role="admin")
    Member.objects.filter(user=firm["users"]["admin"]).update(role="member")
    # Pat is now the only admin; nobody else can depart him, and he cannot depart himself.
    with pytest.raises(UserError):
        depart(firm["users"]["partner"], firm["users"]["partner"])


def test_handovers_list_what_each_may_see(firm):
    from goodwill.queries.firm_accounts import handovers
    from goodwill.services.firm_departures import hand_over

    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    hand_over(alice, alice, bob, [firm["priya"].pk], "Call her")
    assert [h.person for h in handovers(alice)] == ["Priya Patel"]
    bobs = handovers(bob)[0]
    assert bobs.to_person_id is not None and handovers(alice)[0].to_person_id is None
    assert handovers(firm["users"]["outsider"]) == []
    assert len(handovers(firm["users"]["admin"])) == 1

"""Warm introductions through colleagues, in the services: the whole path, the refusals,
and what each side sees. The firm fixture already holds bob's request to alice about Priya
(tests/firm/access_requests.py) and one she asked more about (Lee Chen)."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import Exchange, Introduction, IntroRequest, Person, ShareLevel, SharingRule


def _users(firm):
    u = firm["users"]
    return u["owner"], u["teammate"], u["partner"], u["outsider"]


def test_the_whole_path_ends_in_an_introduction_and_on_both_balance_sheets(firm):
    from goodwill import clock
    from goodwill.queries.firm_intros import inbox, open_count, outbox
    from goodwill.queries.ledger import balance_sheet
    from goodwill.services.firm_intros import answer, reply
    from goodwill.services.intros import record_answer

    alice, bob, _, _ = _users(firm)
    request_id = firm["ids"]["request"]
    assert [r.id for r in inbox(alice) if r.open][-1] == request_id
    assert open_count(alice) == 1  # Priya's (Lee's waits for bob)
    answer(alice, request_id, "more", "What would you talk to her about?")
    assert open_count(bob) == 2
    reply(bob, request_id, "The audit tender: her team asked to meet us")
    made = answer(alice, request_id, "accept")

    assert made.status == IntroRequest.ACCEPTED
    intro = Introduction.objects.get(pk=made.introduction_id)
    assert intro.owner == alice and intro.status == "asked_a"
    assert intro.person_a == firm["priya"]
    assert intro.person_b.owner == alice and intro.person_b.name == "bob"
    assert "audit" in intro.why.lower()
    # Bob's ledger: an introduction received from alice, naming Priya.
    received = Exchange.objects.get(owner=bob, kind="introduction", direction="received")
    assert received.person.name == "alice" and "Priya Patel" in received.description
    assert balance_sheet(bob, clock.today()).total_received == 2
    # Alice's balance sheet counts it as any introduction, once made.
    assert balance_sheet(alice, clock.today()).total_given == 0
    record_answer(alice, intro, "a", "yes")
    record_answer(alice, intro, "b", "yes")
    sheet = balance_sheet(alice, clock.today())
    assert {p.name for p in sheet.people if p.given} == {"Priya Patel", "bob"}
    # The requester sees the outcome, not the introduction in alice's network.
    [mine] = [r for r in outbox(bob) if r.id == request_id]
    assert mine.status == "accepted" and mine.introduction_id is None
    [hers] = [r for r in inbox(alice) if r.id == request_id]
    assert hers.introduction_id == intro.pk


def test_accepting_finds_the_requester_already_in_the_network(firm):
    from goodwill.services.firm_intros import answer
    from goodwill.services.people import PersonFields, add_person

    alice, bob, _, _ = _users(firm)
    bob.email = "bob@firm.test"
    bob.save()
    known = add_person(alice, PersonFields(name="Robert Stone", emails=["Bob@Firm.test"]))
    before = Person.objects.filter(owner=alice).count()
    made = answer(alice, firm["ids"]["request"], "accept")
    assert Introduction.objects.get(pk=made.introduction_id).person_b == known
    assert Person.objects.filter(owner=alice).count() == before


def test_an_unshared_contact_is_not_found_and_nothing_says_it_exists(firm):
    from goodwill.services.firm_intros import ask

    alice, bob, pat, _ = _users(firm)
    SharingRule.objects.create(owner=alice, person=firm["priya"], level=ShareLevel.NOTHING)
    with pytest.raises(NotFound, match="no such person among alice's shared contacts"):
        ask(pat, alice, firm["priya"].pk, "Acme")
    with pytest.raises(NotFound, match="no such person among alice's shared contacts"):
        ask(pat, alice, 999999, "Acme")
    with pytest.raises(NotFound, match="shared contacts"):  # pat's own Priya is not alice's
        ask(bob, alice, firm["pats_priya"].pk, "Acme")


def test_refusals(firm):
    from goodwill.services.firm_intros import answer, ask, reply, withdraw

    alice, bob, pat, charlie = _users(firm)
    request_id = firm["ids"]["request"]
    with pytest.raises(InvalidInput, match="cannot ask yourself"):
        ask(alice, alice, firm["priya"].pk, "why not")
    with pytest.raises(InvalidInput, match=f"already asked alice about Priya Patel: request #{request_id}"):
        ask(bob, alice, firm["priya"].pk, "Again")
    with pytest.raises(InvalidInput, match="the reason is missing"):
        ask(pat, alice, firm["priya"].pk, "   ")
    for outsider in (charlie, pat, firm["users"]["admin"]):
        with pytest.raises(NotFound):
            answer(outsider, request_id, "accept")
    with pytest.raises(NotFound, match="only alice can answer it"):
        answer(bob, request_id, "accept")
    with pytest.raises(NotFound, match="only bob can reply or withdraw"):
        withdraw(alice, request_id)
    with pytest.raises(InvalidInput, match="not an answer"):
        answer(alice, request_id, "maybe")
    with pytest.raises(InvalidInput, match="the question is missing"):
        answer(alice, request_id, "more", "")
    with pytest.raises(InvalidInput, match="no question waiting"):
        reply(bob, request_id, "hello")
    withdraw(bob, request_id)
    with pytest.raises(InvalidInput, match="already withdrawn"):
        answer(alice, request_id, "accept")
    # Withdrawn, it may be asked again.
    assert ask(bob, alice, firm["priya"].pk, "Again, now").status == "asked"


def test_a_failed_accept_leaves_nothing_half_written(firm):
    from goodwill.services.firm_intros import answer
    from goodwill.services.intros import propose_intro
    from goodwill.services.people import PersonFields, add_person

    alice, bob, _, _ = _users(firm)
    bobs = add_person(alice, PersonFields(name="bob"))
    propose_intro(alice, firm["priya"], bobs, "already under way")
    people = Person.objects.count()
    with pytest.raises(InvalidInput, match="already under way"):
        answer(alice, firm["ids"]["request"], "accept")
    assert IntroRequest.objects.get(pk=firm["ids"]["request"]).status == "asked"
    assert Person.objects.count() == people
    assert not Exchange.objects.filter(owner=bob).exists()


def test_decline_with_a_note_and_only_the_two_see_it(firm):
    from goodwill.queries.firm_intros import get_visible, outbox
    from goodwill.services.firm_intros import answer

    alice, bob, pat, charlie = _users(firm)
    answer(alice, firm["ids"]["request"], "decline", "She is leaving Acme soon")
    [mine] = [r for r in outbox(bob) if r.id == firm["ids"]["request"]]
    assert mine.status == "declined" and mine.decline_note == "She is leaving Acme soon"
    for other in (pat, charlie, firm["users"]["admin"]):
        with pytest.raises(NotFound):
            get_visible(other, firm["ids"]["request"])


def test_the_requester_sees_nothing_of_the_colleagues_encounters(firm):
    """Alice's confidential meeting with Priya ("leaving Acme in March") and her other
    summaries never reach bob through a request."""
    import dataclasses

    from goodwill.queries.firm_intros import outbox

    _, bob, _, _ = _users(firm)
    shown = str([dataclasses.asdict(r) for r in outbox(bob)])
    assert "Priya Patel" in shown and "Acme" in shown
    assert "leaving" not in shown and "Lunch" not in shown

"""Every view, with the owner, an outsider and an anonymous visitor.

The owner sees her data; charlie (outsider) and bob (teammate) get a plain 404
for anything of hers, and their own empty pages; anyone not logged in is sent
to the login page and changes nothing."""

from __future__ import annotations

import pytest

from goodwill.models import Introduction, NextStep, Note, Person, Share

PAGES = [
    "/",
    "/people/",
    "/people/?q=jane",
    "/log/",
    "/review/",
    "/momentum/",
    "/replies/",
    "/near/",
    "/import/",
    "/settings/",
    "/people/pick?person=jan",
    "/pass-on/",
    "/pass-on/?text=trail+running+shoes",
    "/intros/",
    "/ledger/",
    "/people/new",
    "/people/deleted/",
    "/people/duplicates/",
    "/settings/digest/preview",
]


def person_pages(net):
    jane = net["jane"]
    return [
        f"/people/{jane.pk}/",
        f"/log/?person={jane.pk}",
        f"/log/inline?person={jane.pk}&kind=email",
        f"/review/?queue={jane.pk}&at=0&reviewed=0",
        f"/people/{jane.pk}/edit",
        f"/people/{jane.pk}/delete",
        f"/people/{jane.pk}/profile/suggestions",
    ]


def intro(net, status):
    """An introduction of Jane and Omar at this stage (made directly: the services are tested elsewhere)."""
    from goodwill import clock

    now = clock.now()
    return Introduction.objects.create(
        owner=net["jane"].owner,
        person_a=net["jane"],
        person_b=net["omar"],
        why="both run trails",
        status=status,
        created_at=now,
        updated_at=now,
    )


def posts(net):
    """(url, form data, check that the action happened)"""
    jane, omar = net["jane"], net["omar"]
    asked, introduced = intro(net, "asked_a"), intro(net, "introduced")
    step = NextStep.objects.get(person=jane)
    theirs = NextStep.objects.get(person=omar)
    from goodwill.services.steps import add_step, complete_step

    closed = complete_step(jane.owner, add_step(jane.owner, jane, "book the venue"))
    return [
        (f"/steps/{closed.pk}/reopen", {}, lambda: NextStep.objects.get(pk=closed.pk).status == "open"),
        (
            f"/steps/{step.pk}/snooze",
            {"days": "7"},
            lambda: str(NextStep.objects.get(pk=step.pk).due_on) == "2026-11-30",
        ),
        (f"/steps/{step.pk}/done", {}, lambda: NextStep.objects.get(pk=step.pk).status == "done"),
        (f"/steps/{theirs.pk}/drop", {}, lambda: NextStep.objects.get(pk=theirs.pk).status == "dropped"),
        (
            f"/people/{jane.pk}/snooze",
            {"days": "14"},
            lambda: str(Person.objects.get(pk=jane.pk).snoozed_until) == "2026-12-07",
        ),
        (
            f"/people/{jane.pk}/replied",
            {},
            lambda: not jane.interactions.filter(awaiting_reply=True, replied_at__isnull=True).exists(),
        ),
        (
            f"/people/{jane.pk}/notes",
            {"text": "Has two kids", "confidentiality": "private"},
            lambda: Note.objects.filter(person=jane, text="Has two kids").exists(),
        ),
        (
            f"/people/{jane.pk}/steps",
            {"text": "book a table", "due": "friday"},
            lambda: NextStep.objects.filter(person=jane, text="book a table").exists(),
        ),
        (f"/people/{jane.pk}/rhythm", {"cadence": "6w"}, lambda: Person.objects.get(pk=jane.pk).cadence_days == 42),
        (
            "/log/",
            {"person": f"Jane Doe (#{jane.pk})", "kind": "call", "summary": "Caught up", "skip_next": "1"},
            lambda: jane.interactions.filter(summary="Caught up").exists(),
        ),
        (
            "/review/act",
            {
                "queue": str(jane.pk),
                "at": "0",
                "reviewed": "0",
                "action": "next",
                "text": "ask about Austin",
                "due": "friday",
            },
            lambda: NextStep.objects.filter(person=jane, text="ask about Austin").exists(),
        ),
        (
            "/pass-on/share",
            {"text": "Trail running shoes review", "person": str(jane.pk)},
            lambda: Share.objects.filter(person=jane, item__title="Trail running shoes review").exists(),
        ),
        (
            "/intros/propose",
            {"a": f"#{omar.pk}", "b": f"#{net['priya'].pk}", "why": "both love maps"},
            lambda: Introduction.objects.filter(person_a=omar, why="both love maps").exists(),
        ),
        (
            f"/intros/{asked.pk}/answer",
            {"side": "a", "answer": "yes"},
            lambda: Introduction.objects.get(pk=asked.pk).status == "asked_b",
        ),
        (
            f"/intros/{introduced.pk}/outcome",
            {"outcome": "met", "note": "coffee"},
            lambda: Introduction.objects.get(pk=introduced.pk).status == "met",
        ),
    ]


@pytest.mark.parametrize("url", PAGES)
def test_owner_sees_pages(network, as_alice, url):
    response = as_alice.get(url)
    assert response.status_code == 200
    if url in ("/", "/people/", "/people/?q=jane", "/people/pick?person=jan"):
        assert "Jane Doe" in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_outsider_sees_only_their_own_empty_pages(network, as_charlie, url):
    response = as_charlie.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jane Doe" not in body and "Omar" not in body and "Acme" not in body


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(network, anonymous, url):
    response = anonymous.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_person_pages(network, as_alice, as_charlie, as_user, bob, anonymous):
    for url in person_pages(network):
        assert as_alice.get(url).status_code == 200, url
        assert as_charlie.get(url).status_code == 404, url
        assert as_user(bob).get(url).status_code == 404, url  # a teammate sees nothing private either
        assert anonymous.get(url).status_code == 302, url


def test_every_action_by_owner(network, as_alice):
    for url, data, happened in posts(network):
        response = as_alice.post(url, data)
        assert response.status_code == 303, (url, response.content[:500])
        assert happened(), url


def test_no_action_by_outsider_or_anonymous(network, as_charlie, anonymous):
    for url, data, happened in posts(network):
        assert as_charlie.post(url, data).status_code in (400, 404), url
        response = anonymous.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
        assert not happened(), url


def test_serving_pages_for_a_teammate_show_nothing_of_alices(network, as_alice, as_user, bob):
    as_alice.post("/pass-on/share", {"text": "Trail running shoes review", "person": str(network["jane"].pk)})
    intro(network, "asked_a")
    for url in ("/pass-on/?text=trail+running", "/intros/", "/ledger/"):
        body = as_user(bob).get(url).content.decode()
        assert "Jane Doe" not in body and "Omar" not in body, url


def test_actions_refuse_get(network, as_alice):
    step = NextStep.objects.get(person=network["jane"])
    assert as_alice.get(f"/steps/{step.pk}/done").status_code == 405
    assert NextStep.objects.get(pk=step.pk).status == "open"


def test_missing_things_are_404(network, as_alice):
    assert as_alice.get("/people/999999/").status_code == 404
    assert as_alice.post("/steps/999999/done").status_code == 404


def test_htmx_call_when_logged_out_redirects_the_whole_page(network, anonymous):
    response = anonymous.post("/steps/1/done", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/login/")

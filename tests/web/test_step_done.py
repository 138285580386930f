"""Done on a step in the browser: a message with Undo and the next step with that person, in place."""

import re

from goodwill.models import NextStep


def text(response) -> str:
    return response.content.decode()


def _step(network):
    return NextStep.objects.get(person=network["jane"])


def test_done_offers_undo_and_the_next_step_on_today(network, as_alice):
    step = _step(network)
    page = text(as_alice.post(f"/steps/{step.pk}/done", {}, follow=True))
    assert "Done: mail her the trail map (Jane Doe)." in page
    assert f'action="/steps/{step.pk}/reopen"' in page
    assert f'action="/people/{network["jane"].pk}/steps"' in page
    assert "What's the next step with Jane Doe?" in page or "What&#x27;s the next step with Jane Doe?" in page
    # Without htmx the forms are plain posts that come back to Today.
    assert 'hx-post="/steps/' not in re.search(r'<div id="flash".*?</div>\s*</div>', page, re.S).group()


def test_undo_restores_the_step_exactly(network, as_alice):
    step = _step(network)
    before = NextStep.objects.values("status", "due_on", "due_firm", "text", "closed_at").get(pk=step.pk)
    as_alice.post(f"/steps/{step.pk}/done", {})
    page = text(as_alice.post(f"/steps/{step.pk}/reopen", {}, follow=True))
    assert "Open again: mail her the trail map" in page
    assert NextStep.objects.values("status", "due_on", "due_firm", "text", "closed_at").get(pk=step.pk) == before
    again = text(as_alice.post(f"/steps/{step.pk}/reopen", {}, follow=True))
    assert "nothing to undo" in again


def test_the_next_step_form_adds_one_and_comes_back(network, as_alice):
    jane = network["jane"]
    as_alice.post(f"/steps/{_step(network).pk}/done", {})
    response = as_alice.post(
        f"/people/{jane.pk}/steps", {"text": "ask about the race", "due": "in two weeks", "next": "/"}
    )
    assert response.status_code == 303 and response["Location"] == "/"
    assert NextStep.objects.get(person=jane, status="open").text == "ask about the race"


def test_done_in_place_answers_with_htmx_forms(network, as_alice):
    step = _step(network)
    response = as_alice.post(f"/steps/{step.pk}/done", {}, headers={"HX-Request": "true"})
    assert response.status_code == 303
    page = text(as_alice.get(response["Location"], headers={"HX-Request": "true"}))
    assert f'hx-post="/steps/{step.pk}/reopen"' in page
    assert f'hx-post="/people/{network["jane"].pk}/steps"' in page


def test_done_on_the_person_page_comes_back_there(network, as_alice):
    jane, step = network["jane"], _step(network)
    response = as_alice.post(f"/steps/{step.pk}/done", {"next": f"/people/{jane.pk}/"}, follow=True)
    page = text(response)
    assert response.redirect_chain[-1][0] == f"/people/{jane.pk}/"
    assert f'<input type="hidden" name="next" value="/people/{jane.pk}/">' in page
    assert f'action="/steps/{step.pk}/reopen"' in page


def test_the_message_escapes_what_the_user_typed(network, as_alice):
    from goodwill.services.steps import add_step

    step = add_step(network["jane"].owner, network["jane"], "<script>alert(1)</script>")
    page = text(as_alice.post(f"/steps/{step.pk}/done", {}, follow=True))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page

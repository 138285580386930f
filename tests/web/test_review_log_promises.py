"""The weekly review's "log a touch" runs the promise finder like every other log
(the quick log's confirm step), and kinds are taken as what they are."""

from __future__ import annotations

from goodwill.models import Interaction, NextStep


def text(response) -> str:
    return response.content.decode()


def test_review_log_with_promises_shows_the_quick_log_confirm_then_goes_on(network, as_alice):
    jane, omar = network["jane"], network["omar"]
    queue = f"{jane.pk},{omar.pk}"
    form = {
        "queue": queue,
        "at": "0",
        "reviewed": "0",
        "action": "log",
        "kind": "coffee",
        "summary": "Coffee. I'll send her the deck by Friday.",
        "next_step": "",
        "due": "in two weeks",
    }
    first = as_alice.post("/review/act", form)
    body = text(first)
    assert first.status_code == 200 and "Found 1 promise in the note" in body
    assert 'name="promise-0-text" value="send the deck"' in body
    assert "Why: your side: &#x27;I&#x27;ll&#x27;" in body  # the words that made it a promise, and whose
    assert f'value="Jane Doe (#{jane.pk})"' in body
    next_url = f"/review/?queue={jane.pk}%2C{omar.pk}&amp;at=1&amp;reviewed=1"
    assert f'name="next" value="{next_url}"' in body
    assert not Interaction.objects.filter(participants=jane, kind_label="coffee").exists()  # nothing written yet
    confirmed = {
        "person": f"Jane Doe (#{jane.pk})",
        "kind": "coffee",
        "summary": form["summary"],
        "due": "",
        "promises_checked": "1",
        "next": next_url.replace("&amp;", "&"),
        "promise-0-accept": "1",
        "promise-0-text": "send the deck",
        "promise-0-due": "2026-11-27",
        "promise-0-firm": "1",
        "promise-0-ball": "mine",
        "promise-0-sentence": "I'll send her the deck by Friday.",
    }
    saved = as_alice.post("/log/", confirmed)
    assert saved.status_code == 303 and saved["Location"] == next_url.replace("&amp;", "&")
    logged = Interaction.objects.get(participants=jane, kind_label="coffee")
    assert logged.kind == "meeting"
    assert [(s.text, s.source_sentence) for s in NextStep.objects.filter(interaction=logged)] == [
        ("send the deck", "I'll send her the deck by Friday.")
    ]


def test_review_log_without_promises_logs_at_once(network, as_alice):
    jane = network["jane"]
    card = text(as_alice.get(f"/review/?queue={jane.pk}&at=0&reviewed=0"))
    assert '<input name="kind" list="review-kind-words"' in card and '<option value="coffee">' in card
    response = as_alice.post(
        "/review/act",
        {
            "queue": str(jane.pk),
            "at": "0",
            "reviewed": "0",
            "action": "log",
            "kind": "message",
            "summary": "Checked in",
            "skip_next": "1",
        },
    )
    assert response.status_code == 303
    assert Interaction.objects.filter(participants=jane, summary="Checked in").exists()


def test_quick_log_takes_lunch_as_a_meeting_and_the_timeline_says_lunch(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/",
        {"person": f"Jane Doe (#{jane.pk})", "kind": "Lunch", "summary": "Talked about Austin", "skip_next": "1"},
    )
    assert response.status_code == 303
    logged = Interaction.objects.get(summary="Talked about Austin")
    assert (logged.kind, logged.kind_label) == ("meeting", "lunch")
    page = text(as_alice.get(f"/people/{jane.pk}/"))
    assert '<span class="badge" title="meeting">lunch</span>' in page
    form = text(as_alice.get("/log/"))
    assert '<option value="video call">' in form


def test_quick_log_unknown_kind_is_refused(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/", {"person": f"Jane Doe (#{jane.pk})", "kind": "fax", "summary": "Sent", "skip_next": "1"}
    )
    assert response.status_code == 400 and "is not a kind of interaction" in text(response)

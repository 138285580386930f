"""The weekly review in the browser: stopping early leaves the week open; only "done" or finishing records it."""

import re

from goodwill.models import WeeklyReview


def text(response) -> str:
    return response.content.decode()


def test_stopping_early_leaves_the_week_open(network, as_alice):
    jane, omar = network["jane"], network["omar"]
    card = text(as_alice.get(f"/review/?queue={jane.pk},{omar.pk}&at=1&reviewed=1"))
    # The way out mid-queue is a plain link back to Today: it records nothing.
    stop = re.search(r'<a [^>]*href="([^"]+)"[^>]*id="review-stop"', card)
    assert stop and stop.group(1) == "/"
    assert "End the review now" not in card
    assert "Not done yet this week." in text(as_alice.get(stop.group(1)))
    assert not WeeklyReview.objects.exists()


def test_done_for_this_week_records_it_early(network, as_alice):
    jane, omar = network["jane"], network["omar"]
    card = text(as_alice.get(f"/review/?queue={jane.pk},{omar.pk}&at=1&reviewed=1"))
    assert "I'm done for this week" in card or "I&#x27;m done for this week" in card
    done = as_alice.post("/review/finish", {"reviewed": "1"}, follow=True)
    assert "Review done: 1 person reviewed" in text(done)
    assert WeeklyReview.objects.get().reviewed == 1
    assert "Done this week." in text(as_alice.get("/"))

"""What can't wait: a reply going late today, a promise of mine due today, a meeting within
the hour with someone whose step is open; never a confidence."""

from __future__ import annotations

from datetime import timedelta

from goodwill.queries.urgent import urgent_items
from tests.urgent_network import urgent_net  # noqa: F401


def test_what_cannot_wait_at_nine_on_monday(urgent_net, alice, now):
    items = urgent_items(alice, now=now)
    texts = [i.text for i in items]
    assert texts == [
        "A confidential reply owed to Omar Thompson today (by 14:00)",
        "Reply owed to Jane Doe today (by 15:00): Re: budget",
        "A promise to Omar Thompson is due today (told in confidence)",
        "Due today for Jane Doe: send the deck",
        "You meet Priya Laurent at 09:40: you owe them bring the budget",
    ]
    assert [i.kind for i in items] == ["reply", "reply", "promise", "promise", "meeting"]
    assert items[1].key.startswith("reply:") and items[1].key.endswith(":2026-11-23")
    assert items[3].key == f"promise:{urgent_net['deck'].pk}:2026-11-23"
    assert items[4].title == "Meeting in 40 minutes"
    assert items[1].link.endswith(f"/people/{urgent_net['jane'].pk}/")


def test_confidences_stay_out(urgent_net, alice, now):
    text = " ".join(f"{i.title} {i.text}" for i in urgent_items(alice, now=now))
    for secret in ("merger", "Globex", "March"):
        assert secret not in text


def test_keys_stay_the_same_while_it_is_the_same_news(urgent_net, alice, now):
    first = [i.key for i in urgent_items(alice, now=now)]
    # The calendar source makes its rows again on every run: same meeting, new id, same key.
    from tests.urgent_network import meeting

    soon = urgent_net["soon"]
    people = list(soon.people.all())
    starts, title, key = soon.starts_at, soon.title, soon.key
    soon.delete()
    meeting(alice, title, starts, people, key=key)
    assert [i.key for i in urgent_items(alice, now=now + timedelta(minutes=5))] == first


def test_nothing_urgent_for_someone_else(urgent_net, bob, charlie, now):
    assert urgent_items(bob, now=now) == []
    assert urgent_items(charlie, now=now) == []


def test_a_reply_answered_or_a_promise_kept_is_no_longer_urgent(urgent_net, alice, now):
    from goodwill.services.interactions import mark_replied
    from goodwill.services.steps import complete_step

    mark_replied(alice, urgent_net["jane"])
    complete_step(alice, urgent_net["deck"])
    texts = " ".join(i.text for i in urgent_items(alice, now=now))
    assert "Re: budget" not in texts and "send the deck" not in texts


def test_a_meeting_is_urgent_only_within_the_hour(urgent_net, alice, now):
    def meetings(at):
        return [i.text for i in urgent_items(alice, now=at) if i.kind == "meeting"]

    assert meetings(now - timedelta(minutes=30)) == []  # 08:30: the 09:40 is more than an hour off
    assert meetings(now + timedelta(hours=2, minutes=5)) == [
        "You meet Priya Laurent at 12:00: you owe them bring the budget"
    ]
    assert meetings(now + timedelta(minutes=45)) == []  # 09:45: the 09:40 has begun


def test_the_day_is_the_users_own(urgent_net, alice, now):
    """In Tokyo it is already 18:00 on Monday: Jane's reply went late at 15:00 UTC, which is
    Tuesday 00:00 there, so it is not today's; the promise due Monday still is."""
    from goodwill.models import ReachSettings

    ReachSettings.objects.create(user=alice, time_zone="Asia/Tokyo")
    texts = [i.text for i in urgent_items(alice, now=now)]
    assert not any("Re: budget" in t for t in texts)
    assert "Due today for Jane Doe: send the deck" in texts
    assert "You meet Priya Laurent at 18:40: you owe them bring the budget" in texts

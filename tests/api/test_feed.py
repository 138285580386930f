"""The calendar feed at /feed/<token>.ics: the secret is the key, and it can be revoked."""

from __future__ import annotations

import pytest


@pytest.fixture
def feed_token(alice, network):
    from goodwill.services.tokens import ensure_feed_token

    return ensure_feed_token(alice)


def test_the_feed_is_icalendar_with_the_owners_reminders(client, feed_token, network):
    import icalendar

    response = client.get(f"/feed/{feed_token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(c["SUMMARY"]) for c in calendar.walk() if c.name in ("VEVENT", "VTODO")]
    assert "I owe Jane Doe: send the article" in summaries
    assert any(s.startswith("Jane Doe owes me") for s in summaries)


def test_events_only_and_days_options(client, feed_token, network):
    events = client.get(f"/feed/{feed_token}.ics", {"events": "1"}).content.decode()
    assert "BEGIN:VTODO" not in events and "send the article" in events
    assert client.get(f"/feed/{feed_token}.ics", {"days": "0"}).status_code == 400
    assert client.get(f"/feed/{feed_token}.ics", {"days": "x"}).status_code == 400
    assert client.get(f"/feed/{feed_token}.ics", {"days": "366"}).status_code == 200


def test_wrong_revoked_and_regenerated_tokens_are_404(client, alice, feed_token, network):
    from goodwill.services.tokens import regenerate_feed_token, revoke_feed_token

    assert client.get(f"/feed/{feed_token}x.ics").status_code == 404
    assert client.get("/feed/short.ics").status_code == 404
    new = regenerate_feed_token(alice)
    assert client.get(f"/feed/{feed_token}.ics").status_code == 404
    assert client.get(f"/feed/{new}.ics").status_code == 200
    revoke_feed_token(alice)
    assert client.get(f"/feed/{new}.ics").status_code == 404


def test_an_empty_feed_token_matches_nobody(client, alice, charlie, network):
    # Users without a feed have an empty token: no address may reach them.
    assert client.get("/feed/.ics").status_code == 404
    assert client.get("/feed/%20.ics").status_code == 404


def test_one_users_feed_never_shows_anothers_reminders(client, alice, charlie, network):
    from goodwill.services.tokens import ensure_feed_token

    theirs = client.get(f"/feed/{ensure_feed_token(charlie)}.ics").content.decode()
    assert "Jane" not in theirs and "article" not in theirs


def test_the_feed_leaves_out_confidential_steps_and_post_is_refused(client, alice, feed_token, network, now):
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction

    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[network["jane"]],
            summary="Secret merger talk",
            confidentiality="confidential",
            next_steps=[StepRequest(text="merger memo", due=now.date())],
        ),
    )
    body = client.get(f"/feed/{feed_token}.ics").content.decode()
    assert "merger" not in body
    assert client.post(f"/feed/{feed_token}.ics").status_code == 405


def test_birthdays_and_important_dates_are_in_the_served_feed(client, alice, feed_token, network):
    import icalendar

    from goodwill.models import ImportantDate
    from goodwill.services.people import PersonFields, edit_person

    jane = network["jane"]
    edit_person(alice, jane, PersonFields(birthday="1985-12-02"))  # in 9 days: inside the default 30
    ImportantDate.objects.create(owner=alice, person=jane, label="work anniversary", month=12, day=10, year=2015)
    ImportantDate.objects.create(owner=alice, person=jane, label="wedding anniversary", month=6, day=1)
    calendar = icalendar.Calendar.from_ical(client.get(f"/feed/{feed_token}.ics").content)
    yearly = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT") if "RRULE" in e}
    assert set(yearly) == {"Birthday: Jane Doe", "Jane Doe: work anniversary"}  # June is past the window
    assert str(yearly["Birthday: Jane Doe"]["DTSTART"].dt) == "2026-12-02"
    body = client.get(f"/feed/{feed_token}.ics", {"days": "366"}).content.decode()
    assert "Jane Doe: wedding anniversary" in body and "1985" not in body

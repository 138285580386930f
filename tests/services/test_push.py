"""Push channels and push_due, against a real HTTP endpoint on 127.0.0.1 (Apprise's json://
and form:// targets): each urgent item once ever, none during quiet hours (held, then sent),
only when pushes are on, to every channel not paused; alice's channels are hers alone."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import EncryptedSecret, JobRun, PushChannel
from goodwill.services.push import (
    add_channel,
    push_due,
    remove_channel,
    set_paused,
    set_push,
    set_quiet,
)
from goodwill.services.push import (
    test_channel as send_test,
)
from tests.pushserver import closed_port_url, push_server  # noqa: F401
from tests.urgent_network import urgent_net  # noqa: F401


def test_a_channel_keeps_its_url_secret(alice, now):
    channel = add_channel(alice, "phone", "ntfys://ntfy.sh/alice-secret-topic")
    assert channel.shown == "ntfys://ntfy.sh/…"
    assert channel.secret_ref.startswith("db:")
    stored = PushChannel.objects.filter(pk=channel.pk).values().get()
    assert "alice-secret-topic" not in repr(stored)
    assert "alice-secret-topic" not in repr(list(EncryptedSecret.objects.values()))


@pytest.mark.parametrize(
    "url,words",
    [
        ("", "empty"),
        ("ntfy.sh/topic", "no scheme"),
        ("foo://bar/baz", '"foo://" is not a kind of channel'),
        ("tgram://", "incomplete or malformed"),
    ],
)
def test_a_bad_url_is_refused_with_what_is_wrong(alice, now, url, words):
    with pytest.raises(InvalidInput, match=words):
        add_channel(alice, "phone", url)
    assert not PushChannel.objects.exists() and not EncryptedSecret.objects.exists()


def test_a_name_is_needed_and_used_once(alice, now):
    with pytest.raises(InvalidInput, match="needs a name"):
        add_channel(alice, "  ", "ntfy://ntfy.sh/t")
    add_channel(alice, "phone", "ntfy://ntfy.sh/t")
    with pytest.raises(InvalidInput, match="already a push channel named"):
        add_channel(alice, "Phone", "ntfy://ntfy.sh/u")


def test_removing_a_channel_forgets_its_url(alice, now):
    channel = add_channel(alice, "phone", "ntfy://ntfy.sh/t")
    remove_channel(alice, channel.pk)
    assert not PushChannel.objects.exists() and not EncryptedSecret.objects.exists()


def test_bob_and_charlie_cannot_touch_alices_channel(alice, bob, charlie, now, push_server):
    channel = add_channel(alice, "phone", push_server.json_url)
    for stranger in (bob, charlie):
        for act, args in ((send_test, ()), (remove_channel, ()), (set_paused, (True,))):
            with pytest.raises(NotFound, match=f"no push channel with id {channel.pk}"):
                act(stranger, channel.pk, *args)
        with pytest.raises(InvalidInput, match="no push channel to test"):
            send_test(stranger)
    assert push_server.received == []
    assert PushChannel.objects.get(pk=channel.pk).paused is False


def test_a_test_push_arrives(alice, now, push_server):
    channel = add_channel(alice, "phone", push_server.json_url)
    [delivery] = send_test(alice, channel.pk)
    assert delivery.delivered
    [message] = push_server.messages
    assert message["title"] == "Goodwill: test push"
    assert "This channel works" in message["message"]
    channel.refresh_from_db()
    assert channel.last_sent_at == now and channel.last_error == ""


def test_a_failed_test_push_says_why(alice, now):
    channel = add_channel(alice, "phone", closed_port_url())
    [delivery] = send_test(alice, channel.pk)
    assert not delivery.delivered and "127.0.0.1" in delivery.error
    channel.refresh_from_db()
    assert channel.last_error == delivery.error and channel.last_sent_at is None


@pytest.fixture
def pushing(alice, urgent_net, push_server):
    add_channel(alice, "phone", push_server.json_url)
    set_push(alice, True)
    set_quiet(alice, time(21, 0), time(8, 0))
    return push_server


def test_each_urgent_item_is_pushed_once(alice, now, pushing):
    outcome = push_due(alice, now=now)
    assert not outcome.skipped and outcome.summary == "5 pushes sent to phone"
    titles = [m["title"] for m in pushing.messages]
    assert titles == ["Reply owed today"] * 2 + ["Promise due today"] * 2 + ["Meeting in 40 minutes"]
    bodies = [m["message"] for m in pushing.messages]
    assert bodies[1].startswith("Reply owed to Jane Doe today (by 15:00): Re: budget\nhttp")
    # Called again, a minute later, or by a second worker: nothing twice.
    again = push_due(alice, now=now + timedelta(minutes=1))
    assert again.skipped and again.summary == "nothing new that can't wait"
    push_due(alice, now=now)
    assert len(pushing.received) == 5
    assert JobRun.objects.filter(owner=alice, kind="push-item", status="done").count() == 5


def test_confidences_never_leave(alice, now, pushing):
    push_due(alice, now=now)
    sent = " ".join(r["body"] for r in pushing.received)
    for secret in ("merger", "Globex", "March"):
        assert secret not in sent


def test_nothing_while_pushes_are_off_or_no_channel_is_on(alice, now, pushing):
    set_push(alice, False)
    assert push_due(alice, now=now).summary == "pushes are off"
    set_push(alice, True)
    [channel] = PushChannel.objects.filter(owner=alice)
    set_paused(alice, channel.pk, True)
    assert push_due(alice, now=now).summary == "no push channel to send to"
    assert pushing.received == []
    set_paused(alice, channel.pk, False)
    assert len(pushing.received) == 0 and not push_due(alice, now=now).skipped
    assert len(pushing.received) == 5


def test_held_during_quiet_hours_then_sent(alice, now, pushing, set_now):
    """Quiet 06:00 to 09:30 this time: at 09:00 everything waits; at 09:30 what is still
    urgent goes out (the promise kept meanwhile does not)."""
    from goodwill.services.steps import complete_step

    set_quiet(alice, time(6, 0), time(9, 30))
    held = push_due(alice, now=now)
    assert held.skipped and held.summary == "quiet hours until 09:30: what can't wait is held"
    assert pushing.received == [] and not JobRun.objects.filter(kind="push-item").exists()
    complete_step(alice, _deck(alice))
    sent = push_due(alice, now=now + timedelta(minutes=30))
    assert sent.summary == "4 pushes sent to phone"
    bodies = " ".join(m["message"] for m in pushing.messages)
    assert "send the deck" not in bodies and "Re: budget" in bodies


def _deck(alice):
    from goodwill.models import NextStep

    return NextStep.objects.get(owner=alice, text="send the deck")


def test_quiet_hours_across_midnight_in_the_users_zone(alice, now, pushing):
    """09:00 UTC is 01:00 in Los Angeles: inside 21:00 to 08:00 there."""
    from goodwill.models import ReachSettings

    ReachSettings.objects.filter(user=alice).update(time_zone="America/Los_Angeles")
    assert push_due(alice, now=now).summary.startswith("quiet hours until 08:00")
    assert pushing.received == []


def test_every_channel_not_paused_gets_each_push(alice, now, pushing):
    add_channel(alice, "form", pushing.form_url.replace("/form", "/second"))
    paused = add_channel(alice, "paused", pushing.json_url.replace("/hook", "/paused"))
    set_paused(alice, paused.pk, True)
    push_due(alice, now=now)
    paths = [r["path"] for r in pushing.received]
    assert paths.count("/hook") == 5 and paths.count("/second") == 5 and "/paused" not in paths
    form = [m for r, m in zip(pushing.received, pushing.messages) if r["path"] == "/second"]
    assert form[0]["title"] == "Reply owed today"


def test_an_item_no_channel_took_is_tried_again_then_given_up(alice, now, pushing):
    pushing.status = 500
    first = push_due(alice, now=now)
    assert "5 not delivered" in first.summary
    [channel] = PushChannel.objects.filter(owner=alice)
    assert channel.last_error
    pushing.status = 200
    push_due(alice, now=now + timedelta(minutes=5))
    assert len(pushing.received) == 10  # each tried twice, delivered the second time
    push_due(alice, now=now + timedelta(minutes=10))
    assert len(pushing.received) == 10
    channel.refresh_from_db()
    assert channel.last_error == ""


def test_quiet_hours_need_two_different_times(alice, now):
    with pytest.raises(InvalidInput, match="both a start and an end"):
        set_quiet(alice, time(21, 0), None)
    with pytest.raises(InvalidInput, match="same time"):
        set_quiet(alice, time(21, 0), time(21, 0))
    assert set_quiet(alice, None, None).quiet_from is None


def test_bobs_pushes_are_his_own(alice, bob, now, pushing):
    add_channel(bob, "bob's phone", pushing.json_url.replace("/hook", "/bob"))
    set_push(bob, True)
    assert push_due(bob, now=now).summary == "nothing new that can't wait"
    assert all(r["path"] != "/bob" for r in pushing.received)

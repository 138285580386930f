"""Settings' Notifications section: add a channel, send a test that arrives at a local
endpoint, pause, resume, remove, pushes on or off with quiet hours. Alice's channels are hers:
charlie and bob get a 404, anonymous visitors the login page, and nothing changes."""

from __future__ import annotations

import pytest

from goodwill.models import PushChannel, ReachSettings
from tests.pushserver import closed_port_url, push_server  # noqa: F401


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_section_shows_on_settings(as_alice, alice):
    from goodwill.services.push import add_channel

    add_channel(alice, "phone", "ntfys://ntfy.sh/alice-secret-topic")
    page = as_alice.get("/settings/").content.decode()
    assert 'id="h-notifications"' in page and "ntfys://ntfy.sh/…" in page and "phone" in page
    assert "alice-secret-topic" not in page
    assert 'value="21:00"' in page and 'value="08:00"' in page


def test_add_test_pause_resume_remove(as_alice, alice, now, push_server):
    added = as_alice.post("/settings/push/channels", {"name": "phone", "url": push_server.json_url}, follow=True)
    assert "Added the push channel" in _messages(added)
    channel = PushChannel.objects.get(owner=alice)
    tested = as_alice.post(f"/settings/push/channels/{channel.pk}/test", follow=True)
    assert 'Test push sent to "phone"' in _messages(tested)
    assert push_server.messages[0]["title"] == "Goodwill: test push"
    as_alice.post(f"/settings/push/channels/{channel.pk}/pause")
    assert PushChannel.objects.get(pk=channel.pk).paused
    assert "(paused)" in as_alice.get("/settings/").content.decode()
    as_alice.post(f"/settings/push/channels/{channel.pk}/resume")
    assert not PushChannel.objects.get(pk=channel.pk).paused
    removed = as_alice.post(f"/settings/push/channels/{channel.pk}/remove", follow=True)
    assert "its URL is forgotten" in _messages(removed)
    assert not PushChannel.objects.exists()


def test_a_failed_test_and_a_bad_url_are_said_plainly(as_alice, alice, now):
    bad = as_alice.post("/settings/push/channels", {"name": "phone", "url": "foo://secret"}, follow=True)
    assert '"foo://" is not a kind of channel Apprise knows' in _messages(bad)
    as_alice.post("/settings/push/channels", {"name": "phone", "url": closed_port_url()})
    channel = PushChannel.objects.get(owner=alice)
    failed = as_alice.post(f"/settings/push/channels/{channel.pk}/test", follow=True)
    assert 'The test push to "phone" was not delivered' in _messages(failed)
    assert "Not delivered" in failed.content.decode()


def test_on_off_and_quiet_hours(as_alice, alice):
    saved = as_alice.post("/settings/push", {"on": "1", "quiet_from": "22:30", "quiet_until": "7am"}, follow=True)
    assert "Pushes are on; quiet 22:30 to 07:00." in _messages(saved)
    reach = ReachSettings.objects.get(user=alice)
    assert reach.push_on and f"{reach.quiet_from:%H:%M}-{reach.quiet_until:%H:%M}" == "22:30-07:00"
    cleared = as_alice.post("/settings/push", {"quiet_from": "", "quiet_until": ""}, follow=True)
    assert "Pushes are off; no quiet hours." in _messages(cleared)
    bad = as_alice.post("/settings/push", {"on": "1", "quiet_from": "25:00", "quiet_until": "08:00"}, follow=True)
    assert "not a time of day" in _messages(bad)
    half = as_alice.post("/settings/push", {"on": "1", "quiet_from": "21:00", "quiet_until": ""}, follow=True)
    assert "both a start and an end" in _messages(half)
    assert ReachSettings.objects.get(user=alice).push_on is False  # a mistake changes nothing


ACTIONS = ["test", "pause", "resume", "remove"]


@pytest.fixture
def alices_channel(alice, now):
    from goodwill.services.push import add_channel

    return add_channel(alice, "Jane's phone", closed_port_url())


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_nobody_else_can_act_on_alices_channel(alices_channel, as_user, request, who, action):
    client = as_user(request.getfixturevalue(who))
    response = client.post(f"/settings/push/channels/{alices_channel.pk}/{action}")
    assert response.status_code == 404
    assert "Jane" not in response.content.decode()
    after = PushChannel.objects.get(pk=alices_channel.pk)
    assert after.paused is False and after.last_error == ""


def test_nobody_else_sees_alices_channel(alices_channel, as_charlie, as_user, bob):
    for client in (as_charlie, as_user(bob)):
        page = client.get("/settings/").content.decode()
        assert "Jane&#x27;s phone" not in page and "Jane's phone" not in page and "No channels yet." in page


@pytest.mark.parametrize(
    "url,data",
    [
        ("/settings/push", {"on": "1", "quiet_from": "", "quiet_until": ""}),
        ("/settings/push/channels", {"name": "x", "url": "ntfys://ntfy.sh/t"}),
        *[(f"/settings/push/channels/{{pk}}/{a}", {}) for a in ACTIONS],
    ],
)
def test_anonymous_is_sent_to_login_and_changes_nothing(alices_channel, anonymous, alice, url, data):
    response = anonymous.post(url.format(pk=alices_channel.pk), data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert PushChannel.objects.count() == 1 and not ReachSettings.objects.filter(user=alice).exists()


def test_actions_refuse_get(alices_channel, as_alice):
    for action in ACTIONS:
        assert as_alice.get(f"/settings/push/channels/{alices_channel.pk}/{action}").status_code == 405
    assert as_alice.get("/settings/push").status_code == 405

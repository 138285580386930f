"""/api/v1/push: channels (the URL write-only, shown masked), a test push that arrives at a
local endpoint, and the on/off switch with quiet hours; bad input is a one-line 400."""

from __future__ import annotations

from tests.pushserver import push_server  # noqa: F401


def test_a_channel_from_add_to_remove(as_alice, push_server):
    added = as_alice.post("/push/channels", {"name": "phone", "url": push_server.json_url})
    assert added.status_code == 201, added.content
    channel = added.json()
    assert channel["shown"] == f"json://127.0.0.1:{push_server.port}/…" and "url" not in channel
    assert [c["name"] for c in as_alice.get("/push/channels").json()] == ["phone"]
    tested = as_alice.post(f"/push/channels/{channel['id']}/test")
    assert tested.status_code == 200 and tested.json()["delivered"] is True
    assert push_server.messages == [
        {
            "version": "1.0",
            "title": "Goodwill: test push",
            "message": push_server.messages[0]["message"],
            "attachments": [],
            "type": "info",
        }
    ]
    assert "This channel works" in push_server.messages[0]["message"]
    assert as_alice.get("/push/channels").json()[0]["last_sent_at"] is not None
    paused = as_alice.patch(f"/push/channels/{channel['id']}", {"paused": True})
    assert paused.status_code == 200 and paused.json()["paused"] is True
    assert as_alice.delete(f"/push/channels/{channel['id']}").status_code == 204
    assert as_alice.get("/push/channels").json() == []


def test_a_failed_test_push_says_why(as_alice):
    from tests.pushserver import closed_port_url

    channel = as_alice.post("/push/channels", {"name": "phone", "url": closed_port_url()}).json()
    tested = as_alice.post(f"/push/channels/{channel['id']}/test").json()
    assert tested["delivered"] is False and tested["error"]
    assert tested["channel"]["last_error"] == tested["error"]


def test_a_bad_url_is_a_400_saying_what_is_wrong(as_alice):
    response = as_alice.post("/push/channels", {"name": "phone", "url": "foo://bar/secret"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith('"foo://" is not a kind of channel Apprise knows')
    assert "secret" not in response.json()["detail"]
    assert as_alice.post("/push/channels", {"name": "phone", "url": "x", "urll": "y"}).status_code == 422


def test_settings_read_and_put(as_alice):
    assert as_alice.get("/push/settings").json() == {
        "on": False,
        "quiet_from": "21:00",
        "quiet_until": "08:00",
        "time_zone": "UTC",
        "channels": [],
    }
    put = as_alice.put("/push/settings", {"on": True, "quiet_from": "10pm", "quiet_until": "7:30"})
    assert put.status_code == 200, put.content
    assert put.json()["on"] is True and (put.json()["quiet_from"], put.json()["quiet_until"]) == ("22:00", "07:30")
    off = as_alice.put("/push/settings", {"on": True, "quiet_from": None, "quiet_until": None}).json()
    assert off["quiet_from"] is None


def test_a_bad_time_changes_nothing(as_alice):
    as_alice.put("/push/settings", {"on": False, "quiet_from": "21:00", "quiet_until": "08:00"})
    bad = as_alice.put("/push/settings", {"on": True, "quiet_from": "25:00", "quiet_until": "08:00"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("quiet hours' start:")
    half = as_alice.put("/push/settings", {"on": True, "quiet_from": "21:00", "quiet_until": None})
    assert half.status_code == 400 and "both a start and an end" in half.json()["detail"]
    assert as_alice.get("/push/settings").json()["on"] is False

"""GET /api/v1/dav and the device passwords: list, add (the password in that answer only),
revoke. Access for other users and anonymous callers is in test_access.py."""

from __future__ import annotations


def test_addresses(as_alice, monkeypatch):
    local = as_alice.get("/dav").json()
    assert local["server"] == "http://127.0.0.1:8000/dav/" and local["username"] == "alice"
    assert local["reachable_from_phone"] is False and "a phone can't reach it" in local["warning"]
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://crm.example.com")
    assert as_alice.get("/dav").json() == {
        "server": "https://crm.example.com/dav/",
        "username": "alice",
        "contacts": "https://crm.example.com/dav/alice/contacts/",
        "tasks": "https://crm.example.com/dav/alice/tasks/",
        "dates": "https://crm.example.com/dav/alice/dates/",
        "reachable_from_phone": True,
        "warning": "",
    }


def test_add_list_revoke(as_alice, alice):
    from goodwill.services.dav_passwords import user_for_device_password

    added = as_alice.post("/dav/passwords", {"name": "iPhone"})
    assert added.status_code == 201, added.content
    new = added.json()
    assert new["name"] == "iPhone" and new["ends_with"] == new["password"][-4:]
    assert new["server"] == "http://127.0.0.1:8000/dav/" and new["username"] == "alice"
    assert user_for_device_password("alice", new["password"]) == alice
    [listed] = as_alice.get("/dav/passwords").json()
    assert listed["id"] == new["id"] and "password" not in listed
    assert listed["last_used_at"] == "2026-11-23T09:00:00Z" and listed["revoked_at"] is None
    revoked = as_alice.post(f"/dav/passwords/{new['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert user_for_device_password("alice", new["password"]) is None
    assert as_alice.get("/dav/passwords").json() == []
    assert [d["id"] for d in as_alice.get("/dav/passwords", {"all": "true"}).json()] == [new["id"]]
    again = as_alice.post(f"/dav/passwords/{new['id']}/revoke")
    assert again.status_code == 400 and "already revoked" in again.json()["detail"]


def test_mistakes_are_400_with_a_detail(as_alice, monkeypatch):
    assert as_alice.post("/dav/passwords", {"name": "iPhone"}).status_code == 201
    taken = as_alice.post("/dav/passwords", {"name": "IPHONE"})
    assert taken.status_code == 400 and "already have a password" in taken.json()["detail"]
    assert as_alice.post("/dav/passwords", {"name": "  "}).status_code == 400
    too_long = as_alice.post("/dav/passwords", {"name": "x" * 61})
    assert too_long.status_code == 400 and "name" in too_long.json()["detail"]
    assert as_alice.post("/dav/passwords", {}).status_code == 400
    assert as_alice.post("/dav/passwords/4242/revoke").status_code == 404
    monkeypatch.setenv("GOODWILL_BASE_URL", "crm.example.com")
    bad = as_alice.post("/dav/passwords", {"name": "Pixel"})
    assert bad.status_code == 400 and "not a web address" in bad.json()["detail"]
    assert [d["name"] for d in as_alice.get("/dav/passwords").json()] == ["iPhone"]  # nothing made

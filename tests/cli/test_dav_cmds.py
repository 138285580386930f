"""`goodwill dav info` and `goodwill dav password add|list|revoke`: what to type into a phone,
and its device passwords; mistakes are one line and exit 2."""

from __future__ import annotations

import json


def test_info_says_what_to_type_and_that_loopback_is_out_of_a_phones_reach(cli):
    shown = cli("dav", "info")
    assert shown.exit_code == 0, shown.output
    assert "Server:    http://127.0.0.1:8000/dav/" in shown.output
    assert "User name: me" in shown.output
    assert "http://127.0.0.1:8000/dav/me/contacts/" in shown.output
    assert "http://127.0.0.1:8000/dav/me/tasks/" in shown.output
    assert "http://127.0.0.1:8000/dav/me/dates/" in shown.output
    assert "a phone can't reach it" in shown.output


def test_info_as_json_behind_https(cli, monkeypatch):
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://crm.example.com")
    shown = json.loads(cli("dav", "info", "--json").output)
    assert shown == {
        "server": "https://crm.example.com/dav/",
        "username": "me",
        "contacts": "https://crm.example.com/dav/me/contacts/",
        "tasks": "https://crm.example.com/dav/me/tasks/",
        "dates": "https://crm.example.com/dav/me/dates/",
        "reachable_from_phone": True,
        "warning": "",
    }


def test_add_shows_the_password_once_then_list_and_revoke(cli, set_now):
    from goodwill.services.dav_passwords import user_for_device_password

    added = cli("dav", "password", "add", "iPhone")
    assert added.exit_code == 0, added.output
    lines = added.output.splitlines()
    plain = next(line for line in lines if line.startswith("Password:")).split()[-1]
    assert "Server:    http://127.0.0.1:8000/dav/" in added.output and "User name: me" in added.output
    assert "will not be shown again" in added.output
    assert user_for_device_password("me", plain) is not None  # what a phone would do: last used is now
    listed = cli("dav", "password", "list")
    assert "iPhone" in listed.output and "…" + plain[-4:] in listed.output and "23 Nov" in listed.output
    assert plain not in listed.output
    [row] = json.loads(cli("dav", "password", "list", "--json").output)
    assert row["name"] == "iPhone" and row["last_used_at"] == "2026-11-23T09:00:00+00:00" and row["revoked_at"] is None
    revoked = cli("dav", "password", "revoke", "iphone")
    assert revoked.exit_code == 0 and f'Revoked device password #{row["id"]} "iPhone"' in revoked.output
    assert user_for_device_password("me", plain) is None
    assert "No device passwords" in cli("dav", "password", "list").output
    [old] = json.loads(cli("dav", "password", "list", "--all", "--json").output)
    assert old["id"] == row["id"] and old["revoked_at"] is not None


def test_add_as_json_for_scripts(cli):
    added = json.loads(cli("dav", "password", "add", "Thunderbird", "--json").output)
    assert added["name"] == "Thunderbird" and len(added["password"]) == 19
    assert added["server"] == "http://127.0.0.1:8000/dav/" and added["username"] == "me"
    assert cli("dav", "password", "revoke", str(added["id"])).exit_code == 0


def test_mistakes_are_one_line_and_exit_2(cli, monkeypatch):
    assert cli("dav", "password", "add", "iPhone").exit_code == 0
    taken = cli("dav", "password", "add", "iphone")
    assert taken.exit_code == 2 and "already have a password" in taken.output
    assert cli("dav", "password", "add", " ").exit_code == 2
    unknown = cli("dav", "password", "revoke", "Pixel")
    assert unknown.exit_code == 2 and 'no device password called "Pixel"' in unknown.output
    assert cli("dav", "password", "revoke", "4242").exit_code == 2
    assert cli("dav", "password", "revoke", "iPhone").exit_code == 0
    again = cli("dav", "password", "revoke", "iPhone")
    assert again.exit_code == 2 and "already revoked" in again.output
    monkeypatch.setenv("GOODWILL_BASE_URL", "crm.example.com")
    bad = cli("dav", "password", "add", "Pixel")
    assert bad.exit_code == 2 and "not a web address" in bad.output
    assert "Pixel" not in cli("dav", "password", "list", "--all").output  # nothing made

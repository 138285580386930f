"""`goodwill feed url [--rotate]` and `goodwill feed off`: the address under GOODWILL_BASE_URL,
served until rotated or turned off."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def _local_base(monkeypatch):
    monkeypatch.delenv("GOODWILL_BASE_URL", raising=False)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def fails(result, *words):
    assert result.exit_code == 2, result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output, result.output
    for word in words:
        assert word in result.output, result.output
    return result


def path_of(url: str) -> str:
    return "/feed/" + url.split("/feed/", 1)[1]


def test_feed_url_prints_the_address_made_on_first_use_then_the_same(cli, client, monkeypatch):
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example-firm.com")
    first = ok(cli("feed", "url"))
    url = first.stdout.splitlines()[0]
    assert url.startswith("https://goodwill.example-firm.com/feed/") and url.endswith(".ics")
    assert "webcal://goodwill.example-firm.com/feed/" in first.stdout
    assert url + "?events=1" in first.stdout
    assert "Keep it secret" in first.stdout and "warning" not in first.output
    assert ok(cli("feed", "url")).stdout.splitlines()[0] == url
    response = client.get(path_of(url))
    assert response.status_code == 200 and response.content.startswith(b"BEGIN:VCALENDAR")


def test_json_gives_every_form_of_the_address(cli):
    data = json.loads(ok(cli("feed", "url", "--json")).stdout)
    assert set(data) == {"url", "webcal_url", "events_url", "local_only", "warning"}
    assert data["url"].startswith("http://127.0.0.1:8000/feed/")
    assert data["local_only"] is True and "can't reach 127.0.0.1" in data["warning"]


def test_a_loopback_address_warns_on_stderr(cli):
    result = ok(cli("feed", "url"))
    assert result.stdout.splitlines()[0].startswith("http://127.0.0.1:8000/feed/")
    assert "warning: calendar clouds (Google, Outlook.com, iCloud) can't reach 127.0.0.1" in result.stderr
    assert "set GOODWILL_BASE_URL to the address the server is reached at" in result.stderr


def test_rotate_makes_the_old_address_404_and_the_new_one_serve_the_feed(cli, client):
    old = ok(cli("feed", "url")).stdout.splitlines()[0]
    rotated = ok(cli("feed", "url", "--rotate"))
    assert "the old one no longer works" in rotated.stdout
    new = rotated.stdout.splitlines()[1]
    assert new != old and new.startswith("http://127.0.0.1:8000/feed/")
    assert client.get(path_of(old)).status_code == 404
    assert client.get(path_of(new)).status_code == 200
    assert json.loads(ok(cli("feed", "url", "--rotate", "--json")).stdout)["url"] != new


def test_feed_off_stops_the_address_and_url_turns_it_on_anew(cli, client):
    url = ok(cli("feed", "url")).stdout.splitlines()[0]
    assert "turned off" in ok(cli("feed", "off")).stdout
    assert client.get(path_of(url)).status_code == 404
    fails(cli("feed", "off"), "already off", "goodwill feed url")
    again = ok(cli("feed", "url")).stdout.splitlines()[0]
    assert again != url and client.get(path_of(again)).status_code == 200


def test_a_bad_base_url_is_one_line_and_turns_nothing_on(cli, monkeypatch, me):
    from goodwill.services.tokens import feed_token

    monkeypatch.setenv("GOODWILL_BASE_URL", "goodwill.example-firm.com")
    fails(cli("feed", "url"), '"goodwill.example-firm.com" is not a web address', "GOODWILL_BASE_URL")
    fails(cli("feed", "url", "--rotate"), "is not a web address")
    assert feed_token(me) == ""


def test_the_older_names_still_work_but_are_not_listed(cli, client):
    url = ok(cli("feed", "url")).stdout.splitlines()[0]
    new = json.loads(ok(cli("feed", "regenerate", "--json")).stdout)["url"]
    assert new != url and client.get(path_of(url)).status_code == 404
    ok(cli("feed", "revoke"))
    assert client.get(path_of(new)).status_code == 404
    listed = ok(cli("feed", "--help")).stdout
    assert "url" in listed and "off" in listed
    assert "regenerate" not in listed and "revoke" not in listed

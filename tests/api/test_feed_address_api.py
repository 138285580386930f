"""GET /api/v1/feed/url, POST /api/v1/feed/rotate, DELETE /api/v1/feed: the same address as
`goodwill feed url` and Settings (services.feed), for the caller's own feed only."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _local_base(monkeypatch):
    monkeypatch.delenv("GOODWILL_BASE_URL", raising=False)


def path_of(url: str) -> str:
    return "/feed/" + url.split("/feed/", 1)[1]


def test_get_url_makes_the_address_once_under_the_base_url(as_alice, client, network, monkeypatch):
    monkeypatch.setenv("GOODWILL_BASE_URL", "https://goodwill.example-firm.com/")
    first = as_alice.get("/feed/url")
    assert first.status_code == 200, first.content
    data = first.json()
    assert data["url"].startswith("https://goodwill.example-firm.com/feed/") and data["url"].endswith(".ics")
    assert data["webcal_url"] == "webcal://" + data["url"].removeprefix("https://")
    assert data["events_url"] == data["url"] + "?events=1"
    assert data["local_only"] is False and data["warning"] == ""
    assert as_alice.get("/feed/url").json() == data
    feed = client.get(path_of(data["url"]))
    assert feed.status_code == 200 and b"send the article" in feed.content


def test_a_loopback_base_comes_with_the_warning(as_alice, network):
    data = as_alice.get("/feed/url").json()
    assert data["url"].startswith("http://127.0.0.1:8000/feed/") and data["local_only"] is True
    assert "calendar clouds (Google, Outlook.com, iCloud) can't reach 127.0.0.1" in data["warning"]


def test_rotate_makes_the_old_address_404_and_the_new_one_serve(as_alice, client, network):
    old = as_alice.get("/feed/url").json()["url"]
    rotated = as_alice.post("/feed/rotate")
    assert rotated.status_code == 200, rotated.content
    new = rotated.json()["url"]
    assert new != old
    assert client.get(path_of(old)).status_code == 404
    assert client.get(path_of(new)).status_code == 200
    assert as_alice.get("/feed/url").json()["url"] == new


def test_delete_turns_the_feed_off_and_get_turns_it_on_anew(as_alice, client, network):
    url = as_alice.get("/feed/url").json()["url"]
    assert as_alice.delete("/feed").status_code == 204
    assert client.get(path_of(url)).status_code == 404
    again = as_alice.delete("/feed")
    assert again.status_code == 400 and again.json()["detail"] == "the calendar feed is already off"
    new = as_alice.get("/feed/url").json()["url"]
    assert new != url and client.get(path_of(new)).status_code == 200


def test_a_bad_base_url_is_a_400_that_turns_nothing_on(as_alice, alice, network, monkeypatch):
    from goodwill.services.tokens import feed_token

    monkeypatch.setenv("GOODWILL_BASE_URL", "goodwill.example-firm.com")
    response = as_alice.get("/feed/url")
    assert response.status_code == 400
    assert "is not a web address" in response.json()["detail"]
    assert feed_token(alice) == ""


@pytest.mark.parametrize("stranger", ["as_bob", "as_charlie"])
def test_a_teammate_or_outsider_reaches_only_their_own_feed(request, stranger, as_alice, alice, client, network):
    from goodwill.services.tokens import feed_token

    theirs = request.getfixturevalue(stranger)
    mine = as_alice.get("/feed/url").json()["url"]
    their_url = theirs.get("/feed/url").json()["url"]
    assert their_url != mine
    assert b"Jane" not in client.get(path_of(their_url)).content
    theirs.post("/feed/rotate")
    assert theirs.delete("/feed").status_code == 204
    assert theirs.delete("/feed").status_code == 400
    assert alice and path_of(mine) == f"/feed/{feed_token(alice)}.ics"  # alice's feed untouched
    assert client.get(path_of(mine)).status_code == 200


def test_anonymous_gets_401_and_changes_nothing(anonymous, as_alice, alice, network):
    from goodwill.services.tokens import feed_token

    as_alice.get("/feed/url")
    token = feed_token(alice)
    for method, path in (("get", "/feed/url"), ("post", "/feed/rotate"), ("delete", "/feed")):
        response = anonymous.call(method, path)
        assert response.status_code == 401 and "Bearer" in response.json()["detail"]
    assert feed_token(alice) == token

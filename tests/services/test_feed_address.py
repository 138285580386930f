"""The feed's address (services.feed): under GOODWILL_BASE_URL, with its webcal:// and events forms,
a warning when no calendar cloud can reach it, and one token per user."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput


@pytest.fixture
def base(monkeypatch):
    """Set GOODWILL_BASE_URL for the test (unset: the local `goodwill serve`)."""

    def _set(value: str | None):
        if value is None:
            monkeypatch.delenv("GOODWILL_BASE_URL", raising=False)
        else:
            monkeypatch.setenv("GOODWILL_BASE_URL", value)

    _set(None)
    return _set


def test_the_address_is_under_the_configured_base(alice, base):
    from goodwill.services.feed import feed_url

    base("https://goodwill.example-firm.com/")
    address = feed_url(alice)
    assert address.url.startswith("https://goodwill.example-firm.com/feed/") and address.url.endswith(".ics")
    assert address.webcal_url == "webcal://" + address.url.removeprefix("https://")
    assert address.events_url == address.url + "?events=1"
    assert not address.local_only and address.warning == ""
    base("http://crm.internal:8080/goodwill")  # a server under a path prefix keeps it
    assert feed_url(alice).url.startswith("http://crm.internal:8080/goodwill/feed/")
    assert feed_url(alice).webcal_url.startswith("webcal://crm.internal:8080/goodwill/feed/")


def test_the_same_address_until_rotated_and_one_per_user(alice, bob, base):
    from goodwill.services.feed import current_feed, feed_url, rotate_feed, turn_feed_off

    assert current_feed(alice) is None  # off until asked for: reading makes nothing
    first = feed_url(alice)
    assert feed_url(alice) == first == current_feed(alice)
    assert feed_url(bob).url != first.url
    rotated = rotate_feed(alice)
    assert rotated.url != first.url and current_feed(alice) == rotated
    turn_feed_off(alice)
    assert current_feed(alice) is None and current_feed(bob) is not None
    with pytest.raises(InvalidInput, match="already off"):
        turn_feed_off(alice)
    assert feed_url(alice).url not in (first.url, rotated.url)  # on again, with a new address


@pytest.mark.parametrize(
    "value", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "http://0.0.0.0:8000"]
)
def test_a_loopback_base_warns_that_calendar_clouds_cannot_reach_it(alice, base, value):
    from goodwill.services.feed import feed_url

    base(value)
    address = feed_url(alice)
    assert address.local_only
    assert "calendar clouds (Google, Outlook.com, iCloud) can't reach" in address.warning
    assert "set GOODWILL_BASE_URL to the address the server is reached at" in address.warning


def test_the_default_base_is_the_local_server_and_warns(alice, base):
    from goodwill.services.feed import feed_url

    address = feed_url(alice)
    assert address.url.startswith("http://127.0.0.1:8000/feed/")
    assert "can't reach 127.0.0.1" in address.warning


@pytest.mark.parametrize("value", ["http://192.168.1.20:8000", "https://crm.example.com", "http://[2001:db8::1]"])
def test_other_hosts_do_not_warn(alice, base, value):
    from goodwill.services.feed import feed_url

    base(value)
    assert feed_url(alice).warning == ""


@pytest.mark.parametrize("value", ["crm.example.com", "ftp://crm.example.com", "https://", "https://x.com/?a=1"])
def test_a_base_that_is_no_web_address_is_refused_and_turns_nothing_on(alice, base, value):
    from goodwill.services.feed import current_feed, feed_url

    base(value)
    with pytest.raises(InvalidInput, match="is not a web address; write it like https://") as caught:
        feed_url(alice)
    assert caught.value.code == "base-url"
    base(None)
    assert current_feed(alice) is None


def test_a_bad_base_leaves_the_old_address_working(alice, base):
    from goodwill.services.feed import current_feed, feed_url, rotate_feed

    first = feed_url(alice)
    base("not a url")
    with pytest.raises(InvalidInput):
        rotate_feed(alice)
    base(None)
    assert current_feed(alice) == first


def test_the_path_is_where_the_feed_is_served(alice, base):
    from django.urls import reverse

    from goodwill.services.feed import FEED_PATH

    assert reverse("calendar-feed", kwargs={"token": "TOKEN"}) == FEED_PATH.format(token="TOKEN")

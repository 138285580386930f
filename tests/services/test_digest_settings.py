"""The digest's settings: weekdays, the hour, the zone and the address, each checked before any is saved."""

from __future__ import annotations

from datetime import time

import pytest

from goodwill.errors import InvalidInput


@pytest.mark.parametrize(
    "typed,days,shown",
    [
        ("mon-fri", [0, 1, 2, 3, 4], "mon-fri"),
        ("Mon, Wed, Fri", [0, 2, 4], "mon,wed,fri"),
        ("daily", [0, 1, 2, 3, 4, 5, 6], "daily"),
        ("weekends", [5, 6], "sat,sun"),
        ("fri-mon", [0, 4, 5, 6], "mon,fri-sun"),
        ("tuesday thursday", [1, 3], "tue,thu"),
    ],
)
def test_weekdays(typed, days, shown):
    from goodwill.services.digest import days_text, parse_days

    assert parse_days(typed) == days
    assert days_text(days) == shown


@pytest.mark.parametrize("typed", ["", "someday", "mon-", "mon-fri-sun"])
def test_weekdays_that_are_not(typed):
    from goodwill.services.digest import parse_days

    with pytest.raises(InvalidInput) as caught:
        parse_days(typed)
    assert caught.value.code == "digest-days"


@pytest.mark.parametrize(
    "typed,at", [("07:30", time(7, 30)), ("7", time(7, 0)), ("7pm", time(19, 0)), ("12am", time(0, 0))]
)
def test_times(typed, at):
    from goodwill.services.digest import parse_at

    assert parse_at(typed) == at


@pytest.mark.parametrize("typed", ["24:00", "7:60", "13pm", "noonish", ""])
def test_times_that_are_not(typed):
    from goodwill.services.digest import parse_at

    with pytest.raises(InvalidInput, match="is not a time of day|the hour is 1 to 12") as caught:
        parse_at(typed)
    assert caught.value.code == "digest-at"


def test_a_bad_value_saves_nothing(alice):
    from goodwill.models import ReachSettings
    from goodwill.services.digest import set_digest

    with pytest.raises(InvalidInput, match="time zone"):
        set_digest(alice, on=True, at="06:00", to="alice@example.com", time_zone="Atlantis/Capital")
    assert not ReachSettings.objects.filter(user=alice).exists()


def test_turning_it_on_needs_an_address(alice):
    from goodwill.services.digest import set_digest

    with pytest.raises(InvalidInput, match="needs an address"):
        set_digest(alice, on=True)
    alice.email = "alice@example.com"
    alice.save()
    assert set_digest(alice, on=True).digest_on  # the login's own address will do


def test_emptying_the_host_turns_the_server_off_and_forgets_the_password(alice):
    from goodwill.models import EncryptedSecret
    from goodwill.services.outbox import set_smtp

    set_smtp(alice, "smtp.example.com", user="alice@example.com", password="pw")
    assert EncryptedSecret.objects.filter(owner=alice).exists()
    reach = set_smtp(alice, "")
    assert reach.smtp_host == "" and reach.smtp_secret_ref == ""
    assert not EncryptedSecret.objects.filter(owner=alice).exists()

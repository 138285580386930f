"""The first run in the browser: empty pages lead somewhere, and the checklist (issue 12)."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from goodwill.models import UserSettings


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _add_person_url() -> str | None:
    try:
        return reverse("web:person-new")
    except NoReverseMatch:  # the add-person page comes with its own branch
        return None


@pytest.mark.parametrize("url", ["/", "/people/", "/review/", "/near/?place=Chicago"])
def test_an_empty_network_offers_the_three_ways_in(as_alice, alice, now, url):
    body = text(as_alice.get(url))
    assert "Nobody in your network yet." in body
    assert 'href="/import/"' in body
    for where in ("Get a copy of your data", "Google CSV", "Export to a file", "Export vCard"):
        assert where in body
    assert "Add a person" in body
    if _add_person_url():
        assert f'href="{_add_person_url()}"' in body
    assert "demo" in body
    assert "good shape" not in body
    assert "goodwill " not in body  # a page never tells a browser user to type a command


def test_a_network_with_people_shows_no_guide(network, as_alice):
    for url in ("/", "/people/", "/review/", "/near/?place=Austin"):
        assert "Nobody in your network yet." not in text(as_alice.get(url))


def test_checklist_on_today_until_done(as_alice, alice, now):
    body = text(as_alice.get("/"))
    assert "Getting started" in body and "0 of 4 done" in body
    assert 'href="/settings/#h-prefs"' in body and 'href="/log/"' in body
    # The goal has a default: saving the settings form is what ticks it.
    as_alice.post("/settings/preferences", {"weekly-goal": "5", "response-window": "1", "phone-region": "US"})
    assert UserSettings.objects.get(user=alice).onboarding["goal_set"] is True
    assert "1 of 4 done" in text(as_alice.get("/"))


def test_checklist_disappears_once_everything_is_done(network, as_alice, alice):
    from goodwill.services.preferences import set_preference

    assert "Getting started" in text(as_alice.get("/"))  # people and a touch, no home or goal yet
    set_preference(alice, "home", "Denver, CO")
    set_preference(alice, "weekly-goal", "6")
    assert "Getting started" not in text(as_alice.get("/"))


def test_checklist_can_be_put_away(as_alice, alice, now):
    response = as_alice.post("/first-run/dismiss", follow=True)
    assert "Getting started" not in text(response)
    assert UserSettings.objects.get(user=alice).onboarding["checklist_dismissed"] is True


def test_checklist_dismiss_needs_a_login_and_is_per_user(anonymous, as_charlie, as_user, alice, bob, charlie):
    response = anonymous.post("/first-run/dismiss")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert as_charlie.post("/first-run/dismiss").status_code == 303
    assert as_user(bob).post("/first-run/dismiss").status_code == 303
    assert not UserSettings.objects.get(user=alice).onboarding.get("checklist_dismissed")
    assert UserSettings.objects.get(user=charlie).onboarding["checklist_dismissed"] is True


def test_checklist_dismiss_refuses_get(as_alice):
    assert as_alice.get("/first-run/dismiss").status_code == 405


def test_dates_this_week_on_today(as_alice, alice, now):
    from goodwill.models import ImportantDate
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(alice, PersonFields(name="Jane Doe", birthday="--11-24"))
    ImportantDate.objects.create(owner=alice, person=jane, label="work anniversary", month=11, day=27, year=2020)
    body = text(as_alice.get("/"))
    assert "This week" in body and "tomorrow" in body and "birthday" in body
    assert "Fri 27 November" in body and "work anniversary, 6 years" in body
    assert "--11-24" not in body

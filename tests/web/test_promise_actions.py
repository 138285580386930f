"""A promise's other endings in the browser, as `goodwill renegotiate`, `release` and `broken`
and the API's /steps/{id}/… do (services.promises): from the step's row on a Person page."""

from __future__ import annotations

import pytest
from django.test import Client

from goodwill.models import NextStep, StepChange
from tests.doors import api, jane, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(cli, jane):  # noqa: F811
    cli("next", "Jane Doe", "send the deck", "--due", "2026-11-30")
    return NextStep.objects.get(person=jane, text="send the deck")


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_person_page_offers_the_three_endings_for_my_steps_only(web, cli, jane, promise):  # noqa: F811
    cli("next", "Jane Doe", "send me her intro", "--theirs")
    page = web.get(f"/people/{jane.pk}/").content.decode()
    assert f'action="/steps/{promise.pk}/renegotiate"' in page
    assert f'action="/steps/{promise.pk}/release"' in page and f'action="/steps/{promise.pk}/broken"' in page
    theirs = NextStep.objects.get(text="send me her intro")
    assert f"/steps/{theirs.pk}/release" not in page  # they owe it: not mine to release


def test_an_agreed_new_date_is_kept_with_the_old_one_in_history(web, jane, promise):  # noqa: F811
    done = web.post(
        f"/steps/{promise.pk}/renegotiate", {"due": "2026-12-18", "next": f"/people/{jane.pk}/"}, follow=True
    )
    assert any("New date agreed for “send the deck”: Fri 18 Dec" in m for m in _messages(done))
    promise.refresh_from_db()
    assert str(promise.due_on) == "2026-12-18" and promise.status == "open"
    assert StepChange.objects.filter(step=promise, field="due_on", old="2026-11-30").exists()


@pytest.mark.parametrize(
    "typed,words", [("", "give the agreed new date"), ("2020-01-01", "in the past"), ("soonish", "")]
)
def test_a_date_that_cannot_be_agreed_is_said_and_changes_nothing(web, promise, typed, words):  # noqa: F811
    done = web.post(f"/steps/{promise.pk}/renegotiate", {"due": typed}, follow=True)
    errors = [str(m) for m in done.context["messages"] if "error" in m.tags]
    assert len(errors) == 1 and words in errors[0] and "\n" not in errors[0]
    promise.refresh_from_db()
    assert str(promise.due_on) == "2026-11-30"


def test_released_and_broken_close_the_promise_as_the_api_does(web, api, cli, jane, promise):  # noqa: F811
    released = web.post(f"/steps/{promise.pk}/release", follow=True)
    assert any("does not count against your keeping record" in m for m in _messages(released))
    promise.refresh_from_db()
    assert promise.status == "released"
    cli("next", "Jane Doe", "call her back", "--due", "2026-11-25")
    other = NextStep.objects.get(text="call her back")
    web.post(f"/steps/{other.pk}/broken")
    by_api = api("post", f"/steps/{promise.pk}/reopen").json()  # the API reopens what the page released
    assert by_api["status"] == "open"
    other.refresh_from_db()
    assert other.status == "broken"


def test_a_stranger_gets_404_and_every_action_needs_a_post(promise, django_user_model, web):  # noqa: F811
    stranger = Client()
    stranger.force_login(django_user_model.objects.create_user("stranger", password="x" * 12))
    for action in ("renegotiate", "release", "broken"):
        assert stranger.post(f"/steps/{promise.pk}/{action}", {"due": "2026-12-18"}).status_code == 404
        assert web.get(f"/steps/{promise.pk}/{action}").status_code == 405
    promise.refresh_from_db()
    assert promise.status == "open" and str(promise.due_on) == "2026-11-30"

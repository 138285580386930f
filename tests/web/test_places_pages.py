"""Places and Trip in the browser: where people are, the places that need a decision (each
settled as `goodwill places confirm` settles it), and a trip's visits with the meetings chosen
added as next steps, as `goodwill trip --plan` adds them. Owner, teammate, outsider, anonymous."""

from __future__ import annotations

import pytest
from django.test import Client

from goodwill.models import NextStep, Person

pytestmark = pytest.mark.django_db

TRIP = {"place": "Chicago", "start": "2026-12-01", "end": "2026-12-03", "within": "50mi"}


@pytest.fixture
def placed(alice, now):
    from goodwill.services.people import PersonFields, add_person

    return {
        "bo": add_person(alice, PersonFields(name="Bo Evanston", location="Evanston, IL")),
        "cy": add_person(alice, PersonFields(name="Cy Oak Park", location="Oak Park, IL")),
        "pat": add_person(alice, PersonFields(name="Pat Portland", location="Portland")),
        "nox": add_person(alice, PersonFields(name="Nox Nowhere", location="Xyzzyville")),
        "dee": add_person(alice, PersonFields(name="Dee Placeless")),
    }


def _text(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_places_page_counts_where_people_are_and_links_the_unplaced(as_alice, placed):
    page = as_alice.get("/places/")
    body = _text(page)
    assert page.status_code == 200
    assert "Chicago, Illinois" in body and "Portland, Oregon" in body and "Illinois, United States" in body
    assert 'href="/places/unplaced/">2 people have no place yet' in body
    assert 'aria-current="page" data-key="n">Near' in body  # under Near in the header
    unplaced = _text(as_alice.get("/places/unplaced/"))
    assert "Dee Placeless" in unplaced and "Nox Nowhere" in unplaced and "Bo Evanston" not in unplaced
    everyone = _text(as_alice.get("/places/people/"))
    assert "Evanston, Illinois, United States" in everyone and "Dee Placeless" not in everyone


def test_places_that_need_a_decision_offer_their_other_readings(as_alice, placed):
    body = _text(as_alice.get("/places/"))
    assert "Places that need a decision (2)" in body
    assert 'value="Portland, Maine, United States"' in body  # an ambiguous place's other reading
    assert f'action="/places/{placed["nox"].pk}/confirm"' in body and "not known" in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_confirm_keeps_the_chosen_place_or_settles_another(as_alice, placed):
    pat, nox = placed["pat"], placed["nox"]
    kept = as_alice.post(f"/places/{pat.pk}/confirm", {"reading": ""}, follow=True)
    assert kept.redirect_chain[-1] == ("/places/", 303)
    assert _messages(kept) == ["Pat Portland: Portland, Oregon, United States (confirmed)."]
    picked = as_alice.post(f"/places/{pat.pk}/confirm", {"reading": "Portland, Maine, United States"}, follow=True)
    assert _messages(picked) == ["Pat Portland: Portland, Maine, United States (confirmed)."]
    typed = as_alice.post(f"/places/{nox.pk}/confirm", {"reading": "", "other": "Boise, ID"})
    assert typed.status_code == 303
    nox.refresh_from_db()
    assert nox.geo_status == "confirmed" and nox.place_label.startswith("Boise, Idaho")
    assert "Nothing needs a decision" in _text(as_alice.get("/places/"))


def test_a_place_nobody_knows_is_a_one_line_error_and_changes_nothing(as_alice, placed):
    nox = placed["nox"]
    response = as_alice.post(f"/places/{nox.pk}/confirm", {"other": "Qwertyburg"}, follow=True)
    assert _messages(response) == [
        'Nox Nowhere: cannot place "Qwertyburg"; add a region or country, e.g. "Portland, OR"'
    ]
    assert Person.objects.get(pk=nox.pk).geo_status == "unresolved"
    empty = as_alice.post(f"/places/{nox.pk}/confirm", {}, follow=True)
    assert "has no place to confirm" in _messages(empty)[0]


def test_the_trip_page_lists_whom_to_see_with_why_and_what_it_understood(as_alice, placed):
    page = as_alice.get("/trip/", TRIP)
    body = _text(page)
    assert page.status_code == 200
    assert "Bo Evanston" in body and "Cy Oak Park" in body and "Pat Portland" not in body
    assert "never contacted" in body and "Tue 1 Dec – Thu 3 Dec" in body
    assert 'Understood "Chicago" as <strong>Chicago, Illinois, United States</strong>' in body
    assert f'name="person" value="{placed["bo"].pk}"' in body
    portland = _text(as_alice.get("/trip/", {**TRIP, "place": "Portland"}))
    assert "it could also be" in portland and "/trip/?place=Portland%2C%20Maine" in portland


def test_a_trip_with_more_people_than_it_lists_counts_them_and_plans_any(as_alice, placed, monkeypatch):
    monkeypatch.setattr("goodwill.queries.trips.VISITS_LISTED", 1)
    body = _text(as_alice.get("/trip/", TRIP))
    assert ": 2 to see</h2>" in body and "The 1 most worth seeing are listed" in body
    assert "all 2 are on Near" in body and "/near/?place=Chicago" in body
    listed = [p for p in ("bo", "cy") if f'name="person" value="{placed[p].pk}"' in body]
    assert len(listed) == 1
    other = placed["cy" if listed == ["bo"] else "bo"]
    done = as_alice.post("/trip/plan", {**TRIP, "person": [other.pk]}, follow=True)
    assert any(f"meet {other.name} in Chicago" in m for m in _messages(done))


def test_the_trip_page_starts_empty_and_says_what_it_does(as_alice, placed):
    body = _text(as_alice.get("/trip/"))
    assert "Type where you are going" in body and 'role="alert"' not in body
    nobody = _text(as_alice.get("/trip/", {"place": "Tokyo", "start": "2026-12-01"}))
    assert "Nobody you know within 50mi of Tokyo" in nobody


@pytest.mark.parametrize(
    "change,field,message",
    [
        ({"place": "Xyzzyville"}, "place", 'cannot place "Xyzzyville"'),
        ({"start": "someday maybe"}, "start", 'cannot read "someday maybe"'),
        ({"start": ""}, "start", "give the first day there"),
        ({"end": "2026-11-30"}, "end", "the trip ends (2026-11-30) before it starts (2026-12-01)"),
        ({"within": "far"}, "within", "not a distance"),
    ],
)
def test_bad_trip_input_is_a_clear_error_at_its_box(as_alice, placed, change, field, message):
    response = as_alice.get("/trip/", {**TRIP, **change})
    body = _text(response)
    assert response.status_code == 400 and message in body.replace("&quot;", '"')
    assert body.count('role="alert"') == 1
    assert f'name="{field}" value="{change[field]}"' in body
    box = body.split(f'name="{field}"', 1)[1].split(">", 1)[0]
    assert 'aria-invalid="true"' in box


def test_ticked_meetings_become_next_steps_with_a_message(as_alice, placed):
    bo, cy = placed["bo"], placed["cy"]
    response = as_alice.post("/trip/plan", {**TRIP, "person": [str(bo.pk), str(cy.pk)]})
    assert response.status_code == 303
    assert response["Location"] == "/trip/?place=Chicago&start=2026-12-01&end=2026-12-03&within=50mi"
    page = as_alice.get(response["Location"])
    assert _messages(page) == [
        "Added 2 next steps, due Tue 01 Dec: meet Bo Evanston in Chicago; meet Cy Oak Park in Chicago."
    ]
    step = NextStep.objects.get(person=bo)
    assert step.text == "meet Bo Evanston in Chicago" and str(step.due_on) == "2026-12-01"


def test_planning_nobody_or_someone_far_away_adds_nothing(as_alice, placed):
    nobody = as_alice.post("/trip/plan", TRIP, follow=True)
    assert _messages(nobody) == ["nobody to meet; choose people from the trip's list"]
    far = as_alice.post("/trip/plan", {**TRIP, "person": [str(placed["pat"].pk)]}, follow=True)
    assert _messages(far) == ["Pat Portland is not near Chicago, Illinois, United States"]
    assert not NextStep.objects.exists()


def test_the_near_page_links_places_and_trip_and_says_what_it_understood(as_alice, placed):
    body = _text(as_alice.get("/near/", {"place": "Portland", "within": "30mi"}))
    assert 'href="/places/"' in body and 'href="/trip/?place=Portland"' in body
    assert 'Understood "Portland" as <strong>Portland, Oregon, United States</strong>' in body
    assert "/near/?place=Portland%2C%20Maine%2C%20United%20States&amp;within=30mi" in body


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_a_teammate_or_outsider_sees_none_of_alices_places_and_settles_none(placed, as_user, who, request):
    other = as_user(request.getfixturevalue(who))
    for url in (
        "/places/",
        "/places/people/",
        "/places/unplaced/",
        "/trip/?" + "&".join(f"{k}={v}" for k, v in TRIP.items()),
    ):
        response = other.get(url)
        assert response.status_code == 200, url
        body = _text(response)
        assert not any(p.name in body for p in placed.values()), url
    pat = placed["pat"]
    assert other.post(f"/places/{pat.pk}/confirm", {"other": "Portland, ME"}).status_code == 404
    assert other.post("/trip/plan", {**TRIP, "person": [str(placed["bo"].pk)]}).status_code == 404
    assert Person.objects.get(pk=pat.pk).geo_status == "ambiguous" and not NextStep.objects.exists()


def test_anonymous_is_sent_to_login_and_changes_nothing(placed, anonymous):
    for url in ("/places/", "/places/people/", "/places/unplaced/", "/trip/"):
        assert anonymous.get(url)["Location"].startswith("/login/?next="), url
    pat = placed["pat"]
    for url, data in ((f"/places/{pat.pk}/confirm", {}), ("/trip/plan", {**TRIP, "person": [str(placed["bo"].pk)]})):
        response = anonymous.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    assert Person.objects.get(pk=pat.pk).geo_status == "ambiguous" and not NextStep.objects.exists()


def test_actions_need_post_and_a_csrf_token(alice, placed, as_alice):
    pat = placed["pat"]
    assert as_alice.get(f"/places/{pat.pk}/confirm").status_code == 405
    assert as_alice.get("/trip/plan").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    assert strict.post(f"/places/{pat.pk}/confirm", {}).status_code == 403
    assert strict.post("/trip/plan", {**TRIP, "person": [str(placed["bo"].pk)]}).status_code == 403
    assert Person.objects.get(pk=pat.pk).geo_status == "ambiguous" and not NextStep.objects.exists()


def test_user_text_is_escaped(as_alice, alice, placed):
    from goodwill.services.people import PersonFields, add_person

    add_person(alice, PersonFields(name="<script>x</script>", location="<b>Springfield</b>"))
    body = _text(as_alice.get("/places/"))
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body


def test_a_persons_page_points_an_unsettled_place_to_its_decision(as_alice, placed):
    pat = _text(as_alice.get(f"/people/{placed['pat'].pk}/"))
    assert f'href="/places/#place-{placed["pat"].pk}">ambiguous: confirm it</a>' in pat
    bo = _text(as_alice.get(f"/people/{placed['bo'].pk}/"))
    assert "confirm it" not in bo


@pytest.mark.parametrize("page", ["1", "abc", "-3", "9" * 40])
def test_any_page_number_is_a_page(as_alice, placed, page):
    for url in ("/places/", "/places/people/", "/places/unplaced/"):
        assert as_alice.get(url, {"page": page}).status_code == 200, (url, page)

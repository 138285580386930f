import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.errors import InvalidInput
from goodwill.habits.geo import haversine_km
from goodwill.models import Person
from goodwill.queries.near import near, where
from goodwill.queries.trips import trip_plan
from goodwill.services.people import PersonFields, add_person, edit_person
from goodwill.services.places import confirm_place, home_point, resolve_point, set_home
from goodwill.services.trips import plan_meetings


def person(owner, name, location, **kw):
    return add_person(owner, PersonFields(name=name, location=location, **kw))


def test_saving_a_location_geocodes_it(alice, now):
    ann = person(alice, "Ann", "Austin, TX")
    assert ann.geo_status == "resolved" and ann.geo_precision == "city"
    assert haversine_km(ann.latitude, ann.longitude, 30.2672, -97.7431) < 25
    assert ann.timezone == "America/Chicago" and ann.country == "US" and ann.region == "Texas"
    edit_person(alice, ann, PersonFields(location="78701"))
    assert ann.geo_precision == "postal_code"


def test_ambiguous_and_unknown_places_are_flagged(alice, now):
    pat = person(alice, "Pat", "Portland")
    zed = person(alice, "Zed", "Xyzzyville")
    assert pat.geo_status == "ambiguous" and pat.place_label.startswith("Portland, Oregon")
    assert zed.geo_status == "unresolved" and zed.latitude is None
    confirm_place(alice, pat, "Portland, ME")
    pat.refresh_from_db()
    assert pat.geo_status == "confirmed" and pat.region == "Maine"
    with pytest.raises(InvalidInput):
        confirm_place(alice, zed)


def test_essays_question_who_is_within_100_miles_of_home(alice, bob, charlie, now):
    set_home(alice, "Boise, ID")
    person(alice, "Ann", "Meridian, ID")
    person(alice, "Bo", "Nampa, Idaho")
    person(alice, "Cy", "Salt Lake City, UT")  # ~290 miles
    person(alice, "Di", "Cambridge, UK")
    lat, lon, _ = home_point(alice)
    found = near(alice, lat, lon, 160.934)
    assert [n.person.name for n in found] == ["Ann", "Bo"]
    assert found[0].distance_km < found[1].distance_km
    for other in (bob, charlie):
        assert near(other, lat, lon, 160.934) == []
    with pytest.raises(InvalidInput):
        home_point(bob)


def test_near_filters_by_circle_and_due(alice, now, set_now):
    person(alice, "Ann", "Chicago", circle="inner")
    person(alice, "Bo", "Evanston, IL", circle="outer")
    lat, lon, _ = resolve_point(alice, "Chicago, IL")
    assert [n.person.name for n in near(alice, lat, lon, 50, circle="inner")] == ["Ann"]
    assert near(alice, lat, lon, 50, due_on=date(2026, 11, 23)) == []
    assert [n.person.name for n in near(alice, lat, lon, 50, due_on=date(2026, 12, 20))] == ["Ann"]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), radius=st.floats(1, 3000))
def test_radius_search_equals_brute_force(django_db_blocker, seed, radius):
    """Bounding box on the index then haversine finds exactly what a full scan finds."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            owner = get_user_model().objects.create_user(username=f"geo{seed}-{random.random()}")
            rng = random.Random(seed)
            rows = [
                Person(
                    owner=owner,
                    name=f"p{i}",
                    latitude=rng.uniform(-89, 89),
                    longitude=rng.uniform(-180, 180),
                    created_at="2026-01-01T00:00:00Z",
                    updated_at="2026-01-01T00:00:00Z",
                )
                for i in range(300)
            ]
            Person.objects.bulk_create(rows)
            lat, lon = rng.uniform(-85, 85), rng.uniform(-180, 180)
            expected = sorted(p.name for p in rows if haversine_km(lat, lon, p.latitude, p.longitude) <= radius)
            assert sorted(n.person.name for n in near(owner, lat, lon, radius)) == expected
            transaction.set_rollback(True)


def test_where_counts_by_metro_region_country(alice, now):
    person(alice, "Ann", "Cambridge, MA")
    person(alice, "Bo", "Somerville, MA")
    person(alice, "Cy", "Brooklyn, NY")
    person(alice, "Di", "Lyon, France")
    person(alice, "Ed", "")
    counts = where(alice)
    assert counts.metros[0] == ("Boston, Massachusetts", 2)
    assert ("Massachusetts, United States", 2) in counts.regions
    assert dict(counts.countries) == {"United States": 3, "France": 1}
    assert counts.unplaced == 1


def test_trip_lists_overdue_first_and_plans_meetings(alice, now, set_now):
    person(alice, "Ann", "Chicago", circle="outer")
    person(alice, "Bo", "Evanston, IL", circle="inner")
    person(alice, "Cy", "Austin, TX", circle="inner")
    plan = trip_plan(alice, "Chicago", date(2027, 1, 10), date(2027, 1, 12), 80)
    assert [v.name for v in plan.visits] == ["Bo", "Ann"]
    assert plan.visits[0].status == "overdue"
    [step] = plan_meetings(alice, plan, ["Bo"])
    assert step.text == "meet Bo in Chicago" and step.due_on == date(2027, 1, 10)
    with pytest.raises(InvalidInput):
        plan_meetings(alice, plan, ["Cy"])


def test_home_must_resolve(alice, now):
    with pytest.raises(InvalidInput):
        set_home(alice, "Xyzzyville")

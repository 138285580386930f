"""Birthdays and important dates on Today's "this week" (issue 12)."""

from __future__ import annotations

from datetime import date

from goodwill.models import ImportantDate, Person
from goodwill.queries.today import agenda
from goodwill.queries.yearly_dates import dates_coming
from goodwill.services.people import PersonFields, add_person


def _person(owner, name, birthday=""):
    return add_person(owner, PersonFields(name=name, birthday=birthday or None))


def test_birthdays_and_dates_this_week_soonest_first(alice, bob, now):
    # Monday 23 Nov 2026: the week runs to Sunday 29 Nov.
    jane = _person(alice, "Jane Doe", "1985-11-27")
    _person(alice, "Sam Lee", "--11-23")
    _person(alice, "Later Larry", "--11-30")
    _person(alice, "Past Pat", "--11-22")
    ImportantDate.objects.create(owner=alice, person=jane, label="wedding anniversary", month=11, day=25, year=2015)
    ImportantDate.objects.create(owner=alice, person=jane, label="name day", month=11, day=29)
    _person(bob, "Bob's Friend", "--11-24")
    rows = agenda(alice).dates_this_week
    assert [(r.person_name, r.what, r.when, r.days_away) for r in rows] == [
        ("Sam Lee", "birthday", "Mon 23 November", 0),
        ("Jane Doe", "wedding anniversary, 11 years", "Wed 25 November", 2),
        ("Jane Doe", "birthday, turns 41", "Fri 27 November", 4),
        ("Jane Doe", "name day", "Sun 29 November", 6),
    ]
    assert all("--" not in r.when and "--" not in r.date_label for r in rows)


def test_year_end_wrap(alice):
    _person(alice, "Jan Second", "--01-02")
    rows, _ = dates_coming(alice, date(2026, 12, 30))
    assert [(r.person_name, r.on) for r in rows] == [("Jan Second", date(2027, 1, 2))]


def test_29_february_on_the_28th_in_other_years(alice):
    _person(alice, "Leap Lena", "2000-02-29")
    rows, _ = dates_coming(alice, date(2027, 2, 25))
    assert [(r.on, r.when, r.date_label, r.years) for r in rows] == [
        (date(2027, 2, 28), "Sun 28 February", "29 February", 27)
    ]
    assert [r.on for r in dates_coming(alice, date(2028, 2, 25))[0]] == [date(2028, 2, 29)]


def test_archived_people_and_damaged_birthdays_are_left_out(alice, now):
    gone = _person(alice, "Gone Gina", "--11-24")
    Person.objects.filter(pk=gone.pk).update(archived_at=now)
    odd = _person(alice, "Odd Otto")
    Person.objects.filter(pk=odd.pk).update(birthday="xx-11-24")
    assert dates_coming(alice, date(2026, 11, 23)) == ([], 0)


def test_this_week_in_the_cli(cli, me):
    _person(me, "Jane Doe", "1985-11-27")
    out = cli("today").output
    assert "This week" in out and "Fri 27 November" in out and "birthday, turns 41" in out
    assert "--11-27" not in out and "1985-11-27" not in out


def test_today_shows_the_ten_soonest_and_the_total(alice, now):
    for number in range(12):
        _person(alice, f"Person {number:02d}", f"--11-{24 + number % 5}")
    _person(alice, "Same Day Sam", "1985-11-23")
    ImportantDate.objects.create(
        owner=alice, person=Person.objects.get(name="Same Day Sam"), label="birthday", month=11, day=23
    )  # entered twice, with and without a year: both kept, no crash
    result = agenda(alice)
    assert result.dates_this_week_total == 14
    assert len(result.dates_this_week) == 10
    assert [r.person_name for r in result.dates_this_week[:2]] == ["Same Day Sam", "Same Day Sam"]
    assert [r.on for r in result.dates_this_week] == sorted(r.on for r in result.dates_this_week)

"""Keeps each person's rhythm cache (Person.rhythm_days, rhythm_max_days, due_day,
last_touch_at) true. The one place that writes those fields."""

from __future__ import annotations

from django.db.models import F, Max

from goodwill.clock import day_number, local_zone
from goodwill.habits.cadence import Rhythm
from goodwill.models import Circle, Interaction, Person
from goodwill.models.choices import TOUCH_KINDS

NO_CIRCLE = Rhythm.from_cadence(90)


def effective_rhythm(person: Person) -> Rhythm:
    """A personal cadence wins over the circle's; no circle means the network default."""
    if person.cadence_days:
        return Rhythm.from_cadence(person.cadence_days)
    if person.circle_id:
        circle = person.circle
        assert circle is not None  # circle_id is set, and a foreign key never points at nothing
        return Rhythm(ideal_days=circle.ideal_days, max_days=circle.max_days)
    return NO_CIRCLE


def anchor_date(person: Person):
    """The day the rhythm counts from: the last two-way touch, else when added."""
    moment = person.last_touch_at or person.created_at
    return moment.astimezone(local_zone()).date()


def refresh(person: Person, *, save: bool = True) -> Person:
    rhythm = effective_rhythm(person)
    person.rhythm_days = rhythm.ideal_days
    person.rhythm_max_days = rhythm.max_days
    person.due_day = day_number(anchor_date(person)) + rhythm.ideal_days
    if save:
        person.save(update_fields=["rhythm_days", "rhythm_max_days", "due_day", "last_touch_at"])
    return person


def recount_last_touch(person: Person, *, save: bool = True) -> Person:
    """Recompute the last touch from the interactions themselves (after an edit or delete)."""
    last = Interaction.objects.filter(owner_id=person.owner_id, participants=person, kind__in=TOUCH_KINDS).aggregate(
        last=Max("occurred_at")
    )["last"]
    person.last_touch_at = last
    return refresh(person, save=save)


def note_touch(person: Person, when) -> None:
    """A new touch moves the rhythm forward; an older back-filled one does not."""
    if person.last_touch_at is None or when > person.last_touch_at:
        person.last_touch_at = when
        refresh(person)


def apply_circle_change(circle: Circle) -> int:
    """A circle's cadence changed: move everyone on it (without a personal cadence) in one UPDATE.

    The anchor day is due_day - rhythm_days, so swapping the cadence keeps it."""
    people = Person.objects.filter(owner_id=circle.owner_id, circle=circle, cadence_days__isnull=True)
    return people.update(
        due_day=F("due_day") - F("rhythm_days") + circle.ideal_days,
        rhythm_days=circle.ideal_days,
        rhythm_max_days=circle.max_days,
    )

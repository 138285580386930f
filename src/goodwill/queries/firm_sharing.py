"""What colleagues see of my contacts, as I chose it (the read side of services.firm_sharing):
my default, each circle's level (or "as my default"), the people I chose one for, and
whether partners see my momentum. Settings, the CLI and the API all show this one answer."""

from __future__ import annotations

from dataclasses import dataclass

from goodwill.errors import NotFound
from goodwill.models import DEFAULT_SHARE_LEVEL, Circle, Person, ShareLevel, SharingRule
from goodwill.models.base import Owner

# What each level shows colleagues, in plain words (each adds to the one before).
LEVEL_WORDS: dict[str, str] = {
    ShareLevel.NOTHING: "nothing: colleagues never learn that I know them",
    ShareLevel.KNOWS: "that I know them and how well (the strength score)",
    ShareLevel.LAST_MET: "that, and when we last met",
    ShareLevel.SUMMARIES: "that, and the summaries of our encounters",
}
NEVER_SHARED = "Confidential notes and encounters are never shared, at any level, not even with admins."


@dataclass(frozen=True)
class CircleSharing:
    id: int
    name: str
    level: str | None  # None: as my default
    shown: str  # what colleagues see of its people (the circle's level, else my default)


@dataclass(frozen=True)
class PersonSharing:
    id: int
    name: str
    level: str


@dataclass(frozen=True)
class Sharing:
    default: str
    circles: list[CircleSharing]
    people: list[PersonSharing]  # the exceptions: a level chosen for one person
    share_momentum: bool


def sharing_of(owner: Owner) -> Sharing:
    from goodwill.queries.firm_access import member_of

    default = str(DEFAULT_SHARE_LEVEL)
    by_circle: dict[int, str] = {}
    by_person: dict[int, str] = {}
    for person_id, circle_id, level in SharingRule.objects.filter(owner=owner).values_list(
        "person_id", "circle_id", "level"
    ):
        if person_id is not None:
            by_person[person_id] = level
        elif circle_id is not None:
            by_circle[circle_id] = level
        else:
            default = level
    circles = [
        CircleSharing(id=c.pk, name=c.name, level=by_circle.get(c.pk), shown=by_circle.get(c.pk, default))
        for c in Circle.objects.filter(owner=owner)
    ]
    names = dict(Person.objects.filter(owner=owner, pk__in=list(by_person)).values_list("pk", "name"))
    people = sorted(
        (PersonSharing(id=pid, name=names[pid], level=level) for pid, level in by_person.items() if pid in names),
        key=lambda p: (p.name.casefold(), p.id),
    )
    return Sharing(default=default, circles=circles, people=people, share_momentum=member_of(owner).share_momentum)


@dataclass(frozen=True)
class PersonLevel:
    """One person as colleagues see them: the level chosen for them (None: as their circle) and the level in force."""

    id: int
    name: str
    level: str | None
    shown: str
    circle: str  # the circle's name, "" when they have none


def person_sharing(owner: Owner, person: Person) -> PersonLevel:
    from goodwill.queries.firm_access import level_of_one

    person.check_owner(owner)
    rule, shown = level_of_one(owner.pk, person.pk, person.circle_id)
    circle = person.circle.name if person.circle is not None else ""
    return PersonLevel(id=person.pk, name=person.name, level=rule, shown=str(shown), circle=circle)


def circle_named(owner: Owner, name: str) -> Circle:
    text = (name or "").strip()
    # A name longer than any circle's can't be one (and SQLite refuses a LIKE pattern that long).
    too_long = len(text) > (Circle._meta.get_field("name").max_length or len(text))
    found = None if too_long else Circle.objects.filter(owner=owner, name__iexact=text).first()
    if found is None:
        known = ", ".join(Circle.objects.filter(owner=owner).values_list("name", flat=True)) or "none"
        raise NotFound(f'no circle named "{name}"; your circles are: {known}', thing="circle")
    return found

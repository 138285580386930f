"""What colleagues see of my contacts: my default level, a level per circle and per person
(person > circle > default, as queries.firm_access.share_levels resolves it), and whether
the firm's partners see my momentum. Each professional chooses for their own network only."""

from __future__ import annotations

from goodwill.errors import InvalidInput
from goodwill.models import Circle, Member, Person, ShareLevel, SharingRule
from goodwill.models.base import Owner

LEVEL_NAMES = ", ".join(level.value for level in ShareLevel)


def parse_level(text: str) -> ShareLevel:
    """A level by name ("last-met" and "last met" too); one line listing the levels otherwise."""
    typed = (text or "").strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return ShareLevel(typed)
    except ValueError:
        raise InvalidInput(f'"{text}" is not a sharing level; use one of: {LEVEL_NAMES}') from None


def set_default(owner: Owner, level: str) -> ShareLevel:
    chosen = parse_level(level)
    SharingRule.objects.update_or_create(owner=owner, circle=None, person=None, defaults={"level": chosen})
    return chosen


def set_circle(owner: Owner, circle: Circle, level: str | None) -> ShareLevel | None:
    """The circle's level, or None to follow my default."""
    circle.check_owner(owner)
    if level is None:
        SharingRule.objects.filter(owner=owner, circle=circle).delete()
        return None
    chosen = parse_level(level)
    SharingRule.objects.update_or_create(owner=owner, circle=circle, defaults={"level": chosen})
    return chosen


def set_person(owner: Owner, person: Person, level: str | None) -> ShareLevel | None:
    """The person's level, or None to follow their circle (or my default)."""
    person.check_owner(owner)
    if level is None:
        SharingRule.objects.filter(owner=owner, person=person).delete()
        return None
    chosen = parse_level(level)
    SharingRule.objects.update_or_create(owner=owner, person=person, defaults={"level": chosen})
    return chosen


def set_share_momentum(owner: Owner, on: bool) -> Member:
    from goodwill.services.firm_members import ensure_member

    member = ensure_member(owner)
    if member.share_momentum != bool(on):
        member.share_momentum = bool(on)
        member.save(update_fields=["share_momentum"])
    return member

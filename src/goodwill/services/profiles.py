"""Profiles: what people are interested in, need now, and offer; and their industry,
role and place. Suggestions from notes are only ever suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.habits.profile_hints import hints
from goodwill.models import Confidentiality, Interaction, Note, Person, ProfileEntry
from goodwill.queries.compiled_records import CompiledRecords

KINDS = ("interest", "need", "offer")
KIND_ALIASES = {
    "interests": "interest",
    "topic": "interest",
    "topics": "interest",
    "needs": "need",
    "offers": "offer",
    "expertise": "offer",
    "can-help": "offer",
}


def clean_kind(kind: str) -> str:
    value = (kind or "").strip().lower()
    value = KIND_ALIASES.get(value, value)
    if value not in KINDS:
        raise InvalidInput(f'"{kind}" is not a kind of profile entry; use interest, need or offer')
    return value


def _clean_text(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput('a profile entry needs words, e.g. "clients in healthcare" or "fintech regulation"')
    if len(cleaned) > 300:
        raise InvalidInput("a profile entry is at most 300 characters; keep the detail in a note")
    return cleaned


def _clean_level(level: str) -> str:
    if level not in Confidentiality.values:
        raise InvalidInput(f'"{level}" is not a confidentiality level; use one of: {", ".join(Confidentiality.values)}')
    return level


@transaction.atomic
def add_entry(
    owner,
    person: Person,
    kind: str,
    text: str,
    *,
    since: date | None = None,
    confidentiality: str = Confidentiality.PRIVATE,
) -> ProfileEntry:
    """Add an interest, need or offer. A need gets a since-when (today unless given)."""
    kind, text, level = clean_kind(kind), _clean_text(text), _clean_level(confidentiality)
    person.check_owner(owner)
    today = clock.today()
    if since and since > today:
        raise InvalidInput(
            f"since {since:%Y-%m-%d} is in the future; say since when they have been looking", code="since-future"
        )
    if kind == "need" and since is None:
        since = today
    duplicate = ProfileEntry.objects.filter(
        owner=owner, person=person, kind=kind, active=True, text__iexact=text
    ).first()
    if duplicate:
        raise InvalidInput(f'{person.name} already has the {kind} "{duplicate.text}" (#{duplicate.pk})')
    return ProfileEntry.objects.create(
        owner=owner, person=person, kind=kind, text=text, since=since, confidentiality=level, created_at=clock.now()
    )


def get_entry(owner, entry_id) -> ProfileEntry:
    text = str(entry_id).strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{entry_id}" is not a profile entry id; their profile lists them')
    return ProfileEntry.objects.select_related("person").get_owned(owner, text)


@transaction.atomic
def close_entry(owner, entry: ProfileEntry) -> ProfileEntry:
    """A need met (or an interest gone): kept as history, out of matching."""
    if not entry.active:
        raise InvalidInput(f"profile entry #{entry.pk} is already closed")
    entry.active, entry.closed_on = False, clock.today()
    entry.save(update_fields=["active", "closed_on"])
    return entry


@transaction.atomic
def remove_entry(owner, entry: ProfileEntry) -> None:
    entry.delete()


@transaction.atomic
def set_details(
    owner, person: Person, *, industry: str | None = None, role: str | None = None, location: str | None = None
) -> Person:
    """Industry, role (title) and location; role and location go through the people service."""
    from goodwill.services.people import PersonFields, edit_person

    if industry is not None:
        cleaned = " ".join(industry.split())
        if len(cleaned) > 120:
            raise InvalidInput("an industry is at most 120 characters")
        person.industry = cleaned
    return edit_person(owner, person, PersonFields(title=role, location=location))


@dataclass
class Suggestion:
    number: int
    kind: str
    text: str
    sentence: str
    source: str  # "note #12" or "interaction #40"
    since: date | None


def suggestions(owner, person: Person) -> list[Suggestion]:
    """Entries the notes suggest and the profile lacks. Confidential notes are never read."""
    have = {(e.kind, e.text.lower()) for e in ProfileEntry.objects.filter(owner=owner, person=person)}
    texts = [
        (n.text, f"note #{n.pk}", n.created_at.date())
        for n in Note.objects.filter(owner=owner, person=person).exclude(confidentiality=Confidentiality.CONFIDENTIAL)
    ]
    texts += [
        (f"{i.summary}\n{i.body}", f"interaction #{i.pk}", i.occurred_at.date())
        for i in Interaction.objects.filter(owner=owner, participants=person)
        .exclude(confidentiality=Confidentiality.CONFIDENTIAL)
        .order_by("-occurred_at")[:50]
    ]
    result: list[Suggestion] = []
    for text, source, when in texts:
        for hint in hints(text):
            key = (hint.kind, hint.text.lower())
            if key in have:
                continue
            have.add(key)
            result.append(
                Suggestion(
                    len(result) + 1, hint.kind, hint.text, hint.sentence, source, when if hint.kind == "need" else None
                )
            )
    return result


@transaction.atomic
def accept_suggestions(
    owner, person: Person, numbers: list[int], *, shown: dict[int, tuple[str, str]] | None = None
) -> list[ProfileEntry]:
    """Add suggestions by number. `shown` is what each number said when it was listed (kind, text):
    numbers follow the notes, so one that has come to mean something else is refused, not added."""
    found = {s.number: s for s in suggestions(owner, person)}
    for number, (kind, text) in (shown or {}).items():
        now = found.get(number)
        if now is None or (now.kind, now.text) != (kind, text):
            raise InvalidInput(
                f'suggestion {number} is no longer the {kind} "{text}": the notes have changed since it was listed',
                code="suggestion-changed",
            )
    missing = [n for n in numbers if n not in found]
    if missing:
        raise InvalidInput(f"no suggestion number {missing[0]}", code="suggestion-number")
    return [add_entry(owner, person, found[n].kind, found[n].text, since=found[n].since) for n in numbers]


def _profile(owner_id: int, person_id: int, include_closed: bool) -> QuerySet[ProfileEntry]:
    rows = ProfileEntry.objects.filter(owner_id=owner_id, person_id=person_id)
    if not include_closed:
        rows = rows.filter(active=True)
    return rows.order_by("kind", "-active", "-since", "id")


_PROFILE = CompiledRecords(ProfileEntry, _profile)  # compiled once: every Person page built reads it


def profile_of(owner, person: Person, *, include_closed: bool = False) -> list[ProfileEntry]:
    return _PROFILE.records(owner_id=owner.pk, person_id=person.pk, include_closed=include_closed)

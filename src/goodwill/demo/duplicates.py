"""A few people entered twice, so `goodwill dupes --demo` has something to find.

Real networks have them: the card from a phone beside the one typed in by hand,
a LinkedIn export beside an email signature. Each copy here is a sparse,
imported-looking record of one of the demo's people, planted with one kind of
evidence each. `plan` is pure and seeded (its own random stream, so the rest of
the network is the same with or without the copies); `add_duplicates` writes
the copies through the same service `goodwill add` uses, so their emails and
phones are normalized exactly as a user's would be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from goodwill.demo.people import PersonSpec
from goodwill.habits.dupes import nickname_map

MIN_PEOPLE = 20  # a smaller demo is too small to hide anyone twice
KINDS = ("email", "phone", "linkedin", "typo", "imported")


@dataclass(frozen=True)
class Copy:
    original: int  # the index of the person copied, in network.people
    kind: str  # which evidence gives it away (KINDS)
    name: str
    organization: str | None = None
    title: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    original_urls: tuple[str, ...] = ()  # added to the original: the profile both point at


def _nicknames() -> dict[str, str]:
    """First name → its most common nickname (robert → bob)."""
    found: dict[str, str] = {}
    for nick, name in nickname_map().items():
        if nick != name:
            found.setdefault(name, nick)
    return found


def _swap(word: str) -> str | None:
    """Two letters swapped in the middle of a family name: the commonest typo."""
    if len(word) < 6 or not word.isalpha():
        return None
    i = len(word) // 2 - 1
    if word[i] == word[i + 1]:
        return None
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _spoken_phone(phone: str) -> str | None:
    """ "+1 303 555 0123" written the way people type it at home: "(303) 555-0123"."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) != 11 or not digits.startswith("1"):
        return None
    return f"({digits[1:4]}) {digits[4:7]}-{digits[7:]}"


def _make(kind: str, index: int, spec: PersonSpec, rng: random.Random, nicknames: dict[str, str]) -> Copy | None:
    first, _, last = spec.name.partition(" ")
    if not last or " " in last or first == last:  # "Chen, Chen" would puzzle rather than teach
        return None
    if kind == "email":  # "Bob Smith" <Robert.Smith@Example.com> beside Robert Smith <robert.smith@example.com>
        nick = nicknames.get(first.lower())
        if not nick or not spec.emails:
            return None
        local, _, domain = spec.emails[0].partition("@")
        shouted = ".".join(part.capitalize() for part in local.split(".")) + "@" + domain.capitalize()
        return Copy(index, kind, f"{nick.capitalize()} {last}", emails=(shouted,))
    if kind == "phone":  # "Dr. Jane Doe" from a phone's address book, the number without +1
        phone = _spoken_phone(spec.phones[0]) if spec.phones else None
        if not phone:
            return None
        return Copy(index, kind, f"Dr. {spec.name}", phones=(phone,))
    if kind == "linkedin":  # a LinkedIn export: name, company, position and the profile URL
        if not spec.organization:
            return None
        slug = f"{first}-{last}-{rng.randrange(16**4):04x}".lower()
        return Copy(
            index,
            kind,
            spec.name,
            organization=spec.organization,
            title=spec.title,
            urls=(f"linkedin.com/in/{slug}/",),
            original_urls=(f"https://www.linkedin.com/in/{slug}",),
        )
    if kind == "typo":  # typed in a hurry after a meeting: two letters swapped, same employer
        typo = _swap(last)
        if not typo or not spec.organization:
            return None
        return Copy(index, kind, f"{first} {typo}", organization=spec.organization)
    if kind == "imported":  # a CSV export's "Last, First" with the company and nothing else
        if not spec.organization:
            return None
        return Copy(index, kind, f"{last}, {first}", organization=spec.organization)
    raise ValueError(kind)


def plan(people: list[PersonSpec], seed: int) -> list[Copy]:
    """One copy per kind of evidence, each of a different person; none when the network is tiny."""
    if len(people) < MIN_PEOPLE:
        return []
    rng = random.Random(f"duplicates-{seed}")
    nicknames = _nicknames()
    # A copy must look like its original only, never like someone else in the network.
    looks_like: dict[str, set[int]] = {}
    for index, person in enumerate(people):
        first, _, last = person.name.lower().partition(" ")
        for form in (person.name.lower(), f"{nicknames.get(first, first)} {last}"):
            looks_like.setdefault(form, set()).add(index)
    order = list(range(len(people)))
    rng.shuffle(order)
    used: set[int] = set()
    copies = []
    for kind in KINDS:
        for index in order:
            if index in used:
                continue
            copy = _make(kind, index, people[index], rng, nicknames)
            if copy is None or not looks_like.get(copy.name.lower(), set()) <= {index}:
                continue
            copies.append(copy)
            used.add(index)
            break
    return copies


def add_duplicates(owner, pks: list[int], copies: list[Copy]) -> int:
    """Write the copies (and the originals' LinkedIn URLs); returns how many people were added."""
    from django.db import transaction

    from goodwill.models import ContactPoint
    from goodwill.services.contact_points import normalize_url
    from goodwill.services.people import PersonFields, add_person

    with transaction.atomic():
        for copy in copies:
            for url in copy.original_urls:
                ContactPoint.objects.create(
                    owner=owner,
                    person_id=pks[copy.original],
                    kind=ContactPoint.URL,
                    value=url,
                    normalized=normalize_url(url),
                    label="LinkedIn",
                )
            add_person(
                owner,
                PersonFields(
                    name=copy.name,
                    organization=copy.organization,
                    title=copy.title,
                    emails=list(copy.emails),
                    phones=list(copy.phones),
                    urls=list(copy.urls),
                    circle="outer",
                ),
            )
    return len(copies)

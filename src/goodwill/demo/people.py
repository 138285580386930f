"""The people of a demo network: who they are, which circle, and where they stand on it."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from goodwill.demo import vocabulary as words
from goodwill.habits.cadence import DEFAULT_CIRCLES, Rhythm

# Roughly 15 / 45 / 150 / 90 in a network of 300.
CIRCLE_SHARES = (("inner", 0.05), ("close", 0.15), ("network", 0.50), ("outer", 0.30))
PERSONAL_CADENCES = (21, 45, 60, 120, 180)
MAX_KNOWN_DAYS = 760  # a little over the two years of history


@dataclass(slots=True)
class PersonSpec:
    name: str
    first: str
    pronoun: str  # "she" or "he", for notes written about them
    archetype: str
    organization: str | None
    title: str
    circle: str
    cadence: int  # the ideal gap this person is planned on
    cadence_days: int | None  # a personal cadence, when they have one
    created_at: datetime
    known_days: int  # how long ago they entered the network
    last_touch_days: int | None  # the planned gap since the last touch; None: never touched
    how_met: str = ""
    introduced_by: int | None = None
    tags: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    birthday: str = ""
    snoozed_until: date | None = None
    location: str = ""  # a city, geocoded offline when the network is loaded
    last_touch_at: datetime | None = None  # the real one, set from the generated interactions

    def grammar(self, rng: random.Random) -> dict[str, str]:
        return {
            "subj": self.pronoun,
            "poss": "her" if self.pronoun == "she" else "his",
            "first": self.first,
            "org": self.organization or rng.choice(words.ORGANIZATIONS["company"]),
        }


def circle_plan(count: int, rng: random.Random) -> list[str]:
    plan = []
    for name, share in CIRCLE_SHARES[:-1]:
        plan += [name] * round(count * share)
    plan += [CIRCLE_SHARES[-1][0]] * (count - len(plan))
    rng.shuffle(plan)
    return plan


def unique_names(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """(full name, first name, pronoun); unique while the vocabulary allows it."""
    pool = [(f, "she") for f in words.FEMALE_FIRST] + [(f, "he") for f in words.MALE_FIRST]
    unique = count <= len(pool) * len(words.LAST) // 2
    seen: set[str] = set()
    names: list[tuple[str, str, str]] = []
    while len(names) < count:
        first, pronoun = rng.choice(pool)
        name = f"{first} {rng.choice(words.LAST)}"
        if unique and name in seen:
            continue
        seen.add(name)
        names.append((name, first, pronoun))
    return names


def touch_gap(rng: random.Random, rhythm: Rhythm) -> int:
    """Days since the last touch: most people are fine, some due, a few overdue."""
    roll = rng.random()
    if roll < 0.76:
        gap = rng.uniform(0.05, 0.95) * rhythm.ideal_days
    elif roll < 0.90:
        gap = rng.uniform(rhythm.ideal_days, rhythm.max_days - 0.5)
    else:
        gap = rng.uniform(rhythm.max_days, 2.5 * rhythm.ideal_days)
    return max(1, min(int(gap), MAX_KNOWN_DAYS - 30))


def contact_points(rng: random.Random, person: PersonSpec, taken: set[str], phones: list[str]) -> None:
    first, _, last = person.name.partition(" ")
    local = f"{first}.{last}".lower().replace(" ", "")
    email, n = f"{local}@example.com", 1
    while email in taken:
        n += 1
        email = f"{local}{n}@example.com"
    taken.add(email)
    person.emails.append(email)
    if rng.random() < 0.3:
        person.emails.append(f"{first[0].lower()}{last.lower()}{rng.randint(1, 99)}@example.org")
    if rng.random() < 0.7:
        person.phones.append(
            phones.pop() if phones else f"+1 {rng.choice(words.AREA_CODES)} 555 01{rng.randint(0, 99):02d}"
        )


def fictional_phones(rng: random.Random) -> list[str]:
    """Every 555-0100..0199 number in a few area codes, shuffled: unique until they run out."""
    numbers = [f"+1 {area} 555 01{n:02d}" for area in words.AREA_CODES for n in range(100)]
    rng.shuffle(numbers)
    return numbers


def place_for(rng: random.Random) -> str:
    """Most people have a city: about a third near home, the rest spread out."""
    roll = rng.random()
    if roll < 0.08:
        return ""
    return rng.choice(words.HOME_TOWNS if roll < 0.38 else words.AWAY_TOWNS)


def make_people(rng: random.Random, count: int, now: datetime) -> list[PersonSpec]:
    archetypes, archetype_weights = zip(*words.ARCHETYPE_WEIGHTS.items())
    names = unique_names(rng, count)
    circles = circle_plan(count, rng)
    phones, taken = fictional_phones(rng), set[str]()
    people = []
    for index, ((name, first, pronoun), circle) in enumerate(zip(names, circles)):
        archetype = rng.choices(archetypes, archetype_weights)[0]
        org_kind, titles = words.ARCHETYPES[archetype]
        cadence_days = rng.choice(PERSONAL_CADENCES) if rng.random() < 0.08 else None
        rhythm = Rhythm.from_cadence(cadence_days) if cadence_days else DEFAULT_CIRCLES[circle]
        if rng.random() < 0.02:  # recently added, not contacted yet
            known, gap = rng.randint(1, 40), None
        else:
            gap = touch_gap(rng, rhythm)
            known = rng.randint(min(gap + 30, MAX_KNOWN_DAYS), MAX_KNOWN_DAYS)
        person = PersonSpec(
            name=name,
            first=first,
            pronoun=pronoun,
            archetype=archetype,
            organization=rng.choice(words.ORGANIZATIONS[org_kind]) if org_kind else None,
            title=rng.choice(titles),
            circle=circle,
            cadence=rhythm.ideal_days,
            cadence_days=cadence_days,
            created_at=now - timedelta(days=known, hours=rng.randint(0, 12)),
            known_days=known,
            last_touch_days=gap,
            how_met=rng.choice(words.HOW_MET) if rng.random() < 0.6 else "",
            tags=sorted({*rng.sample(words.ARCHETYPE_TAGS[archetype], 1), *rng.sample(words.TAGS, rng.randint(0, 2))}),
        )
        if index and rng.random() < 0.15:
            person.introduced_by = rng.randrange(index)
        if rng.random() < 0.3:
            person.birthday = f"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.01:
            person.snoozed_until = now.date() + timedelta(days=rng.randint(5, 60))
        contact_points(rng, person, taken, phones)
        person.location = place_for(rng)
        people.append(person)
    return people

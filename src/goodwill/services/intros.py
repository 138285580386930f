"""Introductions by double opt-in: ask A, then B, then introduce both, then record how it went.

Every step sets the day to follow up on it (shown in `goodwill today`). Drafts
quote only shareable facts: the reason I typed, roles, and shareable profile entries."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import Confidentiality, Introduction, Person, ProfileEntry
from goodwill.services.drafts import signed
from goodwill.services.ledger import add_exchange

ANSWER_DAYS = 3  # nudge when an ask has had no answer for this long
MEETING_DAYS = 14  # ask how it went
BUSINESS_DAYS = 60  # after they met: did business come of it?
OUTCOMES = ("met", "business", "nothing")


def _first(person: Person) -> str:
    return person.given_name or person.name.split()[0]


def _who(person: Person) -> str:
    organization = person.organization.name if person.organization is not None else ""
    role = " at ".join(x for x in (person.title, organization) if x)
    return f"{person.name}" + (f" ({role})" if role else "")


def _shareable(person: Person, kind: str) -> list[str]:
    return list(
        ProfileEntry.objects.filter(
            person=person, kind=kind, active=True, confidentiality=Confidentiality.SHAREABLE
        ).values_list("text", flat=True)[:2]
    )


def _check_pair(owner, a: Person, b: Person) -> None:
    for p in (a, b):
        p.check_owner(owner)
        if p.archived_at is not None:
            raise InvalidInput(f"{p.name} is archived; restore them before introducing them", code="archived")
    if a.pk == b.pk:
        raise InvalidInput(f"cannot introduce {a.name} to themselves; name two different people")


def draft_ask(intro: Introduction, side: str) -> str:
    """The opt-in question to A (or B)."""
    asked, other = (intro.person_a, intro.person_b) if side == "a" else (intro.person_b, intro.person_a)
    offers = _shareable(other, "offer")
    extra = f" {_first(other)} can help with {offers[0]}." if offers else ""
    return signed(
        f"Hi {_first(asked)},\n\nI'd like to introduce you to {_who(other)}: {intro.why}.{extra}\n"
        f"Would you be open to an introduction? No pressure either way.\n\nBest,",
        intro.owner,
    )


def draft_introduction(intro: Introduction) -> str:
    a, b = intro.person_a, intro.person_b

    def about(p: Person) -> str:
        facts = _shareable(p, "offer") + _shareable(p, "need")
        return f"{_who(p)}" + (f" — {'; '.join(facts)}" if facts else "")

    return signed(
        f"Subject: Introduction: {a.name} <> {b.name}\n\nHi {_first(a)} and {_first(b)},\n\n"
        f"As promised, an introduction. {intro.why}.\n\n- {about(a)}\n- {about(b)}\n\n"
        f"I'll let you two take it from here.\n\nBest,",
        intro.owner,
    )


def draft_for(intro: Introduction) -> str:
    if intro.status in ("proposed", "asked_a"):
        return draft_ask(intro, "a")
    if intro.status == "asked_b":
        return draft_ask(intro, "b")
    if intro.status == "introduced":
        return draft_introduction(intro)
    return ""


def draft_mailto(intro: Introduction) -> str:
    """The current draft as a mailto: link to whoever it is for (A, then B, then both); empty when
    there is nothing to send or an address is missing."""
    from goodwill.services.drafts import email_of, mailto

    draft = draft_for(intro)
    if not draft:
        return ""
    if intro.status == "introduced":
        people = [intro.person_a, intro.person_b]
        first, _, body = draft.partition("\n\n")
        subject = first.removeprefix("Subject: ")
    else:
        asked, other = (
            (intro.person_b, intro.person_a) if intro.status == "asked_b" else (intro.person_a, intro.person_b)
        )
        people, subject, body = [asked], f"An introduction to {other.name}?", draft
    to = [email_of(p) for p in people]
    return mailto(",".join(to), subject, body) if all(to) else ""


@transaction.atomic
def propose_intro(owner, a: Person, b: Person, why: str) -> Introduction:
    """Start the double opt-in: I ask A first (the draft is printed); follow up in ANSWER_DAYS."""
    _check_pair(owner, a, b)
    reason = " ".join((why or "").split()).rstrip(".")
    if not reason:
        raise InvalidInput('say why they should meet, e.g. "she is hiring a CFO and he is looking"', code="intro-why")
    pair = (
        Introduction.objects.filter(owner=owner, status__in=Introduction.OPEN_STATUSES)
        .filter(person_a__in=[a, b], person_b__in=[a, b])
        .first()
    )
    if pair:
        raise InvalidInput(f"an introduction of {a.name} and {b.name} is already under way (#{pair.pk}, {pair.status})")
    now = clock.now()
    return Introduction.objects.create(
        owner=owner,
        person_a=a,
        person_b=b,
        why=reason,
        status="asked_a",
        asked_a_at=now,
        follow_up_on=clock.today() + timedelta(days=ANSWER_DAYS),
        created_at=now,
        updated_at=now,
    )


def get_intro(owner, intro_id) -> Introduction:
    text = str(intro_id).strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{intro_id}" is not an introduction id', code="introduction-id")
    return Introduction.objects.select_related("person_a", "person_b").get_owned(owner, text)


def _parse_yes(answer: str) -> bool:
    value = (answer or "").strip().lower()
    if value in ("yes", "y", "ok", "accept", "accepted"):
        return True
    if value in ("no", "n", "decline", "declined"):
        return False
    raise InvalidInput(f'"{answer}" is not an answer; use yes or no')


@transaction.atomic
def record_answer(owner, intro: Introduction, side: str, answer: str) -> Introduction:
    """A said yes → ask B. B said yes → introduce both (ledger: an introduction given to each)."""
    side = (side or "").strip().lower()
    if side not in ("a", "b"):
        raise InvalidInput(f'"{side}" is not a side; answer for a (asked first) or b')
    yes = _parse_yes(answer)
    expected = {"asked_a": "a", "asked_b": "b"}.get(intro.status)
    if expected is None:
        raise InvalidInput(
            f"introduction #{intro.pk} is not waiting for an answer (it is {intro.get_status_display()})"
        )
    if side != expected:
        raise InvalidInput(f"introduction #{intro.pk} is waiting for {expected.upper()}'s answer first (double opt-in)")
    now, today = clock.now(), clock.today()
    if not yes:
        intro.status, intro.declined_by, intro.closed_at, intro.follow_up_on = "declined", side, now, None
    elif side == "a":
        intro.status, intro.asked_b_at, intro.follow_up_on = "asked_b", now, today + timedelta(days=ANSWER_DAYS)
    else:
        intro.status, intro.introduced_at, intro.follow_up_on = "introduced", now, today + timedelta(days=MEETING_DAYS)
        for person in (intro.person_a, intro.person_b):
            other = intro.person_b if person == intro.person_a else intro.person_a
            add_exchange(
                owner, person, "introduction", "given", description=f"Introduced to {other.name}", introduction=intro
            )
    intro.updated_at = now
    intro.save()
    return intro


@transaction.atomic
def record_outcome(owner, intro: Introduction, outcome: str, note: str = "") -> Introduction:
    outcome = (outcome or "").strip().lower()
    if outcome not in OUTCOMES:
        raise InvalidInput(f'"{outcome}" is not an outcome; use met, business or nothing')
    if intro.status not in ("introduced", "met"):
        raise InvalidInput(
            f"introduction #{intro.pk} has no outcome yet: it is {intro.get_status_display()}; "
            "both must say yes and be introduced first"
        )
    if intro.status == "met" and outcome == "met":
        raise InvalidInput(f"introduction #{intro.pk} is already marked as met")
    now = clock.now()
    intro.status, intro.updated_at = outcome, now
    intro.outcome_note = " ".join((note or "").split())[:500] or intro.outcome_note
    if outcome == "met":
        intro.follow_up_on = clock.today() + timedelta(days=BUSINESS_DAYS)
    else:
        intro.follow_up_on, intro.closed_at = None, now
    intro.save()
    return intro


@transaction.atomic
def postpone(owner, intro: Introduction, day) -> Introduction:
    if intro.status not in Introduction.OPEN_STATUSES + ("met",) or intro.follow_up_on is None:
        raise InvalidInput(f"introduction #{intro.pk} has nothing to follow up")
    if day <= clock.today():
        raise InvalidInput(f"{day:%Y-%m-%d} is not in the future; give a later day")
    intro.follow_up_on, intro.updated_at = day, clock.now()
    intro.save(update_fields=["follow_up_on", "updated_at"])
    return intro

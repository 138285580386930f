"""Departures (docs/firm.md): when a professional leaves, their relationships with key accounts
are handed over to colleagues with a note, by the leaver themself or an admin, and an admin
records the departure.

What moves in a handover is the card only (name, organization, title, emails, phones, LinkedIn
profile) and a private note on the recipient's person saying who handed them over, why, and the
leaver's shared strength (the score colleagues see: confidential encounters do not even count).
Never notes, encounters, profile entries or anything confidential. A departed user's records stay,
owned by them, invisible to the firm (queries.firm_access.in_firm is false).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound, UserError
from goodwill.models import ContactPoint, Handover, KeyAccount, Member, Person
from goodwill.models.base import Owner
from goodwill.queries.firm_access import colleagues, in_firm, is_admin, member_of, require_admin
from goodwill.queries.firm_identity import LINKEDIN_PROFILE

MAX_NOTE = 1000


@dataclass(frozen=True)
class KeyTie:
    """One of the leaver's people at a key account, and to whom they were handed already."""

    person_id: int
    name: str
    organization: str
    title: str
    account_id: int
    account: str
    handed_to: tuple[str, ...]


def may_hand_over(actor: Owner, leaver: Owner) -> None:
    """The leaver themself (still in the firm), or an admin for anyone."""
    if is_admin(actor):
        return
    if actor.pk == leaver.pk and in_firm(actor):
        return
    raise NotFound("only the leaver themself or an admin may hand over their relationships", thing="login")


def key_ties(actor: Owner, leaver: Owner) -> list[KeyTie]:
    """The leaver's people at key accounts (what the handover page offers), by account and name."""
    may_hand_over(actor, leaver)
    accounts = {a.key: a for a in KeyAccount.objects.all()}
    if not accounts:
        return []
    people = list(
        Person.objects.filter(owner=leaver, archived_at__isnull=True, organization__key__in=list(accounts))
        .select_related("organization")
        .order_by("name", "pk")
    )
    handed: dict[int, list[str]] = {}
    for from_id, login in Handover.objects.filter(leaver=leaver, from_person__in=people).values_list(
        "from_person_id", "recipient__username"
    ):
        handed.setdefault(from_id, []).append(login)
    ties = [
        KeyTie(
            person_id=p.pk,
            name=p.name,
            organization=p.organization.name if p.organization else "",
            title=p.title or "",
            account_id=accounts[p.organization.key].pk,
            account=accounts[p.organization.key].name,
            handed_to=tuple(sorted(set(handed.get(p.pk, [])))),
        )
        for p in people
        if p.organization is not None
    ]
    return sorted(ties, key=lambda t: (t.account.lower(), t.name.lower(), t.person_id))


def hand_over(actor: Owner, leaver: Owner, recipient: Owner, person_ids: Iterable[int], note: str) -> list[Handover]:
    """Hand the leaver's people to a colleague: the same human in the recipient's network, or a
    new person there with the card only; a private note says who, when and why. One transaction."""
    from goodwill.queries.firm_strength import shared_strengths
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    may_hand_over(actor, leaver)
    if recipient.pk == leaver.pk:
        raise InvalidInput("the recipient is the leaver; hand the relationships to a colleague who stays")
    if not in_firm(recipient):
        raise NotFound(f"{recipient.username} is not in the firm; hand over to a colleague who is", thing="login")
    ids = list(dict.fromkeys(int(pk) for pk in person_ids))
    if not ids:
        raise InvalidInput("no person given; tick (or name by id) the people to hand over")
    text = " ".join((note or "").split())
    if not text:
        raise InvalidInput("no note given; say what the recipient should know, e.g. who to call first")
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"the note is {len(text)} characters; keep it to {MAX_NOTE}")
    people = Person.objects.filter(owner=leaver, pk__in=ids).select_related("organization").in_bulk()
    missing = [pk for pk in ids if pk not in people]
    if missing:
        raise NotFound(f"no person #{missing[0]} in {leaver.username}'s network", thing="person")
    accounts = {a.key: a for a in KeyAccount.objects.all()}
    today = clock.today()
    strengths = shared_strengths(ids, today)
    points = _card_points(ids)
    done = []
    with transaction.atomic():
        for pk in ids:
            person = people[pk]
            target = _theirs(person, recipient)
            if target is None:
                emails, phones, urls = points.get(pk, ([], [], []))
                target = add_person(
                    recipient,
                    PersonFields(
                        name=person.name,
                        organization=person.organization.name if person.organization else None,
                        title=person.title or None,
                        emails=emails,
                        phones=phones,
                        urls=urls,
                    ),
                )
            history = strengths[pk].explain() if pk in strengths else "no encounters yet"
            score = f"shared strength {strengths[pk].score}, " if pk in strengths else ""
            add_note(
                recipient,
                target,
                f"Handed over by {leaver.username} on {today.isoformat()}: {text.rstrip('.')}. "
                f"{leaver.username}'s history: {score}{history}",
            )
            key = person.organization.key if person.organization else ""
            done.append(
                Handover.objects.create(
                    leaver=leaver,
                    recipient=recipient,
                    account=accounts.get(key) if key else None,
                    from_person=person,
                    to_person=target,
                    name=person.name,
                    note=text,
                    by=actor,
                    created_at=clock.now(),
                )
            )
    return done


def _theirs(person: Person, recipient: Owner) -> Person | None:
    """The same human already in the recipient's network (queries.firm_identity), if any."""
    from goodwill.queries.firm_identity import identities, same_person

    identity = identities([person.pk]).get(person.pk)
    if identity is None:
        return None
    found = same_person(identity).get(recipient.pk)
    return Person.objects.filter(pk=found[0]).first() if found else None


def _card_points(person_ids: list[int]) -> dict[int, tuple[list[str], list[str], list[str]]]:
    """Each person's emails, phones and LinkedIn profile, as entered: the card that moves."""
    found: dict[int, tuple[list[str], list[str], list[str]]] = {}
    rows = ContactPoint.objects.filter(person_id__in=person_ids).order_by("pk")
    for person_id, kind, value, normalized in rows.values_list("person_id", "kind", "value", "normalized"):
        emails, phones, urls = found.setdefault(person_id, ([], [], []))
        if kind == ContactPoint.EMAIL:
            emails.append(value)
        elif kind == ContactPoint.PHONE:
            phones.append(value)
        elif kind == ContactPoint.URL and LINKEDIN_PROFILE in normalized:
            urls.append(value)
    return found


def depart(admin: Owner, leaver: Owner) -> Member:
    """Record that a professional has left: out of the firm, and they can no longer sign in
    (web, API tokens and device passwords all refuse an inactive user). Their records stay."""
    require_admin(admin)
    if leaver.pk == admin.pk:
        raise InvalidInput("you cannot record your own departure; ask another admin")
    if not in_firm(leaver):
        raise InvalidInput(f"{leaver.username} has already left the firm")
    if is_admin(leaver) and not any(is_admin(u) for u in colleagues(leaver)):
        raise UserError(f"{leaver.username} is the firm's last admin; make another admin first")
    member = member_of(leaver)
    with transaction.atomic():
        member.departed_at = clock.now()
        member.save()
        get_user_model().objects.filter(pk=leaver.pk).update(is_active=False)
    leaver.is_active = False
    return member

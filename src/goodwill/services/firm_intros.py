"""Warm introductions through colleagues: "ask Dana to introduce me to Priya at Acme".

The requester asks a colleague about a person the colleague shares (at least "knows");
the colleague accepts, declines (with an optional note) or asks for more; the requester
replies or withdraws. Accepted, the request becomes an ordinary double opt-in introduction
in the colleague's network (services.intros.propose_intro: target first, then the requester
as a person there), and the requester's balance sheet records an introduction received from
the colleague. The colleague's own balance sheet counts it as any introduction: once made
(both said yes), record_answer records an introduction given to each side.
Every step is one transaction: a failure leaves nothing half-written."""

from __future__ import annotations

from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput, NotFound
from goodwill.models import ContactPoint, IntroRequest, Person
from goodwill.models.base import Owner
from goodwill.queries.firm_intros import (
    MAX_REASON,
    askable_target,
    get_visible,
    require_member,
    user_name,
)

ACTIONS = ("accept", "decline", "more")


def _text(value: str, what: str, example: str, *, required: bool = True) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise InvalidInput(f'{what} is missing; say it in a line, e.g. "{example}"', code="request-text")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"{what} is {len(text)} characters long; keep it under {MAX_REASON}", code="request-text")
    return text


@transaction.atomic
def ask(requester: Owner, colleague: Owner, target_person_id: object, reason: str) -> IntroRequest:
    """Ask a colleague to introduce me to a person they share with the firm."""
    require_member(requester)
    target = askable_target(requester, colleague, target_person_id)
    why = _text(reason, "the reason", "we pitch Acme's audit next month and she runs finance")
    already = (
        IntroRequest.objects.filter(requester=requester, target=target, status__in=IntroRequest.OPEN_STATUSES)
        .order_by("pk")
        .first()
    )
    if already is not None:
        raise InvalidInput(
            f"you already asked {user_name(colleague)} about {target.name}: request #{already.pk} is "
            f"{already.get_status_display()}; wait for the answer or withdraw it first",
            code="request-open",
        )
    now = clock.now()
    return IntroRequest.objects.create(
        requester=requester, colleague=colleague, target=target, reason=why, created_at=now, updated_at=now
    )


def _for_colleague(colleague: Owner, request_id: object) -> IntroRequest:
    require_member(colleague)
    request = get_visible(colleague, request_id)
    if request.colleague_id != colleague.pk:
        raise NotFound(
            f"request #{request.pk} is not in your inbox: only {user_name(request.colleague)} can answer it",
            thing="introduction request",
        )
    return request


def _for_requester(requester: Owner, request_id: object) -> IntroRequest:
    require_member(requester)
    request = get_visible(requester, request_id)
    if request.requester_id != requester.pk:
        raise NotFound(
            f"request #{request.pk} is not one you sent: only {user_name(request.requester)} can reply or withdraw",
            thing="introduction request",
        )
    return request


def _check_open(request: IntroRequest) -> None:
    if request.status not in IntroRequest.OPEN_STATUSES:
        raise InvalidInput(
            f"request #{request.pk} is already {request.get_status_display()}; only open requests can change",
            code="request-closed",
        )


def person_for(owner: Owner, user: Owner) -> Person:
    """The user as a person in the owner's network: by their login email, else by name; if
    neither finds them (or only archived records do), added there with their name and email."""
    from goodwill.services.people import PersonFields, add_person

    email = (user.email or "").strip().lower()
    people = Person.objects.filter(owner=owner, archived_at__isnull=True)
    if email:
        found = (
            people.filter(
                pk__in=ContactPoint.objects.filter(owner=owner, kind="email", normalized=email).values("person")
            )
            .order_by("pk")
            .first()
        )
        if found is not None:
            return found
    name = user_name(user)
    found = people.filter(name__iexact=name).order_by("pk").first()
    if found is not None:
        return found
    return add_person(owner, PersonFields(name=name, emails=[email] if email else []))


def _accept(request: IntroRequest) -> None:
    from goodwill.services.intros import propose_intro
    from goodwill.services.ledger import add_exchange

    colleague, requester, target = request.colleague, request.requester, request.target
    if target.archived_at is not None:
        raise InvalidInput(f"{target.name} is archived; restore them before introducing them", code="archived")
    me_there = person_for(colleague, requester)
    intro = propose_intro(colleague, target, me_there, request.reason)
    request.introduction = intro
    organization = f" ({target.organization.name})" if target.organization is not None else ""
    add_exchange(
        requester,
        person_for(requester, colleague),
        "introduction",
        "received",
        description=f"Introduction to {target.name}{organization}, asked through the firm (request #{request.pk})",
    )


@transaction.atomic
def answer(colleague: Owner, request_id: object, action: str, text: str = "") -> IntroRequest:
    """The colleague's answer: accept (an introduction in their network), decline (an optional
    note), or more (a question the requester answers)."""
    request = _for_colleague(colleague, request_id)
    action = (action or "").strip().lower()
    if action not in ACTIONS:
        raise InvalidInput(f'"{action}" is not an answer; use accept, decline or more', code="request-action")
    _check_open(request)
    if action == "more":
        request.question = _text(text, "the question", "what do you want to talk to her about?")
        request.status = IntroRequest.MORE
    elif action == "decline":
        request.decline_note = _text(text, "the note", "", required=False)
        request.status = IntroRequest.DECLINED
    else:
        _accept(request)
        request.status = IntroRequest.ACCEPTED
    request.updated_at = clock.now()
    request.save()
    return request


@transaction.atomic
def reply(requester: Owner, request_id: object, text: str) -> IntroRequest:
    """The requester answers the colleague's question; the request is theirs to answer again."""
    request = _for_requester(requester, request_id)
    if request.status != IntroRequest.MORE:
        raise InvalidInput(
            f"request #{request.pk} has no question waiting for you (it is {request.get_status_display()})",
            code="request-reply",
        )
    request.reply = _text(text, "the reply", "we met at the Acme audit kick-off; she asked to meet the team")
    request.status = IntroRequest.ASKED
    request.updated_at = clock.now()
    request.save()
    return request


@transaction.atomic
def withdraw(requester: Owner, request_id: object) -> IntroRequest:
    request = _for_requester(requester, request_id)
    _check_open(request)
    request.status = IntroRequest.WITHDRAWN
    request.updated_at = clock.now()
    request.save()
    return request

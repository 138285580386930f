"""Warm introductions through colleagues, read side: my inbox (requests colleagues sent me),
my outbox (what I asked of them), the count waiting for me, and one request.

A request is private between its two colleagues: anyone else (a partner, an admin) gets
"not found". The requester sees of the target only their name and organization (they asked
for that human), and of the request its status, the colleague's question and decline note;
never the colleague's notes or encounters. The colleague sees the requester's reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import IntroRequest, Person
from goodwill.models.base import Owner
from goodwill.queries.firm_access import colleagues, in_firm, share_levels, visible

ANSWERED_SHOWN = 30  # answered requests listed after the open ones, newest first
MAX_REASON = 1000  # IntroRequest's text fields


def user_name(user: Owner) -> str:
    """How a colleague is called: their full name, else their login."""
    return (user.get_full_name() or "").strip() or user.username


def require_member(user: Owner) -> None:
    """Only members of the firm ask and answer; anyone else gets "not found"."""
    if not in_firm(user):
        raise NotFound("no such page: introduction requests are for members of the firm", thing="page")


@dataclass
class RequestRow:
    """One request as either side may see it (nothing of the colleague's notes or encounters)."""

    id: int
    direction: str  # "in": a colleague asked me; "out": I asked a colleague
    requester_id: int
    requester: str
    colleague_id: int
    colleague: str
    target_id: int
    target: str
    target_organization: str
    reason: str
    status: str
    status_label: str
    question: str
    reply: str
    decline_note: str
    introduction_id: int | None
    open: bool
    waiting_for_me: bool
    created_at: datetime
    updated_at: datetime


def row(request: IntroRequest, viewer: Owner) -> RequestRow:
    incoming = request.colleague_id == viewer.pk
    target = request.target
    is_open = request.status in IntroRequest.OPEN_STATUSES
    waiting = (incoming and request.status == IntroRequest.ASKED) or (
        not incoming and request.status == IntroRequest.MORE
    )
    return RequestRow(
        id=request.pk,
        direction="in" if incoming else "out",
        requester_id=request.requester_id,
        requester=user_name(request.requester),
        colleague_id=request.colleague_id,
        colleague=user_name(request.colleague),
        target_id=target.pk,
        target=target.name,
        target_organization=target.organization.name if target.organization is not None else "",
        reason=request.reason,
        status=request.status,
        status_label=request.get_status_display(),
        question=request.question,
        reply=request.reply,
        decline_note=request.decline_note,
        # Only the colleague's: the introduction lives in their network.
        introduction_id=request.introduction_id if incoming else None,
        open=is_open,
        waiting_for_me=waiting,
        created_at=request.created_at,
        updated_at=request.updated_at,
    )


def _listed(user: Owner, side: str) -> list[IntroRequest]:
    rows = IntroRequest.objects.filter(**{side: user}).select_related("requester", "colleague", "target__organization")
    opened = list(rows.filter(status__in=IntroRequest.OPEN_STATUSES).order_by("-created_at", "-id"))
    answered = list(rows.exclude(status__in=IntroRequest.OPEN_STATUSES).order_by("-updated_at", "-id")[:ANSWERED_SHOWN])
    return opened + answered


def inbox(colleague: Owner) -> list[RequestRow]:
    """Requests colleagues sent me: open ones first (newest first), then recently answered."""
    return [row(r, colleague) for r in _listed(colleague, "colleague")]


def outbox(requester: Owner) -> list[RequestRow]:
    """What I asked of colleagues: open ones first, then recently answered."""
    return [row(r, requester) for r in _listed(requester, "requester")]


def open_count(user: Owner) -> int:
    """Requests waiting for me: asked of me, or a colleague's question to answer."""
    asked = IntroRequest.objects.filter(colleague=user, status=IntroRequest.ASKED).count()
    more = IntroRequest.objects.filter(requester=user, status=IntroRequest.MORE).count()
    return asked + more


def parse_id(request_id: object) -> int:
    text = str(request_id).strip().lstrip("#")
    if not text.isdecimal() or len(text) > 18:
        raise InvalidInput(f'"{request_id}" is not a request id; give its number, e.g. 12', code="request-id")
    return int(text)


def get_visible(user: Owner, request_id: object) -> IntroRequest:
    """One request, for its requester or its colleague only; anyone else: not found."""
    pk = parse_id(request_id)
    found = IntroRequest.objects.select_related("requester", "colleague", "target__organization").filter(pk=pk).first()
    if found is None or user.pk not in (found.requester_id, found.colleague_id):
        raise NotFound(f"no introduction request #{pk} of yours", thing="introduction request")
    return found


def find_colleague(user: Owner, who: object) -> Owner:
    """A colleague by login or user id (the firm's active, not departed users but the user)."""
    text = str(who or "").strip()
    if not text:
        raise InvalidInput("name the colleague to ask: their login or user id", code="colleague")
    if text == user.username or text == str(user.pk):
        raise InvalidInput(
            "you cannot ask yourself for an introduction; ask a colleague who knows them", code="ask-self"
        )
    for colleague in colleagues(user):
        if text == colleague.username or text == str(colleague.pk):
            return colleague
    raise NotFound(f"no colleague {text!r} in the firm", thing="colleague")


def askable_target(requester: Owner, colleague: Owner, target_id: object) -> Person:
    """The person in the colleague's network the requester may ask about: theirs, not archived,
    shared at least at "knows". Anything else is not found, never a hint that they exist."""
    if colleague.pk == requester.pk:
        raise InvalidInput(
            "you cannot ask yourself for an introduction; ask a colleague who knows them", code="ask-self"
        )
    if colleague.pk not in {c.pk for c in colleagues(requester)} or not in_firm(colleague):
        raise NotFound("no such colleague in the firm", thing="colleague")
    missing = NotFound(f"no such person among {user_name(colleague)}'s shared contacts", thing="person")
    text = str(target_id).strip().lstrip("#")
    if not text.isdecimal() or len(text) > 18:
        raise missing
    target = (
        Person.objects.select_related("organization")
        .filter(owner=colleague, pk=int(text), archived_at__isnull=True)
        .first()
    )
    if target is None or not visible(share_levels(colleague, [target.pk]).get(target.pk, "nothing")):
        raise missing
    return target


def user_by_id(user_id: object) -> Owner | None:
    text = str(user_id or "").strip()
    if not text.isdecimal() or len(text) > 18:
        return None
    return get_user_model().objects.filter(pk=int(text)).first()

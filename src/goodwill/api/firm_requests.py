"""Warm introductions through colleagues under /api/v1/firm/requests (docs/firm.md): ask a
colleague to introduce me to a person they share, answer what colleagues ask of me, reply to
their question, withdraw. A request is seen by its two colleagues only; anyone else gets 404."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input

router = Router(tags=["firm"])


class RequestOut(Schema):
    id: int
    direction: str = Field(description='"in": a colleague asked me; "out": I asked a colleague')
    requester_id: int
    requester: str
    colleague_id: int
    colleague: str
    target_id: int = Field(description="The person in the colleague's network")
    target: str
    target_organization: str
    reason: str
    status: str
    status_label: str
    question: str = Field(description="The colleague's question (status more)")
    reply: str = Field(description="The requester's answer to it")
    decline_note: str
    introduction_id: int | None = Field(
        description="Accepted: the introduction on the colleague's board (shown to the colleague only)"
    )
    open: bool
    waiting_for_me: bool
    created_at: datetime
    updated_at: datetime


class RequestsOut(Schema):
    inbox: list[RequestOut] = Field(description="Colleagues' requests of me: open first, then recently answered")
    outbox: list[RequestOut] = Field(description="What I asked of colleagues: open first, then recently answered")
    waiting: int = Field(description="How many wait for me (asked of me, or a question to answer)")


class AskIn(Input):
    colleague_id: Id = Field(description="The colleague who knows them (a user id)")
    target_id: Id = Field(description="The person in the colleague's network (as who-knows-whom shows them)")
    reason: Annotated[str, Chars(1000, min_length=1)] = Field(description="Why you want the introduction")


class RequestAnswerIn(Input):
    action: Literal["accept", "decline", "more"]
    text: Annotated[str, Chars(1000)] = Field(
        "", description="decline: an optional note; more: the question (required)"
    )


class ReplyIn(Input):
    text: Annotated[str, Chars(1000, min_length=1)]


def _out(request, viewer) -> dict:
    from goodwill.queries.firm_intros import row

    return row(request, viewer).__dict__


def _member(user) -> None:
    from goodwill.queries.firm_intros import require_member

    require_member(user)


@router.get("/requests", response={200: RequestsOut, **ERRORS}, summary="My introduction requests: inbox and outbox")
def list_requests(request):
    from goodwill.queries.firm_intros import inbox, open_count, outbox

    user = request.auth
    _member(user)
    return {
        "inbox": [r.__dict__ for r in inbox(user)],
        "outbox": [r.__dict__ for r in outbox(user)],
        "waiting": open_count(user),
    }


@router.post("/requests", response={201: RequestOut, **ERRORS}, summary="Ask a colleague for an introduction")
def ask_colleague(request, payload: AskIn):
    """The target must be the colleague's and shared at least at "knows": otherwise 404, never
    a hint that an unshared contact exists."""
    from goodwill.errors import NotFound
    from goodwill.queries.firm_intros import user_by_id
    from goodwill.services.firm_intros import ask

    user = request.auth
    _member(user)
    colleague = user_by_id(payload.colleague_id)
    if colleague is None:
        raise NotFound(f"no colleague with user id {payload.colleague_id} in the firm", thing="colleague")
    made = ask(user, colleague, payload.target_id, payload.reason)
    return Status(201, _out(made, user))


@router.get("/requests/{request_id}", response={200: RequestOut, **ERRORS}, summary="One introduction request")
def get_request(request, request_id: Id):
    from goodwill.queries.firm_intros import get_visible

    user = request.auth
    _member(user)
    return _out(get_visible(user, request_id), user)


@router.post(
    "/requests/{request_id}/answer",
    response={200: RequestOut, **ERRORS},
    summary="Accept, decline or ask for more (the colleague asked)",
)
def answer_request(request, request_id: Id, payload: RequestAnswerIn):
    """Accept makes a double opt-in introduction in my network (see introduction_id) and records
    in the requester's balance sheet an introduction received from me."""
    from goodwill.services.firm_intros import answer

    user = request.auth
    return _out(answer(user, request_id, payload.action, payload.text), user)


@router.post(
    "/requests/{request_id}/reply", response={200: RequestOut, **ERRORS}, summary="Answer the colleague's question"
)
def reply_request(request, request_id: Id, payload: ReplyIn):
    from goodwill.services.firm_intros import reply

    user = request.auth
    return _out(reply(user, request_id, payload.text), user)


@router.post("/requests/{request_id}/withdraw", response={200: RequestOut, **ERRORS}, summary="Withdraw my request")
def withdraw_request(request, request_id: Id):
    from goodwill.services.firm_intros import withdraw

    user = request.auth
    return _out(withdraw(user, request_id), user)

"""Pass it on: who else would be interested in this? Rank, record a share, keep an item for later.

Thin over queries.pass_on and services.pass_on, as `goodwill pass-on` is. Reasons come from
the search index, which never holds confidential text; drafts quote only what people shared
themselves, never my notes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input, TagName
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["pass it on"])

Text = Annotated[str, Chars(5000, min_length=1)]
Url = Annotated[str, Chars(1000)]
Via = Literal["email", "message", "call", "meeting"]


class RankParams(Schema):
    text: Text = Field(description='What to pass on, e.g. "New SEC guidance on fintech custody"')
    url: Url = Field("", description="Its web address (https://…)")
    tags: list[TagName] = Field(
        default_factory=list,
        max_length=20,
        description="Topics; matching ones weigh up (repeat the parameter, or comma-separate)",
    )
    limit: int = Field(10, ge=1, le=100, description="How many people to rank")


class RankedOut(Schema):
    rank: int
    person: PersonRef
    score: float
    reasons: list[str] = Field(description="What matched, quoted from profiles, tags, roles and non-confidential notes")
    private_reason: bool = Field(description="A reason comes from my private notes: keep it out of the message")


class RankingOut(Schema):
    text: str
    url: str
    tags: list[str]
    concepts: list[str] = Field(description="What the ranking looked for")
    people: list[RankedOut]
    already_got_it: list[str] = Field(description="Names of people I already passed this item on to")


class ShareIn(Input):
    text: Text
    url: Url = ""
    tags: list[TagName] = Field(default_factory=list, max_length=20)
    person_ids: list[Id] = Field(min_length=1, max_length=50, description="Who to pass it on to")
    via: Via = "email"


class SentOut(Schema):
    share_id: int
    person: PersonRef
    interaction_id: int | None
    reason: str = Field(description="Why they were chosen, when the ranking had them")
    draft: str = Field(
        description="A message to send, signed with my signature setting; it quotes only what they shared themselves"
    )
    email: str = Field(description="Their preferred email address; empty when none is known")
    mailto: str = Field(
        description="A mailto: link with the address, the subject and the draft, URL-encoded; empty without an address"
    )


class ItemOut(Schema):
    id: int
    title: str
    url: str
    tags: list[str]
    created_at: datetime


class SharedOut(Schema):
    """One item I passed on."""

    id: int
    item: ItemOut
    person: PersonRef
    reason: str
    created_at: datetime


class SharedParams(Schema):
    person_id: Id | None = Field(None, description="Only what I passed on to this person")
    limit: int = Field(50, ge=1, le=500)


class KeepIn(Input):
    text: Text
    url: Url = ""
    tags: list[TagName] = Field(default_factory=list, max_length=20)


def _item_out(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": item.url,
        "tags": list(item.tags or []),
        "created_at": item.created_at,
    }


@router.get("", response={200: RankingOut, **ERRORS}, summary="Who would want this, best first, and why")
def rank(request, params: Query[RankParams]):
    """The same ranking as `goodwill pass-on`: people whose needs, interests, offers, role, tags
    or non-confidential notes match, with the fields that matched. People who already got
    this item are left out and named in `already_got_it`. Records nothing."""
    from goodwill.queries.pass_on import pass_on_ranking

    ranking = pass_on_ranking(request.auth, params.text, url=params.url, tags=params.tags or None, limit=params.limit)
    return {
        "text": ranking.text,
        "url": ranking.url,
        "tags": ranking.tags,
        "concepts": ranking.concepts,
        "already_got_it": ranking.already_got_it,
        "people": [
            {
                "rank": r.rank,
                "person": {"id": r.person_id, "name": r.name},
                "score": r.score,
                "reasons": r.reasons,
                "private_reason": r.private_reason,
            }
            for r in ranking.people
        ],
    }


@router.post("", response={201: list[SentOut], **ERRORS}, summary="Pass it on: record a share with each person")
def share(request, payload: ShareIn):
    """For each person: a share, an encounter (`via`), a ledger line (information given) and a
    draft message. All or nothing: someone archived, or who already got it, refuses the lot."""
    from goodwill.services.pass_on import pass_on_as_ranked

    owner = request.auth
    people = [get_person(owner, pid) for pid in dict.fromkeys(payload.person_ids)]  # another's: 404
    sent = pass_on_as_ranked(owner, payload.text, people, url=payload.url, tags=payload.tags, via=payload.via)
    return Status(
        201,
        [
            {
                "share_id": s.share.pk,
                "person": {"id": s.person.pk, "name": s.person.name},
                "interaction_id": s.share.interaction_id,
                "reason": s.share.reason,
                "draft": s.draft,
                "email": s.email,
                "mailto": s.mailto,
            }
            for s in sent
        ],
    )


@router.get("/shares", response={200: list[SharedOut], **ERRORS}, summary="What I passed on, newest first")
def shares(request, params: Query[SharedParams]):
    from goodwill.queries.pass_on import shares_of

    owner = request.auth
    person = get_person(owner, params.person_id) if params.person_id else None
    return [
        {
            "id": s.pk,
            "item": _item_out(s.item),
            "person": {"id": s.person_id, "name": s.person.name},
            "reason": s.reason,
            "created_at": s.created_at,
        }
        for s in shares_of(owner, person, limit=params.limit)
    ]


@router.post("/keep", response={201: ItemOut, **ERRORS}, summary="Keep an item for later")
def keep(request, payload: KeepIn):
    """Kept without sending: ideas for a person (`GET /people/{id}/ideas`) offer it to those it suits.
    Keeping the same item twice (same link, or same words) answers the one already kept."""
    from goodwill.services.pass_on import keep_item

    item = keep_item(request.auth, payload.text, url=payload.url, tags=payload.tags)
    return Status(201, _item_out(item))

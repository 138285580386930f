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
    nobody: bool = Field(
        description="No one in my network stands out for it: `people` is empty because no one reached the line, "
        "and no one got it already (then it is worth keeping for later: POST /pass-on/kept). False when `people` "
        "is empty only because everyone it suits is in `already_got_it`"
    )
    meaning_rebuilding: str = Field(
        description="Empty, or a sentence saying that matching by meaning is being rebuilt for a new model "
        "(with how far it has come): until then people are matched by shared words alone"
    )


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


class KeptOut(Schema):
    """Something kept for later: an item no one has been given yet."""

    id: int
    title: str
    text: str = Field(description="The whole text given (the title, when it was no longer than one)")
    url: str
    tags: list[str]
    kept_at: datetime


class KeptRankingOut(Schema):
    item: KeptOut
    ranking: RankingOut = Field(description="Who stands out for it now, as GET /pass-on ranks it")


class KeptRankParams(Schema):
    limit: int = Field(10, ge=1, le=100, description="How many people to rank")


class KeptParams(Schema):
    limit: int = Field(50, ge=1, le=500)


def _item_out(item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "url": item.url,
        "tags": list(item.tags or []),
        "created_at": item.created_at,
    }


def _kept_out(item) -> dict:
    """A queries.pass_on.KeptItem."""
    return {f: getattr(item, f) for f in ("id", "title", "text", "url", "tags", "kept_at")}


def _ranking_out(ranking) -> dict:
    return {
        "text": ranking.text,
        "url": ranking.url,
        "tags": ranking.tags,
        "concepts": ranking.concepts,
        "already_got_it": ranking.already_got_it,
        "nobody": ranking.nobody,
        "meaning_rebuilding": ranking.meaning_rebuilding,
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


@router.get("", response={200: RankingOut, **ERRORS}, summary="Who would want this, best first, and why")
def rank(request, params: Query[RankParams]):
    """The same ranking as `goodwill pass-on`: people whose needs, interests, offers, role, tags
    or non-confidential notes match, with the fields that matched. People who already got
    this item are left out and named in `already_got_it`. When no one stands out, `people` is
    empty and `nobody` is true. Records nothing."""
    from goodwill.queries.pass_on import pass_on_ranking

    ranking = pass_on_ranking(request.auth, params.text, url=params.url, tags=params.tags or None, limit=params.limit)
    return _ranking_out(ranking)


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


@router.post("/kept", response={201: KeptOut, **ERRORS}, summary="Keep an item for later")
def keep(request, payload: KeepIn):
    """Kept without sending, typically when no one stands out for it (`nobody` in the ranking):
    GET /pass-on/kept/{id} ranks it again, and ideas for a person (`GET /people/{id}/ideas`) offer
    it to those it suits. Keeping the same item twice (same link, or same words) answers the one
    already kept; an item already passed on to someone is refused (400)."""
    from goodwill.queries.pass_on import as_kept
    from goodwill.services.pass_on import keep_item

    item = keep_item(request.auth, payload.text, url=payload.url, tags=payload.tags)
    return Status(201, _kept_out(as_kept(item)))


@router.get("/kept", response={200: list[KeptOut], **ERRORS}, summary="What I kept for later, newest first")
def kept(request, params: Query[KeptParams]):
    """Items kept and not yet passed on to anyone. Passing one on (POST /pass-on with its text)
    takes it off this list."""
    from goodwill.queries.pass_on import kept_items

    return [_kept_out(k) for k in kept_items(request.auth, limit=params.limit)]


@router.get(
    "/kept/{item_id}", response={200: KeptRankingOut, **ERRORS}, summary="A kept item, and who stands out for it now"
)
def kept_one(request, item_id: Id, params: Query[KeptRankParams]):
    """The item ranked again, as GET /pass-on ranks it: who stands out changes as people's needs
    and interests do. Records nothing."""
    from goodwill.queries.pass_on import kept_ranking

    item, ranking = kept_ranking(request.auth, item_id, limit=params.limit)
    return {"item": _kept_out(item), "ranking": _ranking_out(ranking)}


@router.delete("/kept/{item_id}", response={204: None, **ERRORS}, summary="Forget a kept item")
def forget(request, item_id: Id):
    """For good (no undo). One passed on already is not a kept item: 404."""
    from goodwill.services.pass_on import forget_item

    forget_item(request.auth, item_id)
    return Status(204, None)


@router.post(
    "/keep",
    response={201: ItemOut, **ERRORS},
    summary="Keep an item for later (the older name of POST /pass-on/kept)",
    deprecated=True,
)
def keep_old(request, payload: KeepIn):
    """As POST /pass-on/kept, answered in the older shape (`created_at` for `kept_at`)."""
    from goodwill.services.pass_on import keep_item

    item = keep_item(request.auth, payload.text, url=payload.url, tags=payload.tags)
    return Status(201, _item_out(item))

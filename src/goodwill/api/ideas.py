"""How can I bring value to them today? Ideas for one person, and for the most neglected
people (the weekly review's queue). Thin over queries.ideas and queries.review, as
`goodwill ideas` and `goodwill review` are."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Id
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["ideas"])


class IdeaAction(Schema):
    """What doing the idea takes, as data: a client offers its own button or form for it.
    Only the fields of its kind are set; the others are null or ""."""

    kind: str = Field(
        description="propose-intro (person, other, why), pass-on (person, item, title, url), close-step (step), "
        "replied (person), intro-show (intro) or ledger-status (entry: mark the referral or lead won or lost)"
    )
    person: PersonRef | None = Field(
        description="replied: who wrote; propose-intro: who needs the introduction; pass-on: to whom"
    )
    other: PersonRef | None = Field(description="propose-intro: who they should meet")
    why: str = Field(description="propose-intro: why they should meet")
    step: int | None = Field(description="close-step: the next step to mark done (POST /steps/{id}/done)")
    intro: int | None = Field(description="intro-show: the introduction to follow up")
    entry: int | None = Field(description="ledger-status: the ledger entry whose outcome to record")
    item: int | None = Field(description="pass-on: the kept item")
    title: str = Field(description="pass-on: the item's title")
    url: str = Field(description='pass-on: the item\'s link, or ""')


class IdeaOut(Schema):
    kind: str = Field(
        description="promise, reply, introduce, pass_on, intro_follow_up, referral, return_favour or birthday"
    )
    text: str = Field(description='What to do, e.g. "Introduce them to Sam Lee"')
    why: str
    action: IdeaAction | None = Field(description="What doing it takes; null when there is nothing to record")
    due: date | None = Field(description="The day it is for, when there is one (a birthday)")


class PersonIdeas(Schema):
    person: PersonRef
    ideas: list[IdeaOut] = Field(description="Most pressing first: promises I owe, replies, then the rest")
    meaning_rebuilding: str = Field(
        description="Empty, or a sentence saying that matching by meaning is being rebuilt for a new model "
        "(with how far it has come): until then introductions and items are matched by shared words alone"
    )


class Neglected(Schema):
    person: PersonRef
    circle: str | None
    status: str = Field(description="due or overdue")
    due_on: date
    days_since: int | None = Field(description="Days since the last two-way touch")
    ratio: float = Field(description="Gap so far over the cadence, e.g. 2.3 for 2.3× overdue")
    last_kind: str | None
    last_summary: str | None = Field(description="[confidential] when that encounter was told in confidence")
    last_at: datetime | None
    ideas: list[IdeaOut]


class NeglectedParams(Schema):
    limit: int = Field(12, ge=1, le=50, description="How many of the most neglected people")
    per_person: int = Field(3, ge=1, le=20, description="Ideas for each")


def _ideas(found) -> list[dict]:
    from dataclasses import asdict

    return [
        {"kind": i.kind, "text": i.text, "why": i.why, "action": i.action and asdict(i.action), "due": i.due}
        for i in found
    ]


@router.get(
    "/people/{person_id}/ideas",
    response={200: PersonIdeas, **ERRORS},
    summary="Ideas for bringing value to a person today",
)
def person_ideas(request, person_id: Id):
    """Promises I owe them, replies I owe, introductions for their needs, kept items that
    suit their interests, introductions and referrals to follow up, a favour to return,
    a birthday. Built from what is not confidential."""
    from goodwill import clock
    from goodwill.queries.ideas import ideas_for
    from goodwill.queries.pass_on import meaning_rebuilding

    owner = request.auth
    person = get_person(owner, person_id, include_archived=False)
    return {
        "person": {"id": person.pk, "name": person.name},
        "ideas": _ideas(ideas_for(owner, person, clock.today())),
        "meaning_rebuilding": meaning_rebuilding(owner),
    }


@router.get("/ideas", response={200: list[Neglected], **ERRORS}, summary="Ideas across the most neglected people")
def neglected_ideas(request, params: Query[NeglectedParams]):
    """The weekly review's queue (people most overdue for a touch, relative to their cadence),
    each with a few ideas for a reason to get in touch."""
    from goodwill import clock
    from goodwill.queries.review import review_ideas, review_queue

    owner, today = request.auth, clock.today()
    queue = review_queue(owner, today, limit=params.limit)
    ideas = review_ideas(owner, queue, today, per_person=params.per_person)
    return [
        {
            "person": {"id": row.person_id, "name": row.name},
            "circle": row.circle,
            "status": row.state.status,
            "due_on": row.state.due_on,
            "days_since": row.state.days_since,
            "ratio": round(row.state.ratio, 3),
            "last_kind": row.last_kind,
            "last_summary": row.last_summary,
            "last_at": row.last_at,
            "ideas": _ideas(ideas.get(row.person_id, [])),
        }
        for row in queue
    ]

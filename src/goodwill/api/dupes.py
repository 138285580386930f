"""Duplicates and merging: the same query and services as `goodwill dupes` and `goodwill merge`.

GET /duplicates lists the likely pairs with their evidence; POST /duplicates/dismiss says a pair
is two different people (and /undismiss takes it back); POST /merges folds one person into
another, GET /merges lists the merges, POST /merges/{id}/undo brings the merged person back."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Id, Input, Limit, Offset
from goodwill.api.people import get_person
from goodwill.api.shapes import PersonRef

router = Router(tags=["duplicates"])


class EvidenceOut(Schema):
    kind: str = Field(description="email, phone, linkedin, name, organization or names-differ (counter-evidence)")
    detail: str = Field(description='As the CLI and the web say it: "same email: bob@acme.com"')
    weight: float = Field(description="How much this piece alone says they are one person (0-1)")


class DupePairOut(Schema):
    keep: PersonRef = Field(description="The older record (lower id): the one a merge keeps unless told otherwise")
    other: PersonRef
    score: int = Field(description="0-100: the pieces of evidence combined as independent signals")
    evidence: list[EvidenceOut]
    dismissed: bool = Field(description="Marked as two different people (listed only with dismissed=true)")


class DupesOut(Schema):
    count: int = Field(description="Pairs at or above min_score (items holds the first `limit`)")
    hidden: int = Field(description="Pairs marked as two different people, left out (dismissed=false)")
    items: list[DupePairOut]


class DupesParams(Schema):
    min_score: int = Field(50, ge=0, le=100, description="Leave out pairs scoring below this")
    dismissed: bool = Field(False, description="Include the pairs marked as two different people, marked")
    limit: Limit = 50


class PairIn(Input):
    person_a_id: Id
    person_b_id: Id


class DismissalOut(Schema):
    changed: bool = Field(description="False when the pair was already marked")
    pair: list[PersonRef] = Field(description="The two people, lower id first")


class MergeIn(Input):
    keep_id: Id = Field(description="The person who stays")
    other_id: Id = Field(description="The person folded into them, who goes (an undo brings them back)")


class MergeOut(Schema):
    id: int = Field(description="The merge's number, for undo")
    kept: PersonRef
    merged: PersonRef = Field(description="The person merged away; after an undo, back under this id")
    created_at: datetime
    undone_at: datetime | None
    rows_moved: int = Field(description="Records moved onto the kept person")
    already_there: int = Field(description="Records both had (an email, a shared meeting, a tag), kept once")
    filled: list[str] = Field(description="The kept person's blank fields filled from the merged one")
    text: str = Field(description="What happened, in the sentence every door shows")


class MergePage(Schema):
    count: int
    items: list[MergeOut]


class MergeParams(Schema):
    limit: Limit = 50
    offset: Offset = 0


def _pair_out(p) -> dict:
    return {
        "keep": {"id": p.keep_id, "name": p.keep_name},
        "other": {"id": p.other_id, "name": p.other_name},
        "score": p.score,
        "evidence": [{"kind": e.kind, "detail": e.detail, "weight": e.weight} for e in p.evidence],
        "dismissed": p.dismissed,
    }


def _merge_out(record) -> dict:
    from goodwill.services.merge import summarize

    done = summarize(record)
    return {
        "id": done.id,
        "kept": {"id": done.kept_id, "name": done.kept_name},
        "merged": {"id": done.merged_id, "name": done.merged_name},
        "created_at": done.created_at,
        "undone_at": done.undone_at,
        "rows_moved": done.rows_moved,
        "already_there": done.already_there,
        "filled": done.filled,
        "text": done.describe(),
    }


def _people(owner, payload: PairIn):
    return get_person(owner, payload.person_a_id), get_person(owner, payload.person_b_id)


@router.get("duplicates", response={200: DupesOut, **ERRORS}, summary="People probably entered twice")
def duplicates(request, params: Query[DupesParams]):
    """Likely pairs, strongest first, each with its score and evidence, as `goodwill dupes --json`."""
    from goodwill.queries.dupes import find_duplicates

    found = find_duplicates(request.auth, min_score=params.min_score, include_dismissed=params.dismissed)
    return {
        "count": len(found.pairs),
        "hidden": found.hidden,
        "items": [_pair_out(p) for p in found.pairs[: params.limit]],
    }


@router.post("duplicates/dismiss", response={200: DismissalOut, **ERRORS}, summary="Two different people")
def dismiss(request, payload: PairIn):
    """Mark the pair as two different people: GET /duplicates stops listing it. Twice is one mark."""
    from goodwill.services.dupes import dismiss_pair

    mark, created = dismiss_pair(request.auth, *_people(request.auth, payload))
    low, high = mark.person_a, mark.person_b
    return {"changed": created, "pair": [{"id": low.pk, "name": low.name}, {"id": high.pk, "name": high.name}]}


@router.post("duplicates/undismiss", response={200: DismissalOut, **ERRORS}, summary="Take a dismissal back")
def undismiss(request, payload: PairIn):
    """The pair is listed again when it still looks alike; 400 when it was not marked."""
    from goodwill.services.dupes import undismiss_pair

    a, b = _people(request.auth, payload)
    undismiss_pair(request.auth, a, b)
    low, high = sorted((a, b), key=lambda p: p.pk)
    return {"changed": True, "pair": [{"id": low.pk, "name": low.name}, {"id": high.pk, "name": high.name}]}


@router.post("merges", response={201: MergeOut, **ERRORS}, summary="Merge one person into another")
def merge(request, payload: MergeIn):
    """Fold other into keep, as `goodwill merge KEEP OTHER`: everything of theirs moves, keep's
    blank fields are filled, and other goes. POST /merges/{id}/undo brings them back."""
    from goodwill.services.merge import merge_people

    keep, other = get_person(request.auth, payload.keep_id), get_person(request.auth, payload.other_id)
    return Status(201, _merge_out(merge_people(request.auth, keep, other)))


@router.get("merges", response={200: MergePage, **ERRORS}, summary="Merges made, newest first")
def merges(request, params: Query[MergeParams]):
    from goodwill.services.merge import merge_history

    made = merge_history(request.auth)
    return {"count": len(made), "items": [_merge_out(m) for m in made[params.offset : params.offset + params.limit]]}


@router.get("merges/{merge_id}", response={200: MergeOut, **ERRORS}, summary="One merge")
def one_merge(request, merge_id: Id):
    from goodwill.services.merge import get_merge

    return _merge_out(get_merge(request.auth, str(merge_id)))


@router.post("merges/{merge_id}/undo", response={200: MergeOut, **ERRORS}, summary="Undo a merge")
def undo(request, merge_id: Id):
    """Bring the merged person back with their former id and exactly what was theirs (400 when undone already)."""
    from goodwill.services.merge import get_merge, undo_merge

    record = get_merge(request.auth, str(merge_id))
    undo_merge(request.auth, record)
    record.refresh_from_db()
    return _merge_out(record)

"""Scheduled runs (digests, notifications, capture), as Settings and `goodwill jobs` show them."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Query, Router, Schema

from goodwill.api.errors import ERRORS

router = Router(tags=["reminders"])


class JobRunOut(Schema):
    id: int
    kind: str = Field(description="digest, push or capture")
    what: str = Field(description='What ran, as the user reads it ("capture: Work mail")')
    status: str = Field(description="queued, running, done, skipped (nothing to do), failed (tried again), gave_up")
    queued_at: datetime
    finished_at: datetime | None
    attempts: int
    next_try_at: datetime | None = Field(description="When a failed run is tried again")
    summary: str
    error: str


class JobsQuery(Schema):
    problems: bool = Field(False, description="Only runs that failed")
    limit: int = Field(20, ge=1, le=500)


@router.get("", response={200: list[JobRunOut], **ERRORS}, summary="My scheduled runs, newest first")
def list_jobs(request, query: Query[JobsQuery]):
    from goodwill.queries.jobs import recent_runs

    return [row.__dict__ for row in recent_runs(request.auth, limit=query.limit, problems_only=query.problems)]

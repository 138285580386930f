"""The two reads behind every logged-in request: the session, then its user.

Django's session store and auth backend build each with the ORM on every request; on a firm's
server that compiling was a fifth of a worker's CPU under load (issue 18). Here they are
compile-once reads (goodwill.queries.compiled) that return the same instances."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session

from goodwill.queries.compiled_records import CompiledRecords

_LIVE_SESSION = CompiledRecords(Session, lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now))
_USER = CompiledRecords(get_user_model(), lambda user_id: get_user_model().objects.filter(pk=user_id))


def live_session(key: str, now: datetime) -> Session | None:
    """The session under this key if it has not expired, as Django's database store reads it."""
    found = _LIVE_SESSION.records(key=key, now=now)
    return found[0] if found else None


def user_by_id(user_id: Any) -> Any | None:
    """The user with this primary key (active or not: the backend decides), or None."""
    found = _USER.records(user_id=user_id)
    return found[0] if found else None

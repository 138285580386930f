"""The two reads behind every logged-in request: the session, then its user.

Django's session store and auth backend build each with the ORM on every request; on a firm's
server that compiling was a fifth of a worker's CPU under load (issue 18). Here they are
compile-once reads (goodwill.queries.compiled) that return the same instances. The session's
read also brings the data-change marker (goodwill/data_version.py), which a cached page would
otherwise ask for in a statement of its own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL

from goodwill import data_version
from goodwill.queries.compiled import Compiled
from goodwill.queries.compiled_records import CompiledRecords

_LIVE_SESSION = Compiled(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).values_list(
        "session_key",
        "session_data",
        "expire_date",
        RawSQL(data_version.marker_sql(connection.vendor), [], output_field=TextField()),
    )
)
_USER = CompiledRecords(get_user_model(), lambda user_id: get_user_model().objects.filter(pk=user_id))


def live_session(key: str, now: datetime) -> tuple[Session, str] | None:
    """The session under this key if it has not expired, as Django's database store reads
    it, and the data-change marker read in the same statement (before anything else the
    request reads, as the page cache needs it)."""
    found = _LIVE_SESSION.rows(key=key, now=now)
    if not found:
        return None
    session_key, data, expires, marker = found[0]
    return Session(session_key=session_key, session_data=data, expire_date=expires), data_version.as_text(marker)


def user_by_id(user_id: Any) -> Any | None:
    """The user with this primary key (active or not: the backend decides), or None."""
    found = _USER.records(user_id=user_id)
    return found[0] if found else None

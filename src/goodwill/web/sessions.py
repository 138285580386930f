"""Django's database session store, reading the session through a compile-once statement
(goodwill.queries.sessions). SESSION_ENGINE names this module; the table, the data and
every other behaviour are Django's."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.utils import timezone

from goodwill.queries.sessions import live_session
from goodwill.services.password_backend import DJANGO_MODEL_BACKEND, PASSWORD_BACKEND


class SessionStore(db.SessionStore):
    # The data-change marker, read with the session (queries/sessions.py): a cached page's key
    # uses it (web/page_cache.py). None until a session was read from the database.
    data_marker: str | None = None

    def _get_session_from_db(self):
        found = live_session(self.session_key, timezone.now()) if self.session_key else None
        if found is None:
            self._session_key = None  # as Django's store: an unknown or expired key is forgotten
            return None
        session, self.data_marker = found
        return session

    def load(self):
        data = super().load()
        # A login made before PasswordBackend replaced Django's ModelBackend (which it only
        # subclasses) names Django's: it stays a login.
        if data.get(BACKEND_SESSION_KEY) == DJANGO_MODEL_BACKEND:
            data[BACKEND_SESSION_KEY] = PASSWORD_BACKEND
        return data

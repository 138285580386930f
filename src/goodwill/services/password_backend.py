"""Django's password backend, reading the user of each logged-in request through a
compile-once statement (goodwill.queries.sessions): AUTHENTICATION_BACKENDS names this
class where it named django.contrib.auth.backends.ModelBackend. Passwords, permissions
and who may log in are Django's."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from goodwill.queries.sessions import user_by_id

# Sessions made before this backend name Django's; they stay logged in (web/sessions.py).
DJANGO_MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
PASSWORD_BACKEND = "goodwill.services.password_backend.PasswordBackend"


class PasswordBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_by_id(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

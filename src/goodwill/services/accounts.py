"""The users Goodwill acts for. The CLI acts as the local default user."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from goodwill.habits.cadence import DEFAULT_CIRCLES
from goodwill.models import Circle, UserSettings

LOCAL_USERNAME = "me"


@transaction.atomic
def ensure_defaults(user) -> UserSettings:
    """Give a user their settings and the default circles, once."""
    prefs, created = UserSettings.objects.get_or_create(user=user)
    if created or not Circle.objects.filter(owner=user).exists():
        for position, (name, rhythm) in enumerate(DEFAULT_CIRCLES.items()):
            Circle.objects.get_or_create(
                owner=user,
                name=name,
                defaults={"ideal_days": rhythm.ideal_days, "max_days": rhythm.max_days, "position": position},
            )
    return prefs


def local_user():
    """The user the CLI acts as on a laptop, created on first use."""
    User = get_user_model()
    user = User.objects.filter(username=LOCAL_USERNAME).first()
    if user is None:
        user = User.objects.create_user(username=LOCAL_USERNAME)
    ensure_defaults(user)
    return user


def settings_for(user) -> UserSettings:
    return UserSettings.objects.get_or_create(user=user)[0]

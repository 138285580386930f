"""The users Goodwill acts for. The CLI acts as the local default user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, transaction

from goodwill.habits.cadence import DEFAULT_CIRCLES
from goodwill.models import Circle, UserSettings
from goodwill.queries.accounts import DEFAULTS_THERE as _DEFAULTS_THERE
from goodwill.queries.accounts import LOCAL_USER as _LOCAL_USER
from goodwill.queries.accounts import LOCAL_USERNAME as LOCAL_USERNAME
from goodwill.queries.compiled import Compiled

# The read side lives in queries and never writes; named here too, for the services that read.
from goodwill.queries.user_settings import settings_for as settings_for


def ensure_defaults(user) -> None:
    """Give a user their settings and the default circles, once.

    Runs on every web request for the local user, so the usual case (all there)
    only reads, in one compiled statement: a write transaction here would take
    SQLite's write lock on every page and queue concurrent requests behind each other."""
    if not _DEFAULTS_THERE.exists(user_id=user.pk):
        _create_defaults(user)


@transaction.atomic
def _create_defaults(user) -> None:
    _prefs, created = UserSettings.objects.get_or_create(user=user)
    if created or not Circle.objects.filter(owner=user).exists():
        for position, (name, rhythm) in enumerate(DEFAULT_CIRCLES.items()):
            Circle.objects.get_or_create(
                owner=user,
                name=name,
                defaults={"ideal_days": rhythm.ideal_days, "max_days": rhythm.max_days, "position": position},
            )


def local_user():
    """The user the CLI acts as on a laptop, created on first use."""
    User = get_user_model()
    names = _user_fields()
    found = _LOCAL_USER.rows(username=LOCAL_USERNAME, names=names)
    user = User.from_db(DEFAULT_DB_ALIAS, names, found[0]) if found else User.objects.create_user(LOCAL_USERNAME)
    ensure_defaults(user)
    return user


def _user_fields() -> tuple[str, ...]:
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


def settings_for_update(user) -> UserSettings:
    """The write side: the user's settings row, created when missing, to change and save.
    Readers use settings_for, which never writes."""
    return UserSettings.objects.get_or_create(user=user)[0]


def create_login(username: str, password: str):
    """A login for the web app (and the API's owner): argon2-hashed, with its defaults.

    The password must pass Django's validators (at least 10 characters, not a
    common one); a one-line InvalidInput says what to change."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from goodwill.errors import InvalidInput

    name = (username or "").strip()
    if not name or len(name) > 150 or any(ch.isspace() for ch in name):
        raise InvalidInput(f'"{username}" is not a user name; use one word such as "alice" (at most 150 characters)')
    User = get_user_model()
    if User.objects.filter(username__iexact=name).exists():
        raise InvalidInput(f'there is already a user called "{name}"; pick another name')
    try:
        validate_password(password or "", User(username=name))
    except ValidationError as exc:
        raise InvalidInput("password refused: " + " ".join(exc.messages)) from None
    with transaction.atomic():
        user = User.objects.create_user(username=name, password=password)
        ensure_defaults(user)
    return user


def logins_exist() -> bool:
    """Whether anyone can log in with a password (the local user has none)."""
    return _LOGINS.exists()


# Read on every web request on a laptop (issue 18): compiled once, bound per call (queries.compiled).
_LOGINS = Compiled(
    lambda: (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(password__startswith="!")
        .exclude(password="")
        .values_list("id")
    )
)

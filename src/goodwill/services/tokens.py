"""API tokens and the calendar feed's secret.

An API token is shown once, when it is made; only its SHA-256 is stored, so a
copy of the database does not hand out access. The feed token is different:
it sits in a URL the user pastes into a calendar and must be shown again on
the settings page, so it is kept as is and can be regenerated or revoked."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import ApiToken
from goodwill.services.accounts import settings_for, settings_for_update

TOKEN_PREFIX = "gw_"
PREFIX_SHOWN = 10  # "gw_" and 7 characters: enough to tell tokens apart in a list
MAX_NAME = 100
# Writing last_used_at on every request would turn each read into a write;
# once a minute is precise enough to see which tokens are in use.
LAST_USED_PRECISION = timedelta(minutes=1)
FEED_TOKEN_BYTES = 24  # 32 URL-safe characters
MIN_FEED_TOKEN = 20  # shorter strings are never looked up (the empty one means "no feed")


@dataclass
class NewToken:
    token: ApiToken
    plain: str  # shown to the user once, never stored


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput('a token needs a name saying where it is used, e.g. "laptop script"')
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"a token name is at most {MAX_NAME} characters; give a shorter one")
    return cleaned


@transaction.atomic
def create_token(owner, name: str) -> NewToken:
    cleaned = _clean_name(name)
    # "Laptop" and "laptop" are one name to a person, as device passwords are (dav_passwords).
    if ApiToken.objects.filter(owner=owner, name__iexact=cleaned, revoked_at__isnull=True).exists():
        raise InvalidInput(f'you already have a token called "{cleaned}"; pick another name or revoke that one')
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner, name=cleaned, prefix=plain[:PREFIX_SHOWN], key_hash=hash_token(plain), created_at=clock.now()
    )
    return NewToken(token=token, plain=plain)


def list_tokens(owner, *, include_revoked: bool = False):
    tokens = ApiToken.objects.filter(owner=owner)
    if not include_revoked:
        tokens = tokens.filter(revoked_at__isnull=True)
    return tokens.order_by("-created_at", "-id")


def get_token(owner, token_id: int | str) -> ApiToken:
    text = str(token_id).strip().lstrip("#")
    if not text.isdecimal():
        raise InvalidInput(f'"{token_id}" is not a token id', code="token-id")
    return ApiToken.objects.get_owned(owner, text)


@transaction.atomic
def revoke_token(owner, token_id: int | str) -> ApiToken:
    token = get_token(owner, token_id)
    if token.revoked_at is not None:
        raise InvalidInput(f'token #{token.pk} "{token.name}" is already revoked')
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


def is_token(token: ApiToken, plain: str | None) -> bool:
    """Whether `plain` is this token: the API says so when a request revokes the token it came with."""
    return bool(plain) and hmac.compare_digest(token.key_hash, hash_token(plain or ""))


def authenticate(plain: str | None):
    """The active user a token belongs to, or None for a wrong, revoked or malformed token."""
    if not plain or not plain.startswith(TOKEN_PREFIX) or len(plain) > 200:
        return None
    # Looked up by hash: the database never sees the token, and a timing
    # difference can only reveal a hash prefix, which does not help a guesser.
    token = (
        ApiToken.objects.filter(key_hash=hash_token(plain), revoked_at__isnull=True)
        .select_related("owner")
        .only("id", "last_used_at", "owner")
        .first()
    )
    if token is None or not token.owner.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        # One UPDATE of one row, no model save; concurrent requests may both write, harmlessly.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.owner


# The calendar feed.


def feed_token(owner) -> str:
    """The current feed token, or "" when the feed is off."""
    return settings_for(owner).feed_token


@transaction.atomic
def regenerate_feed_token(owner) -> str:
    """A new secret: the old feed URL stops working at once."""
    prefs = settings_for_update(owner)
    prefs.feed_token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    prefs.save(update_fields=["feed_token"])
    return prefs.feed_token


def ensure_feed_token(owner) -> str:
    """The feed token, made on first use."""
    return feed_token(owner) or regenerate_feed_token(owner)


@transaction.atomic
def revoke_feed_token(owner) -> None:
    prefs = settings_for_update(owner)
    if not prefs.feed_token:
        raise InvalidInput("the calendar feed is already off", code="feed-off")
    prefs.feed_token = ""
    prefs.save(update_fields=["feed_token"])


def user_for_feed_token(token: str | None):
    """The active user whose feed this is, or None."""
    if not token or len(token) < MIN_FEED_TOKEN or len(token) > 64:
        return None
    user = get_user_model().objects.filter(goodwill_settings__feed_token=token, is_active=True).first()
    return user

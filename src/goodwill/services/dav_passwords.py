"""Per-device app passwords for the phone (CardDAV/CalDAV, goodwill.dav).

A device password is made by Goodwill (80 random bits, "k7qm-2xwd-9fzt-hc4p": easy to
type on a phone), shown once, and stored only as its SHA-256: like API tokens, a copy of
the database hands out no access, and a lookup by hash reveals nothing to a timer.
It opens the phone's collections and nothing else: never the web pages, never the API,
and never the laptop's no-password local login (a phone always sends one).

Wrong passwords count toward the same lockout as web logins (django-axes, keyed on the
username and the client's address): `check_device_password` goes through Django's
`authenticate`, whose failures axes records, with `DevicePasswordBackend`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import DavPassword

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off a screen, typed on a phone
GROUPS, GROUP_SIZE = 4, 4
MAX_NAME = 60
LAST_USED_PRECISION = timedelta(minutes=1)  # a phone syncs often: one write a minute is plenty


@dataclass
class NewDevicePassword:
    device: DavPassword
    plain: str  # shown once, never stored


def hash_password(plain: str) -> str:
    return hashlib.sha256(normalize(plain).encode("utf-8")).hexdigest()


def normalize(plain: str) -> str:
    """Typed on a phone: case, spaces and missing dashes don't matter."""
    compact = "".join(ch for ch in plain.lower() if ch.isalnum())
    if len(compact) != GROUPS * GROUP_SIZE:
        return plain  # not one of ours: hashed as given, so it matches nothing
    return "-".join(compact[i : i + GROUP_SIZE] for i in range(0, len(compact), GROUP_SIZE))


def _new_plain() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_SIZE)) for _ in range(GROUPS))


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidInput('a device password needs the device\'s name, e.g. "iPhone" or "Thunderbird"')
    if len(cleaned) > MAX_NAME:
        raise InvalidInput(f"a device name is at most {MAX_NAME} characters; give a shorter one")
    return cleaned


@transaction.atomic
def add_device_password(owner, name: str) -> NewDevicePassword:
    cleaned = _clean_name(name)
    if DavPassword.objects.filter(owner=owner, name__iexact=cleaned, revoked_at__isnull=True).exists():
        raise InvalidInput(f'you already have a password for "{cleaned}"; revoke it first or pick another name')
    plain = _new_plain()
    device = DavPassword.objects.create(
        owner=owner, name=cleaned, password_hash=hash_password(plain), hint=plain[-4:], created_at=clock.now()
    )
    return NewDevicePassword(device, plain)


def device_passwords(owner, *, include_revoked: bool = False) -> list[DavPassword]:
    rows = DavPassword.objects.filter(owner=owner)
    if not include_revoked:
        rows = rows.filter(revoked_at__isnull=True)
    return list(rows)


def get_device_password(owner, ref: int | str) -> DavPassword:
    """By number ("3", "#3") or by device name (case-insensitive, active ones first)."""
    text = str(ref or "").strip()
    if text.lstrip("#").isdecimal():
        return DavPassword.objects.get_owned(owner, text)
    found = (
        DavPassword.objects.filter(owner=owner, name__iexact=" ".join(text.split()))
        # Active ones first: PostgreSQL sorts NULLs last unless told, SQLite first.
        .order_by(F("revoked_at").asc(nulls_first=True), "-created_at")
        .first()
    )
    if found is None:
        raise InvalidInput(f'no device password called "{text}"; `goodwill dav password list` shows them')
    return found


@transaction.atomic
def revoke_device_password(owner, ref: int | str) -> DavPassword:
    device = get_device_password(owner, ref)
    if device.revoked_at is not None:
        raise InvalidInput(f'the password for "{device.name}" is already revoked')
    device.revoked_at = clock.now()
    device.save(update_fields=["revoked_at"])
    return device


def user_for_device_password(username: str, plain: str):
    """The active user whose unrevoked device password this is, or None."""
    if not username or not plain or len(plain) > 100:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        return None
    device = (
        DavPassword.objects.filter(owner=user, password_hash=hash_password(plain), revoked_at__isnull=True)
        .only("id", "last_used_at")
        .first()
    )
    if device is None:
        return None
    now = clock.now()
    if device.last_used_at is None or now - device.last_used_at >= LAST_USED_PRECISION:
        DavPassword.objects.filter(pk=device.pk).update(last_used_at=now)
    return user


class DevicePasswordBackend:
    """A Django authentication backend that answers only to `device_password=`: a
    login form (username, password) never reaches it, so a device password can't
    open the web app."""

    def authenticate(self, request, username=None, device_password=None, **kwargs):
        if device_password is None:
            return None
        return user_for_device_password(username or "", device_password)

    def get_user(self, user_id):
        return None  # never a session


def check_device_password(username: str, plain: str, request):
    """For the DAV server: the user, or None for a wrong, revoked or locked-out login.
    Through Django's authenticate, so axes counts failures and refuses a locked login."""
    from django.contrib.auth import authenticate

    return authenticate(request, username=username, device_password=plain)

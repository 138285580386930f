"""Secrets at rest: passwords and tokenised URLs that scheduled work needs (SMTP, IMAP,
CalDAV, push channels), never stored in plain text in the database.

Where they go:
- GOODWILL_SECRETS_KEY set (a server, or anyone who prefers it): encrypted with that key
  (Fernet: AES-128-CBC with an HMAC) in an EncryptedSecret row. Lose the key and the
  secrets are gone; the rest of the data is not affected.
- Otherwise the OS keyring (macOS Keychain, Windows Credential Locker, the Secret Service
  on Linux desktops) through `keyring`, under the service "goodwill".

A record keeps only a reference ("db:NAME" or "keyring:NAME"), so a backup or an export
never carries a secret either.
"""

from __future__ import annotations

import os

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.models import EncryptedSecret

ENV_KEY = "GOODWILL_SECRETS_KEY"
KEYRING_SERVICE = "goodwill"


def new_key() -> str:
    """A fresh key for GOODWILL_SECRETS_KEY."""
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode()


def _fernet():
    from cryptography.fernet import Fernet

    key = os.environ.get(ENV_KEY, "").strip()
    try:
        return Fernet(key.encode())
    except ValueError:
        raise InvalidInput(
            f"{ENV_KEY} is not a valid key (32 url-safe base64 bytes); make one with `goodwill secrets key`",
            code="secrets-key",
        ) from None


def _keyring():
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise InvalidInput(
            f"there is no OS keyring on this machine to keep the password in; set {ENV_KEY} "
            "(make one with `goodwill secrets key`) to keep it encrypted in the database instead",
            code="no-keyring",
        )
    return keyring


def _account(owner, name: str) -> str:
    return f"{owner.pk}:{name}"


def store_secret(owner, name: str, value: str) -> str:
    """Keep `value` under `name` for this owner; returns the reference to store on the record."""
    if not value:
        raise InvalidInput("the secret is empty", code="secret-empty")
    if os.environ.get(ENV_KEY):
        token = _fernet().encrypt(value.encode()).decode()
        EncryptedSecret.objects.update_or_create(
            owner=owner, name=name, defaults={"token": token, "created_at": clock.now()}
        )
        return f"db:{name}"
    _keyring().set_password(KEYRING_SERVICE, _account(owner, name), value)
    return f"keyring:{name}"


def load_secret(owner, ref: str) -> str:
    """The secret a reference names; a clear error when it can no longer be read."""
    where, _, name = ref.partition(":")
    if where == "db":
        row = EncryptedSecret.objects.filter(owner=owner, name=name).first()
        if row is None:
            raise InvalidInput(f"the saved secret {name!r} is missing; enter the password again", code="secret-gone")
        from cryptography.fernet import InvalidToken

        try:
            return _fernet().decrypt(row.token.encode()).decode()
        except InvalidToken:
            raise InvalidInput(
                f"the saved secret {name!r} was encrypted with another {ENV_KEY}; enter the password again",
                code="secret-key-changed",
            ) from None
    if where == "keyring":
        value = _keyring().get_password(KEYRING_SERVICE, _account(owner, name))
        if value is None:
            raise InvalidInput(
                f"the OS keyring has no secret {name!r} any more; enter the password again", code="secret-gone"
            )
        return value
    raise InvalidInput("no password is saved for this; enter it again", code="secret-gone")


def forget_secret(owner, ref: str) -> None:
    """Remove a secret (a removed source or channel leaves nothing behind)."""
    where, _, name = ref.partition(":")
    if where == "db":
        EncryptedSecret.objects.filter(owner=owner, name=name).delete()
    elif where == "keyring":
        import keyring
        from keyring.errors import PasswordDeleteError

        try:
            keyring.delete_password(KEYRING_SERVICE, _account(owner, name))
        except PasswordDeleteError:
            pass

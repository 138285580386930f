"""Key accounts (docs/firm.md, "Key relationships"): partners mark the firm's key clients and
targets, edit their note or kind, and unmark them. An account is one organization across every
network, recognised by its key (habits.dupes.org_key: "Acme, Inc." and "ACME" are one)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from goodwill import clock
from goodwill.errors import InvalidInput
from goodwill.habits.dupes import org_key
from goodwill.models import KeyAccount
from goodwill.models.base import Owner
from goodwill.queries.firm_access import require_partner
from goodwill.queries.firm_accounts import get_account

KINDS = (KeyAccount.CLIENT, KeyAccount.TARGET)
MAX_NAME, MAX_NOTE = 200, 500


def _kind(kind: str) -> str:
    text = (kind or "").strip().lower()
    if text not in KINDS:
        raise InvalidInput(f'"{kind}" is not a kind of key account; use "client" or "target"')
    return text


def _note(note: str | None) -> str:
    text = " ".join((note or "").split())
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"the note is {len(text)} characters; keep it to {MAX_NOTE}")
    return text


def mark(partner: Owner, name: str, kind: str = KeyAccount.CLIENT, note: str = "") -> KeyAccount:
    """Mark an organization as a key client or target. One account per organization."""
    require_partner(partner)
    text = " ".join((name or "").split())
    if not text:
        raise InvalidInput("no organization named; give the key account's name, e.g. Acme Inc.")
    if len(text) > MAX_NAME:
        raise InvalidInput(f"the name is {len(text)} characters; keep it to {MAX_NAME}")
    key = org_key(text)
    if not key:
        raise InvalidInput(f'"{text}" names no organization; give its name, e.g. Acme Inc.')
    kind, note = _kind(kind), _note(note)
    existing = KeyAccount.objects.filter(key=key).first()
    if existing is not None:
        raise InvalidInput(f'"{text}" is already a key account: #{existing.pk} {existing.name} ({existing.kind})')
    try:
        with transaction.atomic():
            return KeyAccount.objects.create(
                name=text, key=key, kind=kind, note=note, marked_by=partner, created_at=clock.now()
            )
    except IntegrityError:  # marked by someone else at the same moment
        existing = KeyAccount.objects.get(key=key)
        raise InvalidInput(
            f'"{text}" is already a key account: #{existing.pk} {existing.name} ({existing.kind})'
        ) from None


def edit(partner: Owner, account_id: int, *, kind: str | None = None, note: str | None = None) -> KeyAccount:
    """Change an account's kind or note (None leaves it as it is)."""
    account = get_account(partner, account_id)
    if kind is not None:
        account.kind = _kind(kind)
    if note is not None:
        account.note = _note(note)
    account.save(update_fields=["kind", "note"])
    return account


def unmark(partner: Owner, account_id: int) -> KeyAccount:
    """No longer a key account. Nobody's people or encounters change."""
    account = get_account(partner, account_id)
    gone = KeyAccount(pk=account.pk, name=account.name, key=account.key, kind=account.kind, note=account.note)
    account.delete()
    return gone

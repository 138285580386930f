"""One-click links in the digest: done, snooze a week, replied, log a touch.

A link is Django's signing framework (signing.dumps with its own salt, read back with
max_age), never a home-made token. It carries the user, the action, what it acts on and a
random nonce. It works without a login session, expires after LINK_DAYS, and works once:
using it inserts a LinkUse row whose nonce is unique, in the same transaction as the action,
so two clicks (or two servers) can never both act. The row keeps the state before, so the
confirmation page can undo it.

A link acts only for the user who was sent it: every target is looked up as that user's
(get_owned), so a link signed for bob can never touch alice's data."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.core import signing
from django.db import IntegrityError, transaction

from goodwill import clock, config
from goodwill.errors import InvalidInput, UserError
from goodwill.models import Interaction, LinkUse, NextStep, Person, StepStatus
from goodwill.queries.digest import DONE, REPLIED, SNOOZE, TOUCH, step_words

SALT = "goodwill.one_click"
LINK_DAYS = 7
SNOOZE_DAYS = 7
ACTIONS = (DONE, SNOOZE, REPLIED, TOUCH)
TOUCH_SUMMARY = "Touched base (from the daily digest)"


class LinkProblem(UserError):
    """A link that cannot act: `status` is the HTTP answer a page gives (410 gone, 400 bad, 409 nothing to do)."""

    status = 400


class LinkExpired(LinkProblem):
    status = 410


class LinkUsed(LinkProblem):
    status = 410


class LinkInvalid(LinkProblem):
    status = 400


class NothingToDo(LinkProblem):
    status = 409


@dataclass(frozen=True)
class Claim:
    """What a signed link says: whose, which action, on what, and its one-time nonce."""

    user_id: int
    action: str
    target: str  # "step:12" or "person:3"
    nonce: str


@dataclass(frozen=True)
class LinkResult:
    action: str
    said: str  # "Done: mail her the trail map (Jane Doe)"
    can_undo: bool


def _signing_key() -> str:
    """The key links are signed with. Never the public default key where others can reach the
    server: GOODWILL_SECRET_KEY when set, else one derived from GOODWILL_SECRETS_KEY (a server
    keeping secrets has it), else, only while links point at this machine, the default."""
    from django.conf import settings

    from goodwill.hosts import is_loopback_host
    from goodwill.services.secrets import ENV_KEY

    if os.environ.get("GOODWILL_SECRET_KEY"):
        return settings.SECRET_KEY
    kept = os.environ.get(ENV_KEY, "").strip()
    if kept:
        return hmac.new(kept.encode(), SALT.encode(), hashlib.sha256).hexdigest()
    if is_loopback_host(urlsplit(config.base_url()).hostname or ""):
        return settings.SECRET_KEY  # a laptop: the links reach only this machine
    raise InvalidInput(
        "one-click links need a secret key on a server others reach: set GOODWILL_SECRET_KEY",
        code="link-key",
    )


def sign_link(owner, action: str, target: str) -> str:
    if action not in ACTIONS:
        raise ValueError(f"unknown one-click action {action!r}")
    payload = {"u": owner.pk, "a": action, "t": target, "n": secrets.token_urlsafe(12)}
    return signing.dumps(payload, key=_signing_key(), salt=SALT, compress=True)


def link_url(owner, action: str, target: str) -> str:
    """The link's full address, under the address the server is reached at."""
    return f"{config.base_url()}/r/{sign_link(owner, action, target)}/"


def read_link(token: str) -> Claim:
    try:
        payload = signing.loads(token, key=_signing_key(), salt=SALT, max_age=timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkExpired(
            f"this link has expired (links work for {LINK_DAYS} days); open Goodwill to do it there",
            code="link-expired",
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkInvalid("this link is not valid: it may have been cut or changed", code="link-invalid") from None
    try:
        claim = Claim(int(payload["u"]), str(payload["a"]), str(payload["t"]), str(payload["n"]))
    except (KeyError, TypeError, ValueError):
        raise LinkInvalid("this link is not valid", code="link-invalid") from None
    if claim.action not in ACTIONS:
        raise LinkInvalid("this link is not valid", code="link-invalid")
    return claim


def _owner(claim: Claim):
    from django.contrib.auth import get_user_model

    owner = get_user_model().objects.filter(pk=claim.user_id, is_active=True).first()
    if owner is None:
        raise LinkInvalid("this link is not valid any more", code="link-invalid")
    return owner


def _target(owner, claim: Claim) -> NextStep | Person:
    kind, _, pk = claim.target.partition(":")
    if not pk.isdecimal():
        raise LinkInvalid("this link is not valid", code="link-invalid")
    try:
        if kind == "step":
            return NextStep.objects.select_related("person", "interaction").get_owned(owner, pk)
        if kind == "person":
            return Person.objects.get_owned(owner, pk)
    except UserError:
        raise NothingToDo("what this link was for is no longer in Goodwill", code="link-gone") from None
    raise LinkInvalid("this link is not valid", code="link-invalid")


def use_link(token: str) -> LinkResult:
    """Do what the link says, once; a second click is LinkUsed."""
    claim = read_link(token)
    owner = _owner(claim)
    try:
        with transaction.atomic():
            # Claimed first: a second click waits on this row, then finds it (the nonce is unique).
            use = LinkUse.objects.create(
                owner=owner, nonce=claim.nonce, action=claim.action, target=claim.target, used_at=clock.now()
            )
            try:
                said, undo = _act(owner, claim)
            except LinkProblem:
                raise
            except UserError as exc:  # e.g. the step was already done in the app
                raise NothingToDo(f"nothing to change: {exc}", code="link-nothing") from None
            use.undo = undo
            use.save(update_fields=["undo"])
    except IntegrityError:
        raise LinkUsed("this link was already used; each link works once", code="link-used") from None
    return LinkResult(claim.action, said, can_undo=True)


def used_before(token: str) -> LinkResult | None:
    """What a used link did (for its page after the click), or None when it was not used."""
    claim = read_link(token)
    use = LinkUse.objects.filter(nonce=claim.nonce, owner_id=claim.user_id).first()
    if use is None:
        return None
    said = "Undone." if use.undone_at else "This link was already used."
    return LinkResult(claim.action, said, can_undo=use.undone_at is None)


def undo_link(token: str) -> LinkResult:
    """Put back what the link changed (once)."""
    claim = read_link(token)
    owner = _owner(claim)
    with transaction.atomic():
        use = LinkUse.objects.select_for_update().filter(nonce=claim.nonce, owner=owner).first()
        if use is None:
            raise NothingToDo("this link has not been used, so there is nothing to undo", code="link-unused")
        if use.undone_at is not None:
            raise LinkUsed("this was already undone", code="link-undone")
        try:
            said = _undo(owner, claim, use.undo)
        except UserError as exc:
            raise NothingToDo(f"cannot undo: {exc}", code="link-nothing") from None
        use.undone_at = clock.now()
        use.save(update_fields=["undone_at"])
    return LinkResult(claim.action, said, can_undo=False)


def _act(owner, claim: Claim) -> tuple[str, dict[str, Any]]:
    from goodwill.queries.owed import replies_owed_to
    from goodwill.services.interactions import LogRequest, log_interaction, mark_replied
    from goodwill.services.people import snooze_person
    from goodwill.services.steps import complete_step, reschedule_step

    target = _target(owner, claim)
    today = clock.today()
    if isinstance(target, NextStep):
        words = f"{step_words(target)} ({target.person.name})"
        if claim.action == DONE:
            complete_step(owner, target)
            return f"Done: {words}.", {}
        if claim.action == SNOOZE:
            undo = {"due_on": target.due_on.isoformat() if target.due_on else None, "firm": target.due_firm}
            due = today + timedelta(days=SNOOZE_DAYS)
            reschedule_step(owner, target, due, firm=target.due_firm)
            return f"Moved to {due:%a} {due.day} {due:%b}: {words}.", undo
        raise LinkInvalid("this link is not valid", code="link-invalid")
    person = target
    if claim.action == REPLIED:
        when = clock.now()
        ids = list(replies_owed_to(owner, person).filter(occurred_at__lte=when).values_list("id", flat=True))
        mark_replied(owner, person, when)
        return f"Marked the reply to {person.name} as sent.", {"ids": ids, "at": when.isoformat()}
    if claim.action == SNOOZE:
        until = today + timedelta(days=SNOOZE_DAYS)
        undo = {"snoozed_until": person.snoozed_until.isoformat() if person.snoozed_until else None}
        snooze_person(owner, person, until)
        return f"{person.name} snoozed until {until:%a} {until.day} {until:%b}.", undo
    if claim.action == TOUCH:
        logged = log_interaction(
            owner,
            LogRequest(kind="message", people=[person], summary=TOUCH_SUMMARY, closes_replies=False, next_steps=[]),
        )
        return f"Logged a touch with {person.name}.", {"interaction": logged.interaction.pk}
    raise LinkInvalid("this link is not valid", code="link-invalid")


def _undo(owner, claim: Claim, undo: dict[str, Any]) -> str:
    from goodwill.services.rhythm import recount_last_touch
    from goodwill.services.steps import reopen_step

    target = _target(owner, claim)
    if isinstance(target, NextStep):
        if claim.action == DONE:
            reopen_step(owner, target)
            return f"Open again: {step_words(target)} ({target.person.name})."
        if target.status != StepStatus.OPEN:
            raise NothingToDo(f"{step_words(target)} is {target.status} now", code="link-nothing")
        from goodwill.services.steps import reschedule_step

        firm = bool(undo.get("firm", True))
        if undo.get("due_on"):  # through the service: the step's history shows the date moving back
            reschedule_step(owner, target, date.fromisoformat(undo["due_on"]), firm=firm)
        else:
            target.due_on, target.due_firm = None, firm
            target.save(update_fields=["due_on", "due_firm"])
        return f"Back to its date: {step_words(target)} ({target.person.name})."
    person = target
    if claim.action == REPLIED:
        at = datetime.fromisoformat(undo["at"])
        Interaction.objects.filter(owner=owner, pk__in=undo.get("ids", []), replied_at=at).update(replied_at=None)
        return f"The reply to {person.name} is owed again."
    if claim.action == SNOOZE:
        old_until = undo.get("snoozed_until")
        person.snoozed_until = date.fromisoformat(old_until) if old_until else None
        person.save(update_fields=["snoozed_until"])
        return f"{person.name} is not snoozed any more."
    if claim.action == TOUCH:
        Interaction.objects.filter(owner=owner, pk=int(undo.get("interaction") or 0), summary=TOUCH_SUMMARY).delete()
        recount_last_touch(person)
        return f"The touch with {person.name} is taken back."
    raise LinkInvalid("this link is not valid", code="link-invalid")

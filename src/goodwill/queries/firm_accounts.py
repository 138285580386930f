"""Key relationships (docs/firm.md): for each key client or target, who in the firm knows whom
there, the strongest tie, the ties going cold, and whether the account is single-threaded.

Built from what the viewer may see: each colleague's ties show only what that colleague's
sharing level allows (queries.firm_access.share_levels), a tie shared at "nothing" is left
out for partners and admins too, and scores are the shared ones (confidential encounters
never count, queries.firm_strength). Batched for firm scale, whatever the number of
accounts: one read of every account's people (as values, with their rhythm fields), one of
the sharing rules, one of the shared scores; the scores' parts and explanations are read only
for the ties shown (all of them on an account's page, the strongest on the overview).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper

from goodwill.errors import NotFound
from goodwill.habits.strength import Strength
from goodwill.models import Handover, KeyAccount, ShareLevel
from goodwill.models.base import Owner
from goodwill.queries.firm_access import (
    allows,
    colleague_logins,
    is_admin,
    require_partner,
    share_levels_of_records,
    visible,
)
from goodwill.queries.firm_identity import people_at_keys
from goodwill.queries.firm_strength import Trend, shared_scores, strength_trends
from goodwill.queries.rhythm import overdue_q

# A tie is warm when its shared score is at least this (1..100; docs/firm.md). An account
# where exactly one colleague holds a warm tie is single-threaded: if they leave, it goes cold.
WARM = 20


def is_cold(tie: Tie | Thread) -> bool:
    """Going cold: the strength is falling or a touch is overdue."""
    return tie.falling or tie.overdue


def is_warm(tie: Tie | Thread) -> bool:
    return tie.score >= WARM


@dataclass(frozen=True)
class Tie:
    """One colleague's relationship with one person at the account, as the viewer may see it."""

    colleague_id: int
    colleague: str  # their login
    person_id: int
    person: str  # the person's name
    title: str
    level: str  # the colleague's sharing level for this person ("mine" for the viewer's own)
    score: int  # the shared strength, 1..100
    why: str  # the score's parts, plus when they last met if the level allows it
    last_met: date | None  # only when the level allows it
    falling: bool  # the shared score is below what it was a quarter ago
    overdue: bool  # past the maximum gap of the person's rhythm (queries.rhythm.overdue_q)

    @property
    def cold(self) -> bool:
        return is_cold(self)

    @property
    def warm(self) -> bool:
        return is_warm(self)


class Thread(NamedTuple):
    """One visible tie, as counted for an account's summary (no explanation built; a tuple:
    the overview makes thousands)."""

    person_id: int
    colleague_id: int
    colleague: str
    person: str
    title: str
    level: ShareLevel | str
    score: int
    falling: bool
    overdue: bool


@dataclass
class AccountView:
    """A key account: the summary of the firm's ties there and, on its own page, the ties
    themselves, strongest first (the overview leaves `ties` empty)."""

    id: int
    name: str
    kind: str
    note: str
    marked_by: str
    strongest: Tie | None = None
    colleagues: int = 0  # how many colleagues know someone there
    cold: int = 0  # ties going cold
    warm_colleagues: int = 0  # colleagues holding a warm tie
    ties: list[Tie] = field(default_factory=list)

    @property
    def single_threaded(self) -> bool:
        """Exactly one colleague holds a warm tie there."""
        return self.warm_colleagues == 1


def overview(viewer: Owner, today: date) -> list[AccountView]:
    """Every key account with the summary of its ties (partners and admins only)."""
    require_partner(viewer)
    return _views(viewer, list(KeyAccount.objects.select_related("marked_by")), today, with_ties=False)


def account(viewer: Owner, account_id: int, today: date) -> AccountView:
    """One key account: who in the firm knows whom there (partners and admins only)."""
    require_partner(viewer)
    found = KeyAccount.objects.select_related("marked_by").filter(pk=account_id).first()
    if found is None:
        raise NotFound(f"no key account #{account_id}", thing="key account")
    return _views(viewer, [found], today, with_ties=True)[0]


def get_account(viewer: Owner, account_id: int) -> KeyAccount:
    require_partner(viewer)
    found = KeyAccount.objects.filter(pk=account_id).first()
    if found is None:
        raise NotFound(f"no key account #{account_id}", thing="key account")
    return found


# What an account's people are read with: one query for every account, as values (a large
# client has thousands of records across the firm).
RECORD_FIELDS = ("pk", "owner_id", "circle_id", "organization__key", "name", "title", "overdue")


def _views(viewer: Owner, accounts: list[KeyAccount], today: date, *, with_ties: bool) -> list[AccountView]:
    logins = colleague_logins(viewer) | {viewer.pk: viewer.username}
    keys = {acc.key for acc in accounts if acc.key}
    records = (
        people_at_keys(keys)
        .filter(owner_id__in=list(logins))
        .annotate(overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
        .order_by()
        .values_list(*RECORD_FIELDS)
    )
    by_key: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in records:
        by_key[row[3]].append(row)
    rows = [row for found in by_key.values() for row in found]
    levels: dict[int, ShareLevel | str] = {row[0]: "mine" for row in rows if row[1] == viewer.pk}
    theirs = [row[:3] for row in rows if row[1] != viewer.pk]
    levels.update({pk: lv for pk, lv in share_levels_of_records(theirs).items() if visible(lv)})
    scores = shared_scores(list(levels), today)
    threads: dict[int, list[Thread]] = {}
    for acc in accounts:
        found = [
            Thread(pk, owner_id, logins[owner_id], name, title or "", levels[pk], scores[pk][0], scores[pk][1], overdue)
            for pk, owner_id, _, _, name, title, overdue in by_key.get(acc.key, [])
            if pk in levels and pk in scores
        ]
        threads[acc.pk] = sorted(found, key=lambda t: (-t.score, t.colleague, t.person))
    # The explanations are read for the ties shown only: all of them on an account's page, the
    # strongest of each account on the overview (one read for every account).
    shown = {acc.pk: threads[acc.pk] if with_ties else threads[acc.pk][:1] for acc in accounts}
    trends = strength_trends([t.person_id for found in shown.values() for t in found], today)
    views = []
    for acc in accounts:
        found = threads[acc.pk]
        ties = [_tie(t, trends[t.person_id]) for t in shown[acc.pk] if t.person_id in trends]
        views.append(
            AccountView(
                acc.pk,
                acc.name,
                acc.kind,
                acc.note,
                acc.marked_by.username if acc.marked_by else "",
                strongest=ties[0] if ties else None,
                colleagues=len({t.colleague_id for t in found}),
                cold=sum(1 for t in found if is_cold(t)),
                warm_colleagues=len({t.colleague_id for t in found if is_warm(t)}),
                ties=ties if with_ties else [],
            )
        )
    return views


def _tie(thread: Thread, trend: Trend) -> Tie:
    level = thread.level
    return Tie(
        colleague_id=thread.colleague_id,
        colleague=thread.colleague,
        person_id=thread.person_id,
        person=thread.person,
        title=thread.title,
        level=str(level),
        score=trend.now.score,
        why=_why(trend.now, level),
        last_met=trend.now.last_met if _shows_last_met(level) else None,
        falling=trend.falling,
        overdue=thread.overdue,
    )


def _shows_last_met(level: ShareLevel | str) -> bool:
    return level == "mine" or allows(level, ShareLevel.LAST_MET)


def _why(strength: Strength, level: ShareLevel | str) -> str:
    """The score's explanation, without when they last met unless the level shares it."""
    if _shows_last_met(level):
        return strength.explain()
    return ", ".join(part.text for part in strength.parts) or "no encounters yet"


@dataclass(frozen=True)
class HandoverRow:
    id: int
    leaver: str
    recipient: str
    person: str
    account: str
    note: str
    by: str
    created_at: datetime
    to_person_id: int | None  # the recipient's person (theirs to open)


def handovers(viewer: Owner) -> list[HandoverRow]:
    """Past handovers: all of them for an admin, else those the viewer gave or received."""
    rows = Handover.objects.select_related("leaver", "recipient", "account", "by").order_by("-created_at", "-pk")
    if not is_admin(viewer):
        from django.db.models import Q

        rows = rows.filter(Q(leaver=viewer) | Q(recipient=viewer))
    return [
        HandoverRow(
            id=h.pk,
            leaver=h.leaver.username,
            recipient=h.recipient.username,
            person=h.name,
            account=h.account.name if h.account else "",
            note=h.note,
            by=h.by.username if h.by else "",
            created_at=h.created_at,
            to_person_id=h.to_person_id if h.recipient_id == viewer.pk else None,
        )
        for h in rows
    ]


def login_of(login: str) -> Owner:
    """An active colleague by login (a departed one is not in the firm)."""
    from goodwill.queries.firm_access import in_firm

    text = (login or "").strip()
    if not text:
        raise NotFound("no login given; name a colleague by their login", thing="login")
    user = get_user_model().objects.filter(username=text).first()
    if user is None or not in_firm(user):
        raise NotFound(f"no colleague with the login {text!r} in the firm", thing="login")
    return user


def leaver_named(actor: Owner, login: str) -> Owner:
    """Whose ties a handover moves: blank is the actor; a login names anyone, in the firm or
    departed (services.firm_departures.may_hand_over lets only an admin act for another)."""
    text = (login or "").strip()
    if not text or text == actor.username:
        return actor
    found = get_user_model().objects.filter(username=text).first()
    if found is None:
        raise NotFound(f"no login named {text!r}", thing="login")
    return found

"""Key relationships (docs/firm.md): for each key client or target, who in the firm knows whom
there, the strongest tie, the ties going cold, and whether the account is single-threaded.

Built from what the viewer may see: each colleague's ties show only what that colleague's
sharing level allows (queries.firm_access.share_levels), a tie shared at "nothing" is left
out for partners and admins too, and scores are the shared ones (confidential encounters
never count, queries.firm_strength). Batched for firm scale: one people_at query per
account, one sharing read for all colleagues, one strength_trends call, one read of the
people's rhythm fields.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model

from goodwill.errors import NotFound
from goodwill.habits.strength import Strength
from goodwill.models import Handover, KeyAccount, Person, ShareLevel
from goodwill.models.base import Owner
from goodwill.queries.firm_access import allows, colleague_ids, is_admin, require_partner, share_levels_of, visible

# A tie is warm when its shared score is at least this (1..100; docs/firm.md). An account
# where exactly one colleague holds a warm tie is single-threaded: if they leave, it goes cold.
WARM = 20


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
    overdue: bool  # past the person's rhythm (queries.rhythm.state_of says "overdue")

    @property
    def cold(self) -> bool:
        """Going cold: the strength is falling or a touch is overdue."""
        return self.falling or self.overdue

    @property
    def warm(self) -> bool:
        return self.score >= WARM


@dataclass
class AccountView:
    """A key account and the firm's ties there, strongest first."""

    id: int
    name: str
    kind: str
    note: str
    marked_by: str
    ties: list[Tie] = field(default_factory=list)

    @property
    def strongest(self) -> Tie | None:
        return self.ties[0] if self.ties else None

    @property
    def colleagues(self) -> int:
        """How many colleagues know someone there."""
        return len({t.colleague_id for t in self.ties})

    @property
    def cold(self) -> int:
        return sum(1 for t in self.ties if t.cold)

    @property
    def warm_colleagues(self) -> int:
        return len({t.colleague_id for t in self.ties if t.warm})

    @property
    def single_threaded(self) -> bool:
        """Exactly one colleague holds a warm tie there."""
        return self.warm_colleagues == 1


def overview(viewer: Owner, today: date) -> list[AccountView]:
    """Every key account with its ties (partners and admins only)."""
    require_partner(viewer)
    return _views(viewer, list(KeyAccount.objects.select_related("marked_by")), today)


def account(viewer: Owner, account_id: int, today: date) -> AccountView:
    """One key account: who in the firm knows whom there (partners and admins only)."""
    require_partner(viewer)
    found = KeyAccount.objects.select_related("marked_by").filter(pk=account_id).first()
    if found is None:
        raise NotFound(f"no key account #{account_id}", thing="key account")
    return _views(viewer, [found], today)[0]


def get_account(viewer: Owner, account_id: int) -> KeyAccount:
    require_partner(viewer)
    found = KeyAccount.objects.filter(pk=account_id).first()
    if found is None:
        raise NotFound(f"no key account #{account_id}", thing="key account")
    return found


def _views(viewer: Owner, accounts: list[KeyAccount], today: date) -> list[AccountView]:
    from goodwill.queries.firm_identity import people_at
    from goodwill.queries.firm_strength import strength_trends
    from goodwill.queries.rhythm import state_of

    firm = colleague_ids(viewer) | {viewer.pk}
    at: dict[int, dict[int, list[int]]] = {}  # account id -> owner id -> person ids
    by_owner: dict[int, set[int]] = defaultdict(set)
    for acc in accounts:
        found = {owner: ids for owner, ids in people_at(acc.name).items() if owner in firm}
        at[acc.pk] = found
        for owner, owned in found.items():
            by_owner[owner].update(owned)
    levels: dict[int, ShareLevel | str] = dict.fromkeys(by_owner.get(viewer.pk, ()), "mine")
    theirs = [pk for owner, owned in by_owner.items() if owner != viewer.pk for pk in owned]
    levels.update({pk: lv for pk, lv in share_levels_of(theirs).items() if visible(lv)})
    shown = list(levels)
    trends = strength_trends(shown, today) if shown else {}
    records = Person.objects.filter(pk__in=shown).select_related("owner").in_bulk() if shown else {}
    views = []
    for acc in accounts:
        view = AccountView(
            acc.pk, acc.name, acc.kind, acc.note, acc.marked_by.username if acc.marked_by else "", ties=[]
        )
        for ids in at[acc.pk].values():
            for pk in ids:
                if pk not in levels or pk not in trends or pk not in records:
                    continue
                person, trend, level = records[pk], trends[pk], levels[pk]
                view.ties.append(
                    Tie(
                        colleague_id=person.owner_id,
                        colleague=person.owner.username,
                        person_id=pk,
                        person=person.name,
                        title=person.title or "",
                        level=str(level),
                        score=trend.now.score,
                        why=_why(trend.now, level),
                        last_met=trend.now.last_met if _shows_last_met(level) else None,
                        falling=trend.falling,
                        overdue=state_of(person, today).status == "overdue",
                    )
                )
        view.ties.sort(key=lambda t: (-t.score, t.colleague, t.person))
        views.append(view)
    return views


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

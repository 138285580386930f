"""Key relationships (docs/firm.md): for each key client or target, who in the firm knows whom
there, the strongest tie, the ties going cold, and whether the account is single-threaded.

Built from what the viewer may see: each colleague's ties show only what that colleague's
sharing level allows (queries.firm_access.share_levels), a tie shared at "nothing" is left
out for partners and admins too, and scores are the shared ones (confidential encounters
never count, queries.firm_strength). Batched for firm scale, whatever the number of ties:
- an account's page reads every tie there once (as values, with their rhythm fields), the
  sharing rules of their owners once, their shared scores and trends once;
- the overview (every account) doesn't read the ties: the database counts them per account
  and colleague from the stored fresh scores, with the sharing rule in SQL
  (firm_access.shared_filter); the ties without a fresh stored score are read and scored as the
  account page scores them, and added; each account's strongest tie is built in full.
  tests/firm/test_accounts_overview.py checks both give the same summaries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
)

from goodwill.errors import NotFound
from goodwill.habits.strength import Strength
from goodwill.models import Handover, KeyAccount, Person, PersonStrength, ShareLevel
from goodwill.models.base import Owner
from goodwill.queries.compiled import plain_rows
from goodwill.queries.firm_access import (
    SharedFilter,
    allows,
    colleague_logins,
    is_admin,
    require_partner,
    share_levels_of_records,
    shared_filter,
    visible,
)
from goodwill.queries.firm_identity import at_organizations_q, organization_keys, people_at_keys
from goodwill.queries.firm_strength import Trend, fresh_q, fresh_relation, shared_scores, strength_trends
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
    key: str  # the account's organization key


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
    """Every key account with the summary of its ties (partners and admins only): counted by
    the database per account and colleague (firm scale: thousands of ties at the largest
    clients), the one strongest tie of each built in full."""
    require_partner(viewer)
    accounts = list(KeyAccount.objects.select_related("marked_by"))
    logins = colleague_logins(viewer) | {viewer.pk: viewer.username}
    keys = {acc.key for acc in accounts if acc.key}
    scope = _Scope(viewer.pk, logins, organization_keys(keys), shared_filter(logins))
    counts = _counted(viewer, scope, today)
    strongest = _strongest(viewer, scope, counts, today)
    views = []
    for acc in accounts:
        per_colleague = counts.get(acc.key, {})
        views.append(
            _view(
                acc,
                strongest=strongest.get(acc.key),
                colleagues=len(per_colleague),
                cold=sum(c.cold for c in per_colleague.values()),
                warm_colleagues=sum(1 for c in per_colleague.values() if c.warm),
            )
        )
    return views


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


def _view(acc: KeyAccount, **summary: Any) -> AccountView:
    """An account's view: its own fields, then the summary of its ties."""
    return AccountView(acc.pk, acc.name, acc.kind, acc.note, acc.marked_by.username if acc.marked_by else "", **summary)


@dataclass
class _Count:
    """One colleague's visible ties at one account, counted."""

    cold: int = 0
    warm: int = 0
    best: int = 0  # their strongest shared score there
    peaks: dict[int, int] = field(default_factory=dict)  # organization row -> their best stored score at it
    stale: list[Thread] = field(default_factory=list)  # ties whose score was computed here, not stored


@dataclass(frozen=True)
class _Scope:
    """The records an account view counts: at the accounts' organizations, of the viewer and
    colleagues in the firm, shared at all (the viewer's own always). Its sharing rules are
    read once, for every query the overview makes."""

    viewer_id: int
    logins: dict[int, str]
    organizations: dict[int, str]  # organization row -> its key (firm_identity.organization_keys)
    shared: SharedFilter

    def q(self, prefix: str = "", organizations: Iterable[int] | None = None) -> Q:
        rows = set(self.organizations if organizations is None else organizations)
        return (
            at_organizations_q(rows, prefix)
            & Q(**{f"{prefix}owner_id__any_of": set(self.logins)})
            & (Q(**{f"{prefix}owner_id": self.viewer_id}) | self.shared.q(prefix))
        )


def _counted(viewer: Owner, scope: _Scope, today: date) -> dict[str, dict[int, _Count]]:
    """account key -> colleague id -> their ties counted, in one pass over the records: each
    joined to its fresh stored score (stored_strength), the scored ones counted by the
    database and those without a fresh score counted per group too; only the groups that
    have some are read again, and those records scored as the account page scores them.
    Grouped by organization row, not key, and summed here: a join to read each row's key
    costs PostgreSQL a scan of every organization in the firm."""
    found: dict[str, dict[int, _Count]] = defaultdict(dict)
    if not scope.organizations:
        return found
    fresh = fresh_relation(today)
    scored = Q(fresh__isnull=False)
    cold = scored & (Q(fresh__score__lt=F("fresh__score_quarter_ago")) | overdue_q(today))
    grouped = (
        Person.objects.annotate(fresh=fresh)
        .filter(scope.q())
        .values_list("organization_id", "owner_id")
        .annotate(
            cold=Count("pk", filter=cold),
            warm=Count("pk", filter=scored & Q(fresh__score__gte=WARM)),
            best=Max("fresh__score"),
            unscored=Count("pk", filter=Q(fresh__isnull=True)),
        )
        .order_by()
    )
    unscored: dict[int, set[int]] = defaultdict(set)  # owner -> organization rows where some are
    for organization_id, owner_id, n_cold, warm, best, n_unscored in plain_rows(grouped):
        if n_unscored:
            unscored[owner_id].add(organization_id)
        if best is None:
            continue  # none of them scored: counted below
        count = found[scope.organizations[organization_id]].setdefault(owner_id, _Count())
        count.cold += n_cold
        count.warm += warm
        count.best = max(count.best, int(best))
        count.peaks[organization_id] = int(best)
    for thread in _unscored(viewer, scope, unscored, today):
        count = found[thread.key].setdefault(thread.colleague_id, _Count())
        count.cold += is_cold(thread)
        count.warm += is_warm(thread)
        count.best = max(count.best, thread.score)
        count.stale.append(thread)
    return found


def _unscored(viewer: Owner, scope: _Scope, where: dict[int, set[int]], today: date) -> list[Thread]:
    """The records without a fresh stored score, of these owners at these organization rows,
    read and scored: usually a few; every one before the day's refresh."""
    if not where:
        return []
    fresh = PersonStrength.objects.filter(fresh_q(today), person_id=OuterRef("pk"))
    rows = set().union(*where.values())
    records = list(
        Person.objects.filter(scope.q(organizations=rows), owner_id__in=list(where))
        .exclude(Exists(fresh))
        .annotate(overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
        .order_by()
        .values_list(*RECORD_FIELDS)
    )
    return _threads(viewer, scope.logins, records, today)


# What an account's people are read with: one query for every account, as values (a large
# client has thousands of records across the firm).
RECORD_FIELDS = ("pk", "owner_id", "circle_id", "organization__key", "name", "title", "overdue")


def _views(viewer: Owner, accounts: list[KeyAccount], today: date) -> list[AccountView]:
    """Accounts with every tie built (an account's page)."""
    logins = colleague_logins(viewer) | {viewer.pk: viewer.username}
    keys = {acc.key for acc in accounts if acc.key}
    records = list(
        people_at_keys(keys)
        .filter(owner_id__in=list(logins))
        .annotate(overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField()))
        .order_by()
        .values_list(*RECORD_FIELDS)
    )
    threads: dict[str, list[Thread]] = defaultdict(list)
    for thread in sorted(_threads(viewer, logins, records, today), key=_strength_order):
        threads[thread.key].append(thread)
    trends = strength_trends([t.person_id for found in threads.values() for t in found], today)
    views = []
    for acc in accounts:
        found = threads.get(acc.key, [])
        ties = [_tie(t, trends[t.person_id]) for t in found if t.person_id in trends]
        views.append(
            _view(
                acc,
                strongest=ties[0] if ties else None,
                colleagues=len({t.colleague_id for t in found}),
                cold=sum(1 for t in found if is_cold(t)),
                warm_colleagues=len({t.colleague_id for t in found if is_warm(t)}),
                ties=ties,
            )
        )
    return views


def _strength_order(thread: Thread) -> tuple[int, str, str]:
    """Strongest first; then by colleague and person, so the strongest tie is one and the same
    on the overview and on the account's page."""
    return (-thread.score, thread.colleague, thread.person)


def _threads(viewer: Owner, logins: dict[int, str], records: list[tuple[Any, ...]], today: date) -> list[Thread]:
    """The visible ties among records read as RECORD_FIELDS: their sharing levels in one query
    and their shared scores in one more."""
    levels: dict[int, ShareLevel | str] = {row[0]: "mine" for row in records if row[1] == viewer.pk}
    theirs = [row[:3] for row in records if row[1] != viewer.pk]
    levels.update({pk: lv for pk, lv in share_levels_of_records(theirs).items() if visible(lv)})
    scores = shared_scores(list(levels), today)
    return [
        Thread(pk, owner_id, logins[owner_id], name, title or "", levels[pk], *scores[pk], overdue, key)
        for pk, owner_id, _, key, name, title, overdue in records
        if pk in levels and pk in scores
    ]


def _strongest(viewer: Owner, scope: _Scope, counts: dict[str, dict[int, _Count]], today: date) -> dict[str, Tie]:
    """Each account's strongest tie, built in full: the stored records at its best score read
    (from the organization rows where the count found it), with those scored here, and the
    first by _strength_order kept."""
    best = {key: max(c.best for c in per.values()) for key, per in counts.items() if per}
    if not best:
        return {}
    peaks = {
        org for key, per in counts.items() for c in per.values() for org, score in c.peaks.items() if score == best[key]
    }
    found = (
        PersonStrength.objects.filter(scope.q("person__", peaks), fresh_q(today))
        .filter(score__in=set(best.values()))
        .annotate(overdue=ExpressionWrapper(overdue_q(today, "person__"), output_field=BooleanField()))
        .order_by()
        .values_list(*PEAK_FIELDS)
    )
    rows = [(pk, owner_id, circle_id, scope.organizations[org], *rest) for pk, owner_id, circle_id, org, *rest in found]
    candidates = [t for t in _threads(viewer, scope.logins, rows, today) if t.score == best[t.key]]
    candidates += [t for per in counts.values() for c in per.values() for t in c.stale if t.score == best[t.key]]
    chosen: dict[str, Thread] = {}
    for thread in sorted(candidates, key=_strength_order):
        chosen.setdefault(thread.key, thread)
    trends = strength_trends([t.person_id for t in chosen.values()], today)
    return {key: _tie(t, trends[t.person_id]) for key, t in chosen.items() if t.person_id in trends}


# RECORD_FIELDS from a stored score, with the organization's row for its key.
PEAK_FIELDS = (
    "person_id", "person__owner_id", "person__circle_id", "person__organization_id", "person__name", "person__title",
    "overdue",
)  # fmt: skip


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

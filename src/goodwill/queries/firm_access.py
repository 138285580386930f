"""Who is in the firm, with which role, and what each professional lets colleagues see.

One place for the firm's access rules: every firm page, command and endpoint asks here.
- A firm is the set of users on one server; a departed or deactivated user is no longer in it.
- Roles are cumulative (member < partner < admin): partners see the firm views, admins
  also manage users and teams. The laptop's local user is its own firm's admin.
- Sharing is chosen per person, then per circle, then as the owner's default, else
  DEFAULT_SHARE_LEVEL ("that I know them and how well"). Confidential notes and encounters
  are never shared at any level: the readers of shared data (summaries, strength) leave
  them out themselves, and say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Q, QuerySet

from goodwill.errors import NotFound
from goodwill.models import (
    DEFAULT_SHARE_LEVEL,
    ROLE_RANK,
    SHARE_RANK,
    Member,
    Person,
    Role,
    ShareLevel,
    SharingRule,
)
from goodwill.models.base import Owner
from goodwill.queries.compiled import Compiled

LOCAL_USERNAME = "me"  # services.accounts.LOCAL_USERNAME: the laptop's own user


def member_of(user: Owner) -> Member:
    """The user's firm record; an unsaved default when they have none (reads never write)."""
    found = Member.objects.filter(user=user).first()
    if found is not None:
        return found
    role = Role.ADMIN if user.username == LOCAL_USERNAME or user.is_superuser else Role.MEMBER
    return Member(user=user, role=role)


def in_firm(user: Owner) -> bool:
    return bool(user.is_active) and member_of(user).departed_at is None


def has_role(user: Owner, role: str) -> bool:
    member = member_of(user)
    return in_firm(user) and ROLE_RANK[Role(member.role)] >= ROLE_RANK[Role(role)]


def is_partner(user: Owner) -> bool:
    """May see the firm views (key relationships, firm momentum, the firm's balance sheet)."""
    return has_role(user, Role.PARTNER)


def is_admin(user: Owner) -> bool:
    """May manage users and teams, and record departures."""
    return has_role(user, Role.ADMIN)


def require_partner(user: Owner) -> None:
    """Firm views answer "not found" to anyone else, as any page they may not see does."""
    if not is_partner(user):
        raise NotFound("no such page for your role: the firm views are for partners", thing="page")


def require_admin(user: Owner) -> None:
    if not is_admin(user):
        raise NotFound("no such page for your role: managing the firm is for admins", thing="page")


def colleagues(user: Owner) -> list[Owner]:
    """Everyone else in the firm: active users who have not departed, by username.

    The machine's own CLI user ("me", made by the first command run there) is no professional
    on a firm's server unless someone gave it a password to log in with."""
    return list(_colleagues(user))


def colleague_logins(user: Owner) -> dict[int, str]:
    """The colleagues' logins by user id (what the firm's views name them by), without
    loading a user object per colleague."""
    return dict(_colleagues(user).values_list("pk", "username"))


def colleague_ids(user: Owner) -> set[int]:
    return set(_colleagues(user).values_list("pk", flat=True))


def has_colleagues(user: Owner) -> bool:
    """Whether anyone else is in the firm: one compiled statement, so a laptop's Person page,
    whose own user has none, skips the firm's panels at the cost of one look."""
    return _ANY_COLLEAGUE.exists(user_id=user.pk)


def _colleagues(user: Owner | int) -> QuerySet[Any]:
    departed = Member.objects.filter(departed_at__isnull=False).values("user_id")
    found = (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(pk=user if isinstance(user, int) else user.pk)
        .exclude(pk__in=departed)
        .exclude(username=LOCAL_USERNAME, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    )
    return found.order_by("username")


_ANY_COLLEAGUE = Compiled(lambda user_id: _colleagues(user_id).values_list("pk"))


def teammate_ids(user: Owner) -> set[int]:
    """Colleagues who share at least one team with the user."""
    teams = Member.objects.filter(user=user).values("teams")
    ids = Member.objects.filter(teams__in=teams, departed_at__isnull=True).exclude(user=user).values_list("user_id")
    return {row[0] for row in ids}


def share_levels(owner: Owner | int, person_ids: Iterable[int]) -> dict[int, ShareLevel]:
    """What colleagues may see of each of the owner's people (persons not the owner's are
    left out)."""
    owner_id = owner if isinstance(owner, int) else owner.pk
    return {pid: level for pid, (found_owner, level) in _levels(person_ids).items() if found_owner == owner_id}


def share_levels_of(person_ids: Iterable[int]) -> dict[int, ShareLevel]:
    """What colleagues may see of each person, by their own owner's sharing, for people of many
    owners at once: two queries whatever the number of owners (the firm's views read hundreds
    of colleagues' records at one organization)."""
    return {pid: level for pid, (_, level) in _levels(person_ids).items()}


def share_levels_of_records(people: Iterable[tuple[int, int, int | None]]) -> dict[int, ShareLevel]:
    """`share_levels_of` for people already read as (id, owner id, circle id): one query."""
    return {pid: level for pid, (_, level) in _resolve(list(people)).items()}


def _levels(person_ids: Iterable[int]) -> dict[int, tuple[int, ShareLevel]]:
    """person id -> (owner id, level): the people's owners and circles in one query."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    return _resolve(list(Person.objects.filter(pk__any_of=set(ids)).values_list("pk", "owner_id", "circle_id")))


def _resolve(people: list[tuple[int, int, int | None]]) -> dict[int, tuple[int, ShareLevel]]:
    """The rules that can apply to these people (their own, their owners' circles' and
    defaults), in one query, resolved person > circle > default."""
    if not people:
        return {}
    ids = [pid for pid, _, _ in people]
    owners = {owner_id for _, owner_id, _ in people}
    rules = SharingRule.objects.filter(Q(person_id__any_of=set(ids)) | Q(person__isnull=True), owner_id__in=owners)
    return _by_rules(people, rules.values_list("owner_id", "person_id", "circle_id", "level"))


def _by_rules(
    people: list[tuple[int, int, int | None]], rules: Iterable[tuple[int, int | None, int | None, str]]
) -> dict[int, tuple[int, ShareLevel]]:
    """Each person's (owner id, level) under these rules (owner, person, circle, level):
    person > circle > default > DEFAULT_SHARE_LEVEL."""
    defaults: dict[int, ShareLevel] = {}
    by_circle: dict[int, ShareLevel] = {}
    by_person: dict[int, ShareLevel] = {}
    for owner_id, person_id, circle_id, level in rules:
        if person_id is not None:
            by_person[person_id] = ShareLevel(level)
        elif circle_id is not None:
            by_circle[circle_id] = ShareLevel(level)
        else:
            defaults[owner_id] = ShareLevel(level)
    return {
        pid: (
            owner_id,
            by_person.get(pid)
            or (by_circle.get(circle_id) if circle_id is not None else None)
            or defaults.get(owner_id, DEFAULT_SHARE_LEVEL),
        )
        for pid, owner_id, circle_id in people
    }


# A Person page's "Colleagues see": the rules that can apply to one of the owner's people (their
# own, the owner's circles' and default), one compiled statement on every page a firm user opens.
_RULES_OF_ONE = Compiled(
    lambda owner_id, person_id: SharingRule.objects.filter(
        Q(person_id=person_id) | Q(person__isnull=True), owner_id=owner_id
    ).values_list("owner_id", "person_id", "circle_id", "level")
)


def level_of_one(owner_id: int, person_id: int, circle_id: int | None) -> tuple[str | None, ShareLevel]:
    """For one of the owner's people: the level chosen for them (None: as their circle or the
    default) and the level in force, by the rule of `_by_rules`."""
    rules = _RULES_OF_ONE.rows(owner_id=owner_id, person_id=person_id)
    chosen = next((level for _, pid, _, level in rules if pid == person_id), None)
    return chosen, _by_rules([(person_id, owner_id, circle_id)], rules)[person_id][1]


@dataclass(frozen=True)
class SharedFilter:
    """The rule of _resolve (person > circle > default > DEFAULT_SHARE_LEVEL) as SQL, for a
    page that counts thousands of records without reading each one's level (the key
    relationships page); tests check the two agree. Built once per page (shared_filter: one
    read of the owners' circle and default rules), applied to as many queries as it needs."""

    owners: frozenset[int]
    hidden_owners: frozenset[int]  # owners whose default shares nothing
    hidden_circles: frozenset[int]  # circles shared at nothing
    shown_circles: frozenset[int]  # circles shared at all

    def q(self, prefix: str = "") -> Q:
        """A filter keeping these owners' records colleagues may see at all; `prefix`
        reaches the person from a row that points at them ("person__")."""
        # By circle, else by the owner's default (a person with no circle has the default).
        by_group = Q()
        if self.hidden_circles:
            by_group &= ~Q(**{f"{prefix}circle_id__any_of": self.hidden_circles})
        if self.hidden_owners:
            kept = ~Q(**{f"{prefix}owner_id__any_of": self.hidden_owners})
            if self.shown_circles:
                kept |= Q(**{f"{prefix}circle_id__any_of": self.shown_circles})
            by_group &= kept
        # A rule for the person wins over both. Ids as one array (models.lookups): a firm has
        # hundreds of owners, and one parameter each cost more than the query.
        own_rules = SharingRule.objects.filter(owner_id__any_of=self.owners, person__isnull=False)
        shown = own_rules.filter(level__in=[lv for lv in ShareLevel if visible(lv)]).values("person_id")
        return Q(**{f"{prefix}pk__in": shown}) | (~Q(**{f"{prefix}pk__in": own_rules.values("person_id")}) & by_group)


def shared_filter(owner_ids: Iterable[int]) -> SharedFilter:
    """The SharedFilter of these owners' records."""
    owners = frozenset(owner_ids)
    defaults: dict[int, ShareLevel] = {}
    hidden_circles: set[int] = set()
    shown_circles: set[int] = set()
    groups = SharingRule.objects.filter(owner_id__any_of=owners, person__isnull=True)
    for owner_id, circle_id, level in groups.values_list("owner_id", "circle_id", "level"):
        if circle_id is None:
            defaults[owner_id] = ShareLevel(level)
        else:
            (shown_circles if visible(level) else hidden_circles).add(circle_id)
    hidden_owners = frozenset(o for o in owners if not visible(defaults.get(o, DEFAULT_SHARE_LEVEL)))
    return SharedFilter(owners, hidden_owners, frozenset(hidden_circles), frozenset(shown_circles))


def allows(level: ShareLevel | str, wanted: ShareLevel | str) -> bool:
    """Whether a contact shared at `level` shows what `wanted` adds (e.g. LAST_MET)."""
    # A level is a str enum, so its plain value finds its rank too (no conversion per tie).
    return SHARE_RANK[level] >= SHARE_RANK[wanted]  # type: ignore[index]


def visible(level: ShareLevel | str) -> bool:
    """Shared at all: colleagues may know the owner knows this person."""
    return allows(level, ShareLevel.KNOWS)

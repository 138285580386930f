"""The same person, or the same employer, across colleagues' networks, without merging anyone's
records: each professional keeps their own Person; the firm only recognises that two records
name one human.

A person is recognised by email, then phone, then LinkedIn profile, then name and
organization together (a name alone is too common to trust). An organization by its key
(habits.dupes.org_key: "Acme, Inc." and "ACME" are one). Archived people are left out: the
owner has put them away. Every query here is served by an index at firm scale
(ContactPoint's normalized value, Person's lower(name), Organization's key).

These read records of every owner: callers show colleagues only what
queries.firm_access.share_levels allows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from goodwill.habits.dupes import org_key
from goodwill.models import ContactPoint, Organization, Person

LINKEDIN_PROFILE = "linkedin.com/in/"  # in a normalized URL (services.contact_mapping.norm_url)


@dataclass(frozen=True)
class Identity:
    """What recognises one human: lower-cased emails, E.164 phones, LinkedIn profile URLs as
    ContactPoint stores them normalized, and the name with the organization's key."""

    name: str
    org: str = ""
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    linkedin: frozenset[str] = frozenset()

    @property
    def name_key(self) -> str:
        return " ".join(self.name.lower().split())


def identities(person_ids: Iterable[int]) -> dict[int, Identity]:
    """Each person's identity from their owner's record (two queries)."""
    ids = list(dict.fromkeys(person_ids))
    points: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = ContactPoint.objects.filter(person_id__any_of=set(ids)).values_list("person_id", "kind", "normalized")
    for person_id, kind, normalized in rows:
        if kind == ContactPoint.URL and LINKEDIN_PROFILE not in normalized:
            continue  # a company website names an employer, not a person
        if normalized:
            points[person_id][kind].add(normalized)
    found = {}
    for pk, name, org in Person.objects.filter(pk__any_of=set(ids)).values_list("pk", "name", "organization__key"):
        own = points.get(pk, {})
        found[pk] = Identity(
            name=name,
            org=org or "",
            emails=frozenset(own.get(ContactPoint.EMAIL, ())),
            phones=frozenset(own.get(ContactPoint.PHONE, ())),
            linkedin=frozenset(own.get(ContactPoint.URL, ())),
        )
    return found


def same_person(identity: Identity, *, exclude_owner_id: int | None = None) -> dict[int, list[int]]:
    """The people, by owner id, whose records name this human (archived ones left out)."""
    return same_people([identity], exclude_owner_id=exclude_owner_id)


def same_people(found: Iterable[Identity], *, exclude_owner_id: int | None = None) -> dict[int, list[int]]:
    """The people, by owner id, whose records name any of these humans: two queries, whatever
    their number (one for the contact points, one for the names at their organizations)."""
    kinds: dict[str, set[str]] = defaultdict(set)
    named = Q()
    for identity in found:
        kinds[ContactPoint.EMAIL] |= identity.emails
        kinds[ContactPoint.PHONE] |= identity.phones
        kinds[ContactPoint.URL] |= identity.linkedin
        if identity.name_key and identity.org:
            named |= Q(lower_name=identity.name_key, organization__key=identity.org)
    by_point = Q()
    for kind, values in kinds.items():
        if values:
            by_point |= Q(kind=kind, normalized__in=sorted(values))
    rows: list[tuple[int, int]] = []
    if by_point:
        points = ContactPoint.objects.filter(by_point, person__archived_at__isnull=True)
        rows += points.values_list("person_id", "person__owner_id")
    if named:
        people = Person.objects.annotate(lower_name=Lower("name")).filter(named, archived_at__isnull=True)
        rows += people.values_list("pk", "owner_id")
    return _grouped(rows, exclude_owner_id)


def people_at(org_name: str, *, exclude_owner_id: int | None = None) -> dict[int, list[int]]:
    """The people, by owner id, whose organization is this one (by key)."""
    key = org_key(org_name)
    if not key:
        return {}
    return _grouped(people_at_keys([key]).values_list("pk", "owner_id"), exclude_owner_id)


def people_at_keys(keys: Iterable[str]) -> QuerySet[Person]:
    """The people (archived ones left out) whose organization has one of these keys, for a
    caller to read the values it needs in one query (thousands at a large client)."""
    return Person.objects.filter(at_organizations_q(organization_ids(keys))).order_by()


def organization_ids(keys: Iterable[str]) -> set[int]:
    """The organization rows with these keys, in every network (an index-only read, 0015)."""
    return set(organization_keys(keys))


def organization_keys(keys: Iterable[str]) -> dict[int, str]:
    """organization_ids with each row's key."""
    return dict(Organization.objects.filter(key__in=list(keys)).values_list("pk", "key"))


def at_organizations_q(ids: set[int], prefix: str = "") -> Q:
    """people_at_keys as a filter on the organizations' ids (organization_ids), for a query on
    rows that point at the person (`prefix` "person__"). The ids go as one array: joined by
    key instead, PostgreSQL estimates the thousands of organization rows of a firm's largest
    clients as cheaper to hash against every person in the firm (a 1.2 s scan at 1,000,000
    people) than to look up by index."""
    return Q(**{f"{prefix}organization_id__any_of": ids, f"{prefix}archived_at__isnull": True})


def people_named(text: str, *, exclude_owner_id: int | None = None, limit: int = 200) -> dict[int, list[int]]:
    """People, by owner id, whose whole name is this text (any case), or whose email is it."""
    key = " ".join(text.lower().split())
    if not key:
        return {}
    ids = set(
        Person.objects.annotate(lower_name=Lower("name")).filter(lower_name=key).values_list("pk", flat=True)[:limit]
    )
    if "@" in key:
        ids.update(
            ContactPoint.objects.filter(kind=ContactPoint.EMAIL, normalized=key).values_list("person_id", flat=True)[
                :limit
            ]
        )
    return _by_owner(ids, exclude_owner_id)


def organizations_like(text: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """(key, a name as written) of organizations across the firm whose key starts with the
    text's key, for a search box; the exact key first."""
    key = org_key(text)
    if not key:
        return []
    rows = (
        Organization.objects.filter(Q(key=key) | Q(key__startswith=key + " "))
        .values_list("key", "name")
        .order_by("key", "name")
    )
    seen: dict[str, str] = {}
    for found_key, name in rows[: limit * 10]:
        seen.setdefault(found_key, name)
        if len(seen) >= limit:
            break
    return sorted(seen.items(), key=lambda kv: (kv[0] != key, kv[0]))


def _by_owner(person_ids: Iterable[int], exclude_owner_id: int | None) -> dict[int, list[int]]:
    ids = list(person_ids)
    if not ids:
        return {}
    rows = Person.objects.filter(pk__any_of=ids, archived_at__isnull=True).values_list("pk", "owner_id")
    return _grouped(rows, exclude_owner_id)


def _grouped(rows: Iterable[tuple[int, int]], exclude_owner_id: int | None) -> dict[int, list[int]]:
    """(person id, owner id) rows as owner id -> their people's ids, each once, in order."""
    found: dict[int, set[int]] = defaultdict(set)
    for pk, owner_id in rows:
        if owner_id != exclude_owner_id:
            found[owner_id].add(pk)
    return {owner_id: sorted(found[owner_id]) for owner_id in sorted(found)}

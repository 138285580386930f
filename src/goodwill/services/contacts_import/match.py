"""Which person a record belongs to: the owner's people who were here before, found
with a few set queries a chunk (UIDs, emails, E.164 phones, LinkedIn URLs, then
exact name and organization for records with none of those), and the people this
batch created, found in the registry (import_plan) without asking the database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

from goodwill.formats.contact import ContactRecord
from goodwill.models import Address, Note, Person, Photo, Tag
from goodwill.services.contact_mapping import record_name
from goodwill.services.contacts_import.fold import Known, Pending, address_key
from goodwill.services.contacts_import.prints import kept as kept_prints
from goodwill.services.import_plan import PlanRegistry
from goodwill.services.import_sql import ORG_TABLE, PERSON_TABLE, POINT_TABLE, any_of, one_of
from goodwill.services.import_writer import BackgroundWriter, Select

# Strongest evidence first, so a record whose email and phone belong to two different
# people always picks the same one.
_KEY_RANK = {"uid": 0, "email": 1, "phone": 2, "url": 3}
# Which person holds each of a chunk's keys of one kind, the test ("IN (...)") appended: answered
# from the index contact_lookup alone on SQLite (tests check the plan).
POINT_LOOKUP = f"SELECT id, person_id, normalized FROM {POINT_TABLE} WHERE owner_id = %s AND kind = %s AND normalized"


@dataclass
class Answers:
    """What the database said of one chunk (Matcher.ask): rows for its UIDs, its contact
    points by kind, and its names; with `prints`, the people those rows name and the
    (person id, digest) fingerprints kept for them."""

    uids: list[tuple]
    points: list[tuple[str, list[tuple]]]
    named: list[tuple]
    prints: tuple[set[int], set[tuple[int, int]]] | None = None


def key_rank(key: str) -> tuple[int, str]:
    return _KEY_RANK.get(key.split(":", 1)[0], 9), key


def _unfound(keys: list[list[str]], found: set[str], prefix: str) -> set[str]:
    """The values of the keys starting with `prefix` ("email:") of the records that none of
    their stronger keys (`found`, asked before) has placed: keys are ranked, so a record's
    found key comes before any of the kind asked now."""
    values: set[str] = set()
    start = len(prefix)
    for record_key in keys:
        for key in record_key:
            if key in found:
                break
            if key.startswith(prefix):
                values.add(key[start:])
    return values


def ranked(keys: set[str]) -> list[str]:
    """A record's keys, strongest first (UID, then email, phone, LinkedIn URL)."""
    return sorted(keys, key=key_rank) if len(keys) > 1 else list(keys)


class Matcher:
    """Finds the people a chunk's records belong to, and remembers (register) the keys
    and names of the people each chunk created or changed, for the chunks after it."""

    def __init__(
        self, owner_pk: int, sql: BackgroundWriter, registry: PlanRegistry, *, first_new_pk: int, had_people: bool
    ) -> None:
        self.owner_pk = owner_pk
        self.sql = sql  # every raw statement goes through it: it may be writing in another thread
        # Later chunks match against the keys and names of the people earlier chunks
        # created (or gave new keys) through `registry`, in both modes: a dry run writes
        # nothing, and an applied import needs no query (nor wait for its writer) to find
        # them. The database is asked only about the people who were here before.
        self.registry = registry
        # People with a larger id were created by this batch.
        self.first_new_pk = first_new_pk
        self.had_people = had_people  # else nothing to ask the database
        # A dry run's organizations for people of the network it changed (never saved).
        self.org_names: dict[int, str] = {}

    def questions(self, records: list[ContactRecord], keys: list[list[str]]) -> tuple[dict[str, set[str]], set[str]]:
        """A chunk's keys by kind, and the names of its records that have no key."""
        by_kind: dict[str, set[str]] = {}
        for key in {k for record_key in keys for k in record_key}:
            kind, value = key.split(":", 1)
            by_kind.setdefault(kind, set()).add(value)
        return by_kind, {record_name(r) for r, k in zip(records, keys) if not k}

    def ask(
        self, keys: list[list[str]], by_kind: dict[str, set[str]], names: set[str], *, prints: bool
    ) -> Callable[[], Answers]:
        """Ask the database about a chunk's keys (`keys`: each record's, ranked) and names
        (and, with `prints`, for the fingerprints kept for the people they find), through
        the writer: queued behind its writes, so a dry run can ask about its next chunk
        while it folds this one. The function returned waits for the answers.

        A kind is asked only for the records no stronger kind has found in the database:
        a record's strongest key found decides its person whatever its weaker keys name
        (lookup, then run's match), so a re-imported file's LinkedIn URLs are looked up only
        for the rows its emails did not place."""
        # Plain SQL: Django builds an IN (...) of a thousand values slower than the database runs it.
        owner = self.owner_pk
        # The database holds what to ask about only if the owner had people before this
        # batch; this batch's own people are in the registry (lookup).
        asked = by_kind if self.had_people else {}
        # No ORDER BY and no owner_id in the uid query: without statistics SQLite would
        # walk the owner's whole index for those (a scan per chunk); rows are sorted in lookup.
        uids = [
            (f"SELECT id, uid, owner_id FROM {PERSON_TABLE} WHERE {where}", params)
            for where, params in any_of("uid", asked.get("uid"))
        ]
        named = [
            (
                f"SELECT p.id, p.name, o.name FROM {PERSON_TABLE} p LEFT JOIN {ORG_TABLE} o "
                f"ON o.id = p.organization_id WHERE p.owner_id = %s AND {where}",
                [owner, *params],
            )
            for where, params in any_of("p.name", names if self.had_people else ())
        ]
        vendor = connection.vendor

        def work(select: Select) -> Answers:
            answers = Answers([row for sql, params in uids for row in select(sql, params)], [], [])
            placed = {f"uid:{uid}" for _, uid, owner_id in answers.uids if owner_id == owner}  # keys found
            for kind in ("email", "phone", "url"):
                values = asked.get(kind)
                if values and placed:
                    values = _unfound(keys, placed, f"{kind}:")
                for test, params in one_of(values, vendor):
                    rows = select(f"{POINT_LOOKUP} {test}", [owner, kind, *params])
                    answers.points.append((kind, rows))
                    placed.update(f"{kind}:{normalized}" for _, _, normalized in rows)
            answers.named = [row for sql, params in named for row in select(sql, params)]
            if prints:
                found = {pk for pk, _, owner_id in answers.uids if owner_id == owner}
                found.update(person_id for _, rows in answers.points for _, person_id, _ in rows)
                found.update(pk for pk, _, _ in answers.named)
                answers.prints = found, kept_prints(select, found, vendor)
            return answers

        return self.sql.later(work)

    def lookup(
        self, by_kind: dict[str, set[str]], names: set[str], answers: Answers
    ) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
        """Key -> person id for every key found, and (name, organization) -> person id
        for the records that have no key: the database's answers (ask) first, then this
        batch's own people, from the registry."""
        found: dict[str, int] = {}
        owner = self.owner_pk
        for pk, uid, owner_id in sorted(answers.uids):
            if owner_id == owner:
                found.setdefault(f"uid:{uid}", pk)
        for kind, rows in answers.points:
            for _, person_id, normalized in sorted(rows):
                found.setdefault(f"{kind}:{normalized}", person_id)
        # Then this batch's own people (newer rows).
        if not self.registry.empty:
            found.update(
                self.registry.keys({f"{kind}:{v}" for kind, values in by_kind.items() for v in values} - set(found))
            )
        # Exact name + organization only for records with nothing better to go on.
        by_name: dict[tuple[str, str], int] = {}
        if names:
            for pk, name, org in sorted(answers.named):
                org = self.org_names.get(pk, org)
                by_name.setdefault((name.lower(), (org or "").lower()), pk)
            for pk, name, org in self.registry.names(names):
                by_name.setdefault((name.lower(), org), pk)
        return found, by_name

    def known(self, ids: set[int]) -> dict[int, Known]:
        """What these people of the network already have: a record adds only the rest.
        Plain SQL, a slice of ids a statement: a file imported before asks this about
        every row, and Django compiling five IN (...) of a thousand ids per chunk cost
        more than the database's answers."""
        known = {pk: Known() for pk in ids}
        select = self.sql.select
        parts = ("street", "city", "region", "postal_code", "country", "po_box", "extended")
        note, tags = Note._meta.db_table, Person.tags.through._meta.db_table
        for where, values in any_of("person_id", sorted(ids)):
            for pk, kind, normalized in select(
                f"SELECT person_id, kind, normalized FROM {POINT_TABLE} WHERE {where}", values
            ):
                known[pk].points.add((kind, normalized))
            for row in select(
                f"SELECT person_id, {', '.join(parts)} FROM {Address._meta.db_table} WHERE {where}", values
            ):
                known[row[0]].addresses.add(address_key(row[1:]))
            rows = select(
                f"SELECT person_id, text, confidentiality FROM {note} WHERE {where} ORDER BY created_at, id", values
            )
            for pk, text, level in rows:
                known[pk].all_notes.add(text)
                if level != "confidential":
                    known[pk].notes.append(text)
            rows = select(
                f"SELECT l.person_id, t.name FROM {tags} l JOIN {Tag._meta.db_table} t ON t.id = l.tag_id "
                f"WHERE l.{where}",
                values,
            )
            for pk, name in rows:
                known[pk].tags.add(name)
            for (pk,) in select(f"SELECT person_id FROM {Photo._meta.db_table} WHERE {where}", values):
                known[pk].photo = True
        return known

    def register(self, pending: list[Pending]) -> None:
        """The keys and names later chunks match on, in the order write inserts the
        rows (people who were here first, then new people), so that a key two people
        gained in one chunk goes to the same one whether the batch is applied or not."""
        registry, pairs = self.registry, []
        for p in pending:
            if p.is_new:
                continue
            person = p.person
            pairs += [(f"{point[0]}:{point[2]}", person.pk) for point in p.points]
            if person.pk >= self.first_new_pk:  # created earlier in this batch
                if p.org_name:
                    registry.fill_org(person.pk, p.org_name.lower())
            elif "uid" in p.changed:
                pairs.append(("uid:" + person.uid, person.pk))
        for p in pending:
            if not p.is_new:
                continue
            pk, person = p.person.pk, p.person
            if person.uid:
                pairs.append(("uid:" + person.uid, pk))
            pairs += [(f"{point[0]}:{point[2]}", pk) for point in p.points]
            registry.add_name(person.name, pk, p.org_name.lower())
        registry.add_keys(pairs)

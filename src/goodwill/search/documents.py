"""What is searchable about a person, and what is never.

One place decides it, for the index and for the reasons alike:
- profile entries (needs, interests, offers) that are active and not confidential;
- role: title, organization, industry, place and tags;
- notes and interaction summaries that are shareable or private.

Confidential notes, entries and interactions never enter the index or the
candidate fields, so no ranking, reason or snippet can leak them. Private ones
do feed matching: they are my own notes, the ranking is shown only to me, and
drafted messages never quote them (see docs/serving.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection

from goodwill.habits.matching import Candidate, Field
from goodwill.models import Confidentiality

SUMMARIES_PER_PERSON = 12  # the latest encounters say what someone is busy with now
NOTES_PER_PERSON = 20
CONFIDENTIAL = Confidentiality.CONFIDENTIAL.value
SHARED_PREFIX = "Passed on: "  # the summary goodwill.services.pass_on writes


_DAY = re.compile(r"DAY\(([\w.]+)\)")


def _rows(sql: str, ids: list[int], *params: str) -> list[tuple]:
    """Plain rows for `sql`, whose IN (…) takes the ids: every search reads a few thousand
    rows here, and building model instances or ORM queries for them cost more than reading.

    On PostgreSQL the ids go as one array (`= ANY`, which is what PostgreSQL makes of an IN
    list anyway): one statement text whatever their number, so psycopg converts it once and the
    server prepares it, where ~110 placeholders cost ~0.4 ms of client CPU and a plan per read.

    DAY(column) names a timestamp of which only the UTC day is used: on PostgreSQL the server
    sends that day, a date for the client to load rather than a timestamp with its zone (a
    ranking reads ~1,200 summaries: ~2 ms of wall time at 100,000 people, and ~8 ms of client
    CPU before db_tuning's timestamp loader). On SQLite the column is read as before."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = _DAY.sub(r"(\1 AT TIME ZONE 'UTC')::date", sql)
            cursor.execute(sql.replace("IN ({ids})", "= ANY(%s::bigint[])"), [list(ids), *params])
        else:
            sql = _DAY.sub(r"\1", sql)
            cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), [*ids, *params])
        return cursor.fetchall()


def _day(value: date | datetime | None) -> date | None:
    """The date of a stored date or UTC datetime."""
    return value.date() if isinstance(value, datetime) else value


# The same statements the ORM wrote for values_list queries, ordering and all, so ties come
# back in the same order.
PEOPLE = """
    SELECT p.id, p.name, p.title, o.name, p.industry, p.place_label, p.location
    FROM goodwill_person p LEFT OUTER JOIN goodwill_organization o ON p.organization_id = o.id
    WHERE p.id IN ({ids}) ORDER BY p.name ASC
"""
TAGS = """
    SELECT pt.person_id, t.name FROM goodwill_person_tags pt INNER JOIN goodwill_tag t ON pt.tag_id = t.id
    WHERE pt.person_id IN ({ids})
"""
ENTRIES = """
    SELECT e.person_id, e.kind, e.text, e.since, e.id, e.confidentiality FROM goodwill_profileentry e
    WHERE e.active AND e.person_id IN ({ids}) AND NOT (e.confidentiality = %s){kinds}
    ORDER BY 2 ASC, 4 DESC, e.id ASC
"""
NOTES = """
    SELECT n.person_id, n.text, DAY(n.created_at), n.id, n.confidentiality FROM goodwill_note n
    WHERE n.person_id IN ({ids}) AND NOT (n.confidentiality = %s)
    ORDER BY n.created_at DESC, n.id DESC
"""
SUMMARIES = """
    SELECT ip.person_id, ip.interaction_id, i.summary, i.confidentiality, DAY(i.occurred_at)
    FROM goodwill_interaction_participants ip INNER JOIN goodwill_interaction i ON ip.interaction_id = i.id
    WHERE ip.person_id IN ({ids}) AND NOT (i.confidentiality = %s)
    ORDER BY i.occurred_at DESC
"""


ENTRY_KINDS = ("need", "interest", "offer")


def _entries(ids: list[int], kinds: frozenset[str] | None) -> list[tuple]:
    """The profile entries of these people, of `kinds` only when given: an introduction's
    ranking weighs offers, and reading every candidate's needs and interests too cost it a
    third of its entry rows."""
    wanted = ENTRY_KINDS if kinds is None else tuple(k for k in ENTRY_KINDS if k in kinds)
    if not wanted:
        return []
    # The kinds are this module's own words, written into the text (not bound): each set of
    # them is one statement text, and a prepared one on PostgreSQL.
    only = "" if len(wanted) == len(ENTRY_KINDS) else " AND e.kind IN ({})".format(", ".join(f"'{k}'" for k in wanted))
    return _rows(ENTRIES.replace("{kinds}", only), ids, CONFIDENTIAL)


def _people(ids: list[int], kinds: frozenset[str] | None = None) -> tuple[dict[int, str], dict[int, list[Field]]]:
    """Names, and fields: every searchable field of these people (of `kinds` only, when
    given: the rows of other kinds are not read), confidential text left out."""
    if not ids:
        return {}, {}
    names: dict[int, str] = {}
    people: dict[int, list[Field]] = {}
    for pk, name, title, org, industry, place_label, location in _rows(PEOPLE, ids):
        names[pk] = name
        fields = people[pk] = []
        role = " at ".join(x for x in (title, org) if x)
        if role:
            fields.append(Field("role", role, ref=pk))
        if industry:
            fields.append(Field("role", f"industry: {industry}", ref=pk))
        if place_label or location:
            fields.append(Field("role", f"based in {place_label or location}", ref=pk))
    for pk, tag in _rows(TAGS, ids):
        people[pk].append(Field("tag", tag, ref=pk))
    result: dict[int, list[Field]] = defaultdict(list)
    for pid, fields in people.items():
        result[pid] += fields

    def read(*of: str) -> bool:
        return kinds is None or not kinds.isdisjoint(of)

    for pid, kind, text, since, pk, level in _entries(ids, kinds):
        result[pid].append(Field(kind, text, since=_day(since), ref=pk, confidentiality=level))
    per_person: dict[int, int] = defaultdict(int)
    for pid, text, created, pk, level in _rows(NOTES, ids, CONFIDENTIAL) if read("note") else ():
        if per_person[pid] < NOTES_PER_PERSON:
            per_person[pid] += 1
            result[pid].append(Field("note", text, since=_day(created), ref=pk, confidentiality=level))
    per_person.clear()
    for pid, iid, summary, level, occurred in _rows(SUMMARIES, ids, CONFIDENTIAL) if read("summary") else ():
        if summary.startswith(SHARED_PREFIX):  # what I passed on says nothing about them
            continue
        if per_person[pid] < SUMMARIES_PER_PERSON:
            per_person[pid] += 1
            result[pid].append(Field("summary", summary, since=_day(occurred), ref=iid, confidentiality=level))
    return names, {pid: result.get(pid, []) for pid in people}


def fields_for(person_ids) -> dict[int, list[Field]]:
    """Every searchable field of these people, confidential text left out."""
    return _people(list(person_ids))[1]


def candidates(person_ids, kinds: Iterable[str] | None = None) -> list[Candidate]:
    """The people with their fields; with `kinds`, only fields of those kinds (a ranking that
    weighs no notes or encounters, as the ideas', reads none)."""
    ids = list(person_ids)
    wanted = None if kinds is None else frozenset(kinds)
    names, fields = _people(ids, wanted)
    if wanted is not None:
        fields = {pid: [f for f in found if f.kind in wanted] for pid, found in fields.items()}
    return [Candidate(pid, names[pid], fields.get(pid, [])) for pid in ids if pid in names]


COLUMNS = {
    "need": "needs",
    "interest": "interests",
    "offer": "offers",
    "role": "role",
    "tag": "role",
    "note": "notes",
    "summary": "notes",
}


def document_texts(fields_by_person: dict[int, list[Field]]) -> dict[int, dict[str, str]]:
    """The index columns for each person (fields from fields_for): one line per field."""
    texts: dict[int, dict[str, list[str]]] = {}
    for pid, fields in fields_by_person.items():
        columns = texts.setdefault(pid, {c: [] for c in set(COLUMNS.values())})
        for f in fields:
            columns[COLUMNS[f.kind]].append(f.text)
    return {pid: {c: "\n".join(lines) for c, lines in cols.items()} for pid, cols in texts.items()}

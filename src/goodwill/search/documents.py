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

from collections import defaultdict

from goodwill.habits.matching import Candidate, Field
from goodwill.models import Confidentiality, Interaction, Note, Person, ProfileEntry

SUMMARIES_PER_PERSON = 12  # the latest encounters say what someone is busy with now
NOTES_PER_PERSON = 20
CONFIDENTIAL = Confidentiality.CONFIDENTIAL
SHARED_PREFIX = "Passed on: "  # the summary goodwill.services.pass_on writes


def _role_fields(person_ids) -> dict[int, list[Field]]:
    """Title at organization, industry, place and tags (plain values: this runs on every search)."""
    result: dict[int, list[Field]] = {}
    rows = Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "title", "organization__name", "industry", "place_label", "location"
    )
    for pk, title, org, industry, place_label, location in rows:
        fields = result[pk] = []
        role = " at ".join(x for x in (title, org) if x)
        if role:
            fields.append(Field("role", role, ref=pk))
        if industry:
            fields.append(Field("role", f"industry: {industry}", ref=pk))
        if place_label or location:
            fields.append(Field("role", f"based in {place_label or location}", ref=pk))
    for pk, tag in Person.tags.through.objects.filter(person_id__in=person_ids).values_list("person_id", "tag__name"):
        result[pk].append(Field("tag", tag, ref=pk))
    return result


def fields_for(person_ids) -> dict[int, list[Field]]:
    """Every searchable field of these people, confidential text left out."""
    ids = list(person_ids)
    result: dict[int, list[Field]] = defaultdict(list)
    people = _role_fields(ids)
    for pid, fields in people.items():
        result[pid] += fields
    # Plain values, not model instances: this runs on every search, for every candidate.
    entries = (
        ProfileEntry.objects.filter(person_id__in=ids, active=True)
        .exclude(confidentiality=CONFIDENTIAL)
        .order_by("kind", "-since", "id")
        .values_list("person_id", "kind", "text", "since", "pk", "confidentiality")
    )
    for pid, kind, text, since, pk, level in entries:
        result[pid].append(Field(kind, text, since=since, ref=pk, confidentiality=level))
    per_person: dict[int, int] = defaultdict(int)
    notes = (
        Note.objects.filter(person_id__in=ids)
        .exclude(confidentiality=CONFIDENTIAL)
        .order_by("-created_at", "-id")
        .values_list("person_id", "text", "created_at", "pk", "confidentiality")
    )
    for pid, text, created, pk, level in notes:
        if per_person[pid] < NOTES_PER_PERSON:
            per_person[pid] += 1
            result[pid].append(Field("note", text, since=created.date(), ref=pk, confidentiality=level))
    per_person.clear()
    Participant = Interaction.participants.through
    rows = (
        Participant.objects.filter(person_id__in=ids)
        .exclude(interaction__confidentiality=CONFIDENTIAL)
        .order_by("-interaction__occurred_at")
        .values_list(
            "person_id",
            "interaction_id",
            "interaction__summary",
            "interaction__confidentiality",
            "interaction__occurred_at",
        )
    )
    for pid, iid, summary, level, occurred in rows:
        if summary.startswith(SHARED_PREFIX):  # what I passed on says nothing about them
            continue
        if per_person[pid] < SUMMARIES_PER_PERSON:
            per_person[pid] += 1
            result[pid].append(
                Field("summary", summary, since=occurred.date() if occurred else None, ref=iid, confidentiality=level)
            )
    return {pid: result.get(pid, []) for pid in people}


def candidates(person_ids) -> list[Candidate]:
    ids = list(person_ids)
    names = dict(Person.objects.filter(pk__in=ids).values_list("pk", "name"))
    fields = fields_for(ids)
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

"""A full JSON backup of one user's network, and restoring it.

Rows are written per model with their ids; a restore inserts them in dependency
order and maps every id afresh, so a backup restores into any database (a new
laptop, or a firm's server that already holds other users). Confidential notes,
interactions and profile entries are left out unless asked for."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.db import DataError, IntegrityError, transaction
from django.db import models as djmodels

from goodwill import __version__, clock
from goodwill.errors import InvalidInput
from goodwill.models import (
    Address,
    Circle,
    ContactPoint,
    DupeDismissal,
    Exchange,
    ImportantDate,
    Interaction,
    Introduction,
    Item,
    NextStep,
    Note,
    Organization,
    Person,
    PersonDeletion,
    Photo,
    ProfileEntry,
    Share,
    SharingRule,
    StepChange,
    Tag,
    UserSettings,
    WeeklyReview,
)

FORMAT = "goodwill-backup"
FORMAT_VERSION = 1
# Parents before children; Person.introduced_by (a self link) is set in a second pass.
# Deleted people (PersonDeletion) are not in a backup: their snapshots hold this database's ids, which a
# restore maps afresh, and confidential text that the backup may leave out.
ORDER = [
    Circle,
    Organization,
    Tag,
    Person,
    SharingRule,  # what colleagues on a firm's server see of them
    Photo,
    ContactPoint,
    Address,
    ImportantDate,
    Interaction,
    Note,
    NextStep,
    StepChange,
    WeeklyReview,
    ProfileEntry,
    Item,
    Share,
    Introduction,
    Exchange,
    DupeDismissal,
]
M2M = {Person: ["tags"], Interaction: ["participants"]}
NAMED = (Circle, Organization, Tag)
WITHHELD = "[confidential: not in this backup]"
BATCH = 500  # rows per INSERT on restore: few round trips, and SQLite's variable limit stays far off


def _label(model) -> str:
    return model._meta.model_name


def _value(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return {"base64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _rows(owner, model, include_confidential: bool):
    rows = model.objects.filter(owner=owner).order_by("pk")
    if not include_confidential and model in (Note, ProfileEntry):
        rows = rows.exclude(confidentiality="confidential")
    m2m = M2M.get(model, [])
    if m2m:
        rows = rows.prefetch_related(*m2m)
    for obj in rows.iterator(chunk_size=2000) if not m2m else rows:
        data = {}
        for f in obj._meta.concrete_fields:
            if f.name == "owner":
                continue
            data[f.attname] = _value(getattr(obj, f.attname))
        for name in m2m:
            data[name] = [related.pk for related in getattr(obj, name).all()]
        if model is Interaction and obj.confidentiality == "confidential" and not include_confidential:
            data["summary"], data["body"] = WITHHELD, ""
        yield data


def write_backup(owner, stream: IO[str], *, include_confidential: bool = False) -> dict[str, int]:
    """Stream the backup as JSON; returns the row counts per model."""
    counts = {}
    stream.write(
        json.dumps(
            {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "goodwill": __version__,
                "created_at": clock.now().isoformat(),
                "include_confidential": include_confidential,
            }
        )[:-1]
    )
    settings_row = UserSettings.objects.filter(user=owner).values().first()
    prefs = {k: _value(v) for k, v in (settings_row or {}).items() if k not in ("id", "user_id")}
    stream.write(', "settings": ' + json.dumps(prefs) + ', "tables": {')
    for index, model in enumerate(ORDER):
        stream.write(("" if index == 0 else ", ") + json.dumps(_label(model)) + ": [")
        count = 0
        for row in _rows(owner, model, include_confidential):
            stream.write(("" if count == 0 else ", ") + json.dumps(row, ensure_ascii=False))
            count += 1
        stream.write("]")
        counts[_label(model)] = count
    stream.write("}}\n")
    return counts


def _load(stream: IO[str]) -> dict:
    try:
        data = json.load(stream)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            f"not a Goodwill backup: the JSON is broken near line {getattr(exc, 'lineno', '?')}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InvalidInput('not a Goodwill backup (no "format": "goodwill-backup")', code="not-backup")
    if data.get("version", 0) > FORMAT_VERSION:
        raise InvalidInput(
            f"this backup is from a newer Goodwill (format {data['version']}); upgrade Goodwill to restore it"
        )
    return data


def _field_value(field, value):
    if isinstance(value, dict) and "base64" in value:
        return base64.b64decode(value["base64"])
    if value is None:
        return None
    if isinstance(field, djmodels.DateTimeField):
        return datetime.fromisoformat(value)
    if isinstance(field, djmodels.DateField):
        return date.fromisoformat(value)
    if isinstance(field, djmodels.DecimalField):
        return Decimal(value)
    return value


def restore_backup(owner, stream: IO[str], *, replace: bool = False) -> dict[str, int]:
    """Bring a backup back for `owner`. Refuses to mix into an existing network unless replace.
    All or nothing: a damaged backup restores nothing."""
    data = _load(stream)
    try:
        return _restore(owner, data, replace)
    except (KeyError, TypeError, ValueError, AttributeError, DataError, IntegrityError) as exc:
        raise InvalidInput(
            f"the backup is damaged and nothing was restored ({type(exc).__name__}: "
            f"{str(exc)[:80]}); restore an earlier backup"
        ) from None


def _insert(model, pending: list[tuple[dict, djmodels.Model]], mapping: dict[int, int], ids: dict) -> None:
    """Insert a batch in one statement, with its many-to-many links in one more each.
    bulk_create sends no post_save, which only marks search documents stale: the restored
    people have no document yet, and search.ensure_current indexes people without one.
    The database triggers (DAV changes, stale strengths) fire on these inserts as on any."""
    if not pending:
        return
    created = model.objects.bulk_create([obj for _, obj in pending])
    for (row, _), obj in zip(pending, created, strict=True):
        mapping[row["id"]] = obj.pk
    for name in M2M.get(model, []):
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        related = ids.get(_label(field.related_model), {})
        links = [
            through(**{f"{source}_id": obj.pk, f"{target}_id": related[i]})
            for (row, _), obj in zip(pending, created, strict=True)
            for i in dict.fromkeys(row.get(name, []))
            if i in related
        ]
        through.objects.bulk_create(links, batch_size=BATCH)
    pending.clear()


@transaction.atomic
def _restore(owner, data: dict, replace: bool) -> dict[str, int]:
    if Person.objects.filter(owner=owner).exists():
        if not replace:
            raise InvalidInput(
                "your network is not empty; restore into a new data folder, or replace the current network "
                "(it is deleted first)",
                code="network-not-empty",
            )
        for model in reversed(ORDER):
            model.objects.filter(owner=owner).delete()
        PersonDeletion.objects.filter(owner=owner).delete()  # their snapshots point into the network just replaced
    tables = data.get("tables", {})
    ids: dict[str, dict[int, int]] = {}
    counts = {}
    deferred_links = []
    for model in ORDER:
        label = _label(model)
        mapping = ids.setdefault(label, {})
        fields = {f.attname: f for f in model._meta.concrete_fields}
        pending: list[tuple[dict, djmodels.Model]] = []
        for row in tables.get(label, []):
            values = {}
            for attname, value in row.items():
                field = fields.get(attname)
                if field is None or attname == "id":
                    continue
                if field.is_relation:
                    target = _label(field.related_model)
                    if target == "user":
                        continue
                    if model is Person and attname == "introduced_by_id":
                        if value is not None:
                            deferred_links.append((row["id"], value))
                        continue
                    value = ids.get(target, {}).get(value) if value is not None else None
                values[attname] = _field_value(field, value)
            if model is DupeDismissal and values["person_a_id"] > values["person_b_id"]:
                # New ids need not keep the old order, and a pair is stored lower id first.
                values["person_a_id"], values["person_b_id"] = values["person_b_id"], values["person_a_id"]
            if model in NAMED:
                # Circles, tags and organizations are unique by name: the defaults may exist already.
                obj, _ = model.objects.update_or_create(owner=owner, name=values.pop("name"), defaults=values)
                mapping[row["id"]] = obj.pk
            else:
                pending.append((row, model(owner=owner, **values)))  # type: ignore[abstract]
                if len(pending) >= BATCH:
                    _insert(model, pending, mapping, ids)
        _insert(model, pending, mapping, ids)
        counts[label] = len(mapping)
    for person_id, introducer_id in deferred_links:
        Person.objects.filter(pk=ids["person"][person_id]).update(introduced_by_id=ids["person"].get(introducer_id))
    prefs = UserSettings.objects.get_or_create(user=owner)[0]
    for key, value in data.get("settings", {}).items():
        if hasattr(prefs, key):
            setattr(prefs, key, value)
    prefs.save()
    return counts

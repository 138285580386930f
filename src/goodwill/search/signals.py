"""Keep search documents in step with ordinary writes: each save marks the people
it touches as stale (one small UPDATE); the next search re-indexes them.

Signals never create documents (a merge's undo restores rows by id, and a
person may be half-deleted): `search.ensure_current` indexes people with no
document, which also covers bulk writes (bulk_create sends no signals), and
`goodwill reindex` rebuilds everything.
Senders are given as "app.Model" strings, so this module imports no models.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from goodwill.search import mark_stale

_connected = False


def _person_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        mark_stale(instance.owner_id, [instance.pk])


def _about_person_saved(sender, instance, raw=False, **kwargs):
    # A note or profile entry: its person's document changes.
    if not raw:
        mark_stale(instance.owner_id, [instance.person_id])


def _about_person_deleted(sender, instance, **kwargs):
    # Never create a document here: the person may be on their way out too.
    mark_stale(instance.owner_id, [instance.person_id])


def _interaction_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:  # a new one has no participants yet: m2m_changed follows
        return
    mark_stale(instance.owner_id, instance.participants.values_list("pk", flat=True))


def _participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove"):
        return
    if reverse:  # person.interactions.add(...)
        mark_stale(instance.owner_id, [instance.pk])
    else:
        mark_stale(instance.owner_id, pk_set or ())


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    mark_stale(instance.owner_id, [instance.pk])


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    post_save.connect(_person_saved, sender="goodwill.Person", dispatch_uid="search-person")
    for model in ("goodwill.Note", "goodwill.ProfileEntry"):
        post_save.connect(_about_person_saved, sender=model, dispatch_uid=f"search-save-{model}")
        post_delete.connect(_about_person_deleted, sender=model, dispatch_uid=f"search-delete-{model}")
    post_save.connect(_interaction_saved, sender="goodwill.Interaction", dispatch_uid="search-interaction")
    m2m_changed.connect(
        _participants_changed, sender="goodwill.Interaction_participants", dispatch_uid="search-participants"
    )
    m2m_changed.connect(_tags_changed, sender="goodwill.Person_tags", dispatch_uid="search-tags")

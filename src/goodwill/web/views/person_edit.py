"""Adding, editing and deleting people in the browser, with an undo for deletes; their
important dates and profile (needs, interests, offers). Each form calls the same service
as the CLI and the API, so the same bad input gets the same message at every door."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, person_of
from goodwill.web.forms.base import field_of, naming
from goodwill.web.forms.people import ConfirmForm, DateForm, PersonForm, ProfileEntryForm

# The boxes that, shown unchanged, leave the person's field as it is (box, PersonFields attribute).
UNCHANGED = [
    ("organization", "organization"),
    ("title", "title"),
    ("location", "location"),
    ("how_met", "how_met"),
    ("birthday", "birthday"),
    ("introduced_by", "introduced_by"),
    ("cadence", "cadence_days"),
    ("circle", "circle"),
]


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _form_context(owner, data, *, person=None, error=None) -> dict:
    from goodwill.models import Circle

    return {
        "data": data,
        "person": person,
        "error": str(error) if error else None,
        "error_field": field_of(error) if error else "",
        "circles": list(Circle.objects.filter(owner=owner).values_list("name", flat=True)),
    }


def _data_of(person) -> dict:
    """A person's fields as the edit form shows them."""
    from goodwill.habits.yearly import format_yearly, read_stored
    from goodwill.web.views.log import picker_value

    points = list(person.contact_points.order_by("-preferred", "id"))
    birthday = read_stored(person.birthday)
    return {
        "name": person.name,
        "organization": person.organization.name if person.organization_id else "",
        "title": person.title,
        "location": person.location,
        "how_met": person.how_met,
        "birthday": format_yearly(*birthday) if birthday else person.birthday,
        "cadence": f"{person.cadence_days}d" if person.cadence_days else "",
        "circle": person.circle.name if person.circle_id else "",
        "introduced_by": picker_value(person.introduced_by) if person.introduced_by_id else "",
        "emails": "\n".join(p.value for p in points if p.kind == "email"),
        "phones": "\n".join(p.value for p in points if p.kind == "phone"),
        "urls": "\n".join(p.value for p in points if p.kind == "url"),
        "tags": ", ".join(person.tags.values_list("name", flat=True)),
    }


@owner_view
def new_person(request):
    """GET: the Add a person form (the name may come from the quick log). POST: add them."""
    from django.db import transaction

    from goodwill.services.dates import add_date
    from goodwill.services.people import add_person

    owner = request.owner
    if request.method != "POST":
        data = {"name": PersonForm(request.GET).typed()["name"], "circle": "network"}  # from the quick log
        return render(request, "web/person_form.html", _form_context(owner, data))
    form = PersonForm(request.POST)
    data = form.typed()
    try:
        with transaction.atomic():
            added = add_person(owner, form.person_fields(replace=False))
            if data["date_label"].strip() or data["date_when"].strip():
                try:
                    add_date(owner, added, data["date_label"], data["date_when"])
                except UserError as exc:
                    naming(exc, "date_when" if "label" not in str(exc) else "date_label")
                    raise
    except UserError as exc:
        return render(request, "web/person_form.html", _form_context(owner, data, error=exc), status=400)
    messages.success(request, f"Added {added.name}.")
    return _see_other(reverse("web:person", args=[added.pk]))


@owner_view
def edit_person(request, person_id: int):
    from goodwill.services.people import edit_person as edit

    owner = request.owner
    target = person_of(owner, person_id)
    if request.method != "POST":
        return render(request, "web/person_form.html", _form_context(owner, _data_of(target), person=target))
    form = PersonForm(request.POST)
    data = form.typed()
    try:
        from django.db import transaction

        fields = form.person_fields(replace=True)
        # What the form shows unchanged stays as it is: a confirmed place is not geocoded again,
        # an archived introducer is not looked up again, a personal cadence is not rounded.
        before = _data_of(target)
        for name, attr in UNCHANGED:
            if " ".join(data[name].split()) == " ".join(str(before[name]).split()):
                setattr(fields, attr, None)
        with transaction.atomic():
            edit(owner, target, fields)
    except UserError as exc:
        target.refresh_from_db()
        return render(request, "web/person_form.html", _form_context(owner, data, person=target, error=exc), status=400)
    messages.success(request, f"Saved {target.name}.")
    return _see_other(reverse("web:person", args=[target.pk]))


@owner_view
def delete_person(request, person_id: int):
    """GET: what deleting them removes, and a button; POST: delete (it can be undone)."""
    from goodwill.services.deletion import delete_person as delete

    owner = request.owner
    target = person_of(owner, person_id)
    if request.method != "POST":
        from goodwill.queries.people import holdings

        return render(request, "web/person_delete.html", {"person": target, "counts": holdings(target)})
    deletion = delete(owner, target)
    messages.success(request, f"Deleted {deletion.name}. Changed your mind? Restore them below.")
    return _see_other(reverse("web:people-deleted"))


@require_POST
@owner_view
def archive_person(request, person_id: int):
    """Archive (kept, off lists and the agenda), or bring an archived person back."""
    from goodwill.services.people import archive_person as archive

    target = person_of(request.owner, person_id)
    restore = target.archived_at is not None
    return act(
        request,
        lambda: archive(request.owner, target, restore=restore),
        f"{target.name} {'is back on your lists' if restore else 'archived: kept, but off lists and the agenda'}.",
        default=f"/people/{target.pk}/",
    )


@owner_view
def deleted_people(request):
    from goodwill.services.deletion import deletions

    return render(request, "web/people_deleted.html", {"deletions": deletions(request.owner)})


def _deletion_of(owner, deletion_id: int):
    """One of the owner's deletions; anyone else's is a plain 404."""
    from goodwill.models import PersonDeletion

    return PersonDeletion.objects.get_owned(owner, deletion_id)


@require_POST
@owner_view
def restore_deleted(request, deletion_id: int):
    from goodwill.services.deletion import restore_person

    owner = request.owner
    deletion = _deletion_of(owner, deletion_id)
    try:
        person = restore_person(owner, deletion)
    except UserError as exc:
        messages.error(request, str(exc))
        return _see_other(reverse("web:people-deleted"))
    messages.success(request, f"Restored {person.name}, with everything they had.")
    return _see_other(reverse("web:person", args=[person.pk]))


@require_POST
@owner_view
def empty_deleted(request, deletion_id: int):
    """Forget a deletion for good: only when the user ticks that they mean it."""
    from goodwill.services.deletion import purge_deletion

    owner = request.owner
    deletion = _deletion_of(owner, deletion_id)
    if not ConfirmForm(request.POST).value("confirm"):
        messages.error(request, 'tick "Forget them for good" to empty this; it cannot be undone')
        return _see_other(reverse("web:people-deleted"))
    return act(
        request,
        lambda: purge_deletion(owner, deletion),
        lambda name: f"{name} is gone for good.",
        default=reverse("web:people-deleted"),
    )


# Important dates.


@require_POST
@owner_view
def add_date(request, person_id: int):
    from goodwill.services.dates import add_date as add

    target = person_of(request.owner, person_id)
    form = DateForm(request.POST)
    return act(
        request,
        lambda: add(request.owner, target, form.value("label") or "", form.value("when") or ""),
        lambda d: f"Added {d.label} for {target.name}.",
        default=f"/people/{target.pk}/#dates",
    )


@require_POST
@owner_view
def change_date(request, person_id: int, date_id: int):
    from goodwill.models import ImportantDate
    from goodwill.services.dates import edit_date, remove_date

    owner = request.owner
    target = person_of(owner, person_id)
    change = DateForm(request.POST).values()

    def work():
        important = ImportantDate.objects.filter(person=target).get_owned(owner, date_id)
        if change["remove"]:
            remove_date(owner, important)
            return f"Removed {important.label}."
        edit_date(owner, important, label=change["label"], when=change["when"])
        return f"Saved {important.label}."

    return act(request, work, lambda text: text, default=f"/people/{target.pk}/#dates")


# Profile: interests, needs and offers.


@require_POST
@owner_view
def add_profile_entry(request, person_id: int):
    from goodwill.services.profiles import add_entry

    target = person_of(request.owner, person_id)
    entry = ProfileEntryForm(request.POST).values()
    return act(
        request,
        lambda: add_entry(
            request.owner, target, entry["kind"], entry["text"], confidentiality=entry["confidentiality"]
        ),
        lambda e: f"Added the {e.kind} \u201c{e.text}\u201d.",
        default=f"/people/{target.pk}/#profile",
    )


@require_POST
@owner_view
def change_profile_entry(request, person_id: int, entry_id: int):
    from goodwill.models import ProfileEntry
    from goodwill.services.profiles import close_entry, remove_entry

    owner = request.owner
    target = person_of(owner, person_id)
    remove = ProfileEntryForm(request.POST).value("remove")

    def work():
        entry = ProfileEntry.objects.select_related("person").filter(person=target).get_owned(owner, entry_id)
        if remove:
            remove_entry(owner, entry)
            return f"Removed the {entry.kind} \u201c{entry.text}\u201d."
        close_entry(owner, entry)
        return f"Closed the {entry.kind} \u201c{entry.text}\u201d."

    return act(request, work, lambda text: text, default=f"/people/{target.pk}/#profile")

"""Forms of the People pages: the person form, notes, next steps, rhythm, important
dates, the profile, and the list's filters. Values are parsed with the CLI's helpers;
the services check the rest (a name's length, an email, a known circle)."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from goodwill.parsing import parse_cadence_days
from goodwill.services.encounters import parse_due
from goodwill.services.people import PersonFields
from goodwill.web.forms.base import Flag, Given, Parsed, WebForm, box
from goodwill.web.forms.log import picked_ref

SPLIT = re.compile(r"[\n,;]+")


def _list(typed: str) -> list[str]:
    return [part.strip() for part in SPLIT.split(typed or "") if part.strip()]


class PersonForm(WebForm):
    """Add a person or edit one: the boxes of web/person_form.html."""

    name = box(strip=False)
    organization = box(strip=False)
    title = box(strip=False)
    location = box(strip=False)
    how_met = box(strip=False)
    birthday = box(strip=False)
    cadence = Parsed(parse_cadence_days)
    circle = box()
    introduced_by = box()
    emails = box(strip=False)
    phones = box(strip=False)
    urls = box(strip=False)
    tags = box(strip=False)
    date_label = box(strip=False)
    date_when = box(strip=False)

    def typed(self) -> dict[str, str]:
        """Every box as the user left it (the page drawn again with a mistake keeps them)."""
        return {name: str(self[name].value() or "") for name in self.fields}

    def person_fields(self, *, replace: bool) -> PersonFields:
        """The form → PersonFields; on an edit a blank cadence clears it (the service validates every field)."""
        values = self.values()
        cadence = values["cadence"]
        return PersonFields(
            name=values["name"],
            organization=values["organization"],
            title=values["title"],
            emails=_list(values["emails"]),
            phones=_list(values["phones"]),
            urls=_list(values["urls"]),
            tags=[t.lstrip("#") for t in _list(values["tags"].replace(" #", ","))],
            circle=values["circle"] or None,
            cadence_days=cadence if cadence is not None else (0 if replace else None),
            how_met=values["how_met"],
            introduced_by=picked_ref(values["introduced_by"]),
            birthday=values["birthday"],
            location=values["location"],
            replace=replace,
        )


class NoteForm(WebForm):
    text = box(strip=False)
    confidentiality = box()

    def clean_confidentiality(self) -> str:
        return str(self.cleaned_data["confidentiality"] or "private")


class StepForm(WebForm):
    """A next step: its words and when it is due ("friday", 2026-12-01; blank is none)."""

    text = box(strip=False)
    due = Parsed(parse_due, empty=(None, True))
    theirs = Flag()  # a step they owe me

    @property
    def ball(self) -> str:
        return "theirs" if self.value("theirs") else "mine"


class RhythmForm(WebForm):
    """A circle, or a personal cadence ("6w"): one of the two."""

    circle = box()
    cadence = Parsed(parse_cadence_days)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("circle") and not str(self["cadence"].value() or "").strip():
            raise forms.ValidationError("choose a circle or give a cadence such as 6w")
        return cleaned


class DateForm(WebForm):
    """An important date; on an edit a field the form does not carry is left as it is."""

    label = Given()
    when = Given()
    remove = Flag()


class ProfileEntryForm(WebForm):
    kind = box(strip=False)
    text = box(strip=False)
    confidentiality = box()
    remove = Flag()

    def clean_confidentiality(self) -> str:
        return str(self.cleaned_data["confidentiality"] or "private")


class ConfirmForm(WebForm):
    """An action that cannot be undone goes ahead only with its box ticked."""

    confirm = Flag()


class PeopleFilters(WebForm):
    """The People list's query string: search, circle, tag, due, overdue, near a place."""

    q = box()
    circle = box(strip=False)
    tag = box(strip=False)
    due = Flag()
    overdue = Flag()
    near = box()
    within = box()

    def clean_within(self) -> str:
        return str(self.cleaned_data["within"] or "100mi")

"""The form that says whom a task made on the phone is for."""

from __future__ import annotations

from goodwill.web.forms.base import WebForm, box


class AssignForm(WebForm):
    person = box()  # the picker's "Jane Doe (#12)", a name, an email or #id

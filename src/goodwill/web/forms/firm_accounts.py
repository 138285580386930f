"""Forms of the key-relationships and departures pages (web/views/firm_accounts.py)."""

from __future__ import annotations

from goodwill.web.forms.base import Many, WebForm, box


class MarkForm(WebForm):
    """Mark an organization as a key client or target."""

    name = box()
    kind = box()
    note = box()


class HandoverForm(WebForm):
    """Hand some of the leaver's people to a colleague, with a note."""

    leaver = box()  # an admin's pick; blank is the user themself
    recipient = box()
    person = Many(required=False)
    note = box()


class DepartForm(WebForm):
    login = box()

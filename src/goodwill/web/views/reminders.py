"""Settings' "Daily digest" and "Outgoing mail" sections (templates/web/_reminders.html):
the same services as `goodwill remind ...` and /api/v1/reminders."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.reminders import DigestForm, SmtpForm


def reminders_context(owner) -> dict:
    """What the Settings page needs to draw the two sections."""
    from goodwill.services.digest import digest_settings
    from goodwill.services.outbox import SECURITIES

    return {"reach": digest_settings(owner), "reach_securities": SECURITIES}


@require_POST
@owner_view
def save_digest(request):
    from goodwill.services.digest import set_digest

    form = DigestForm(request.POST)

    def work():
        values = form.values()
        return set_digest(
            request.owner,
            on=values["on"],
            at=values["at"] or None,  # an emptied box keeps the time and the days
            days=values["days"] or None,
            to=values["to"],
            time_zone=values["time_zone"],
        )

    return act(
        request,
        work,
        lambda reach: "Daily digest " + ("on." if reach.digest_on else "saved; it is off."),
        default="web:settings",
    )


@require_POST
@owner_view
def save_smtp(request):
    from goodwill.services.outbox import set_smtp

    form = SmtpForm(request.POST)

    def work():
        values = form.values()
        return set_smtp(
            request.owner,
            values["host"],
            values["port"] or None,
            values["security"] or "starttls",
            values["user"],
            values["password"] or None,
            values["sender"],
        )

    return act(
        request,
        work,
        lambda reach: "Outgoing mail saved." if reach.smtp_host else "Outgoing mail turned off.",
        default="web:settings",
    )


@require_POST
@owner_view
def send_test(request):
    from goodwill.services.digest import send_digest

    return act(
        request,
        lambda: send_digest(request.owner, test=True),
        lambda outcome: outcome.summary[:1].upper() + outcome.summary[1:] + ".",
        default="web:settings",
    )

"""The Capture section of Settings: the mailboxes and calendars Goodwill reads by itself
(add, run now, test, pause, resume, remove; the last run and its error), and the promises a
scheduled mail sync offers to confirm. The same services as `goodwill capture` and the API."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.capture import CalendarSourceForm, MailSourceForm

BACK = "web:settings"


def capture_context(owner) -> dict:
    """What the section shows; the Settings page adds it to its own context."""
    from goodwill.services.capture_sources import source_rows
    from goodwill.services.promise_offers import pending_offers

    return {"capture_sources": source_rows(owner), "capture_offers": pending_offers(owner)}


def _mine(request, source_id: int) -> None:
    """Someone else's source is a 404 page, before anything is done (not a message)."""
    from goodwill.services.capture_sources import get_source

    get_source(request.owner, source_id)


def _my_offer(request, offer_id: int) -> None:
    from goodwill.services.promise_offers import check_offer

    check_offer(request.owner, offer_id)


def _added(source) -> str:
    return f'"{source.name}" is set up; it is read every {source.every_minutes} minutes. Nothing was fetched yet.'


@require_POST
@owner_view
def add_mail(request):
    from goodwill.services.capture_sources import add_imap_source

    def work():
        v = MailSourceForm(request.POST).values()
        return add_imap_source(
            request.owner,
            v["name"],
            v["host"],
            v["user"],
            v["password"],
            folder=v["folder"] or "INBOX",
            port=v["port"],
            security=v["security"] or "ssl",
            every_minutes=v["every"],
        )

    return act(request, work, _added, default=BACK)


@require_POST
@owner_view
def add_calendar(request):
    from goodwill.services.capture_sources import add_calendar_source

    def work():
        v = CalendarSourceForm(request.POST).values()
        return add_calendar_source(
            request.owner,
            v["name"],
            v["url"],
            user=v["user"] or None,
            password=v["password"] or None,
            kind="caldav" if v["caldav"] else "ics",
            every_minutes=v["every"],
        )

    return act(request, work, _added, default=BACK)


@require_POST
@owner_view
def run(request, source_id: int):
    _mine(request, source_id)
    from goodwill.services.capture import run_now

    return act(request, lambda: run_now(request.owner, source_id), lambda o: f"Read it now: {o.summary}.", BACK)


@require_POST
@owner_view
def check(request, source_id: int):
    _mine(request, source_id)
    from goodwill.services.capture import check_source

    return act(request, lambda: check_source(request.owner, source_id), lambda r: f"It works: {r}.", BACK)


@require_POST
@owner_view
def pause(request, source_id: int):
    _mine(request, source_id)
    from goodwill.services.capture_sources import pause_source

    def said(source) -> str:
        return f'"{source.name}" is paused: nothing is read from it until you resume it.'

    return act(request, lambda: pause_source(request.owner, source_id), said, BACK)


@require_POST
@owner_view
def resume(request, source_id: int):
    _mine(request, source_id)
    from goodwill.services.capture_sources import resume_source

    def said(source) -> str:
        return f'"{source.name}" is read again, every {source.every_minutes} minutes.'

    return act(request, lambda: resume_source(request.owner, source_id), said, BACK)


@require_POST
@owner_view
def remove(request, source_id: int):
    _mine(request, source_id)
    from goodwill.services.capture_sources import remove_source

    def said(source) -> str:
        return f'"{source.name}" is removed, with its saved password. What it logged stays (Import can undo a run).'

    return act(request, lambda: remove_source(request.owner, source_id), said, BACK)


@require_POST
@owner_view
def accept_offer(request, offer_id: int):
    _my_offer(request, offer_id)
    from goodwill.services.promise_offers import accept_offer as accept

    def said(step) -> str:
        return f"Recorded: {step.text} (for {step.person.name})."

    return act(request, lambda: accept(request.owner, offer_id), said, BACK)


@require_POST
@owner_view
def dismiss_offer(request, offer_id: int):
    _my_offer(request, offer_id)
    from goodwill.services.promise_offers import dismiss_offer as dismiss

    return act(request, lambda: dismiss(request.owner, offer_id), "Dismissed: not a promise.", BACK)

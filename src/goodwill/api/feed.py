"""The calendar feed at /feed/<token>.ics, for Outlook, Google Calendar and Apple
Calendar to subscribe to. The token is the only key: a wrong or revoked one is a
plain 404, the same answer as for an address that never existed."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_safe

MAX_DAYS = 366


@require_safe
def calendar_feed(request, token: str):
    from goodwill.queries.calendar import build_feed
    from goodwill.services.tokens import user_for_feed_token

    owner = user_for_feed_token(token)
    if owner is None:
        raise Http404("no calendar feed at this address")
    days_text = request.GET.get("days", "30")
    if not days_text.isdecimal() or not 1 <= int(days_text) <= MAX_DAYS:
        return HttpResponseBadRequest(f"days must be a whole number from 1 to {MAX_DAYS}\n", content_type="text/plain")
    # Google Calendar and Outlook ignore to-dos: ?events=1 gives steps as all-day events instead.
    events_only = request.GET.get("events", "") in ("1", "true", "yes")
    body = build_feed(owner, days=int(days_text), todos=not events_only)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="goodwill.ics"'
    # Personal data: no shared caches; calendars poll every few hours anyway.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response

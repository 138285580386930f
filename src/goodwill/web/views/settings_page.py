"""Settings: circles and cadences, home, weekly goal, response window, phone
region, default currency, and the calendar feed's secret address (regenerate or turn off)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act
from goodwill.web.forms.settings import CadenceForm, FeedForm, PreferencesForm


def reached_at(request) -> str:
    """The address this page came in on, when it is not loopback: the likely GOODWILL_BASE_URL."""
    from goodwill.hosts import host_without_port, is_loopback_host

    return (
        "" if is_loopback_host(host_without_port(request.get_host())) else request.build_absolute_uri("/").rstrip("/")
    )


def _back():
    return HttpResponseRedirect(reverse("web:settings"), status=303)


@owner_view
def settings_page(request):
    return render_settings(request)


def render_settings(request, extra: dict | None = None, *, status: int = 200):
    """The page, with `extra` for a section that draws a mistake in place (status 400)."""
    from goodwill.models import Circle
    from goodwill.queries.jobs import recent_runs
    from goodwill.services.feed import current_feed
    from goodwill.services.preferences import DESCRIPTIONS, preferences
    from goodwill.web.views.capture import capture_context
    from goodwill.web.views.dav_settings import dav_section
    from goodwill.web.views.firm_admin import settings_sharing_context
    from goodwill.web.views.push_settings import push_section
    from goodwill.web.views.reminders import reminders_context
    from goodwill.web.views.token_settings import tokens_section

    owner = request.owner
    circles = list(Circle.objects.filter(owner=owner))
    try:
        feed, feed_problem = current_feed(owner), ""
    except UserError as exc:  # GOODWILL_BASE_URL is not a web address: the rest of the page still works
        feed, feed_problem = None, str(exc)
    return render(
        request,
        "web/settings.html",
        {
            # Template names cannot hold hyphens: weekly-goal → weekly_goal.
            "prefs": {key.replace("-", "_"): value for key, value in preferences(owner).items()},
            "descriptions": {key.replace("-", "_"): value for key, value in DESCRIPTIONS.items()},
            "circles": circles,
            "feed": feed,
            "feed_problem": feed_problem,
            "reached_at": reached_at(request),
            "job_runs": recent_runs(owner, limit=10),
            "push": push_section(owner),
            "dav": dav_section(owner),
            "api_tokens": tokens_section(owner),
            **capture_context(owner),
        }
        | reminders_context(owner)
        # What colleagues see (web/firm/_settings_sharing.html): only with a password login.
        | (settings_sharing_context(owner) if request.user.is_authenticated else {})
        | (extra or {}),
        status=status,
    )


@require_POST
@owner_view
def save_preferences(request):
    from goodwill.services.preferences import preferences, set_preference

    owner = request.owner
    current = preferences(owner)
    given = PreferencesForm(request.POST).given()
    changed = []
    try:
        for key, value in given.items():
            if value != str(current.get(key) or ""):
                if key == "home" and not value:
                    continue  # an empty box keeps the home base
                set_preference(owner, key, value)
                changed.append(key)
    except UserError as exc:
        messages.error(request, str(exc))
        return _back()
    if "weekly-goal" in given:  # saved as it was (the default) is chosen too
        from goodwill.services.onboarding import note_goal_set

        note_goal_set(owner)
    messages.success(request, "Saved: " + ", ".join(changed) + "." if changed else "Nothing changed.")
    return _back()


@require_POST
@owner_view
def save_circle(request, circle_id: int):
    from goodwill.models import Circle
    from goodwill.services.people import set_circle_cadence

    circle = Circle.objects.get_owned(request.owner, circle_id)
    form = CadenceForm(request.POST)

    def work():
        return set_circle_cadence(request.owner, circle.name, form.values()["cadence"])

    return act(
        request,
        work,
        f"The {circle.name} circle's cadence is changed; everyone in it is rescheduled.",
        default="web:settings",
    )


@require_POST
@owner_view
def feed(request):
    from goodwill.services.feed import rotate_feed, turn_feed_off

    if FeedForm(request.POST).value("action") == "off":
        return act(
            request,
            lambda: turn_feed_off(request.owner),
            "Calendar feed turned off; the old address no longer works.",
            default="web:settings",
        )
    return act(
        request,
        lambda: rotate_feed(request.owner),
        "New calendar feed address made; the old one no longer works.",
        default="web:settings",
    )

"""Settings' Notifications section: push channels (add, test, pause, resume, remove), pushes
on or off, and quiet hours. The same service as `goodwill push` and /api/v1/push."""

from __future__ import annotations

from django.contrib import messages
from django.urls import reverse
from django.views.decorators.http import require_POST

from goodwill.web.auth import owner_view
from goodwill.web.common import act, redirect_back
from goodwill.web.forms.push import ChannelForm, PushSettingsForm


def push_section(owner) -> dict:
    """What the section shows: the switch, the quiet hours and the channels (URLs masked)."""
    from goodwill.services.push import EXAMPLES, push_settings

    return {"settings": push_settings(owner), "examples": EXAMPLES}


def _here() -> str:
    return reverse("web:settings") + "#notifications"


def _channel(owner, channel_id: int):
    """One of the owner's channels; anyone else's is a plain 404, never a hint that it exists."""
    from goodwill.models import PushChannel

    return PushChannel.objects.get_owned(owner, channel_id)


@require_POST
@owner_view
def add_channel(request):
    from goodwill.services.push import add_channel as add

    def work():
        values = ChannelForm(request.POST).values()
        return add(request.owner, values["name"], values["url"])

    return act(request, work, lambda c: f'Added the push channel "{c.name}" ({c.shown}). Send it a test push.', _here())


@require_POST
@owner_view
def test_channel(request, channel_id: int):
    from goodwill.services.push import test_channel as send_test

    [delivery] = send_test(request.owner, _channel(request.owner, channel_id).pk)
    name = delivery.channel.name
    if delivery.delivered:
        messages.success(request, f'Test push sent to "{name}": check that it arrived.')
    else:
        messages.error(request, f'The test push to "{name}" was not delivered: {delivery.error}')
    return redirect_back(request, _here())


@require_POST
@owner_view
def pause_channel(request, channel_id: int):
    from goodwill.services.push import set_paused

    channel = _channel(request.owner, channel_id)
    return act(request, lambda: set_paused(request.owner, channel.pk, True), lambda c: f'Paused "{c.name}".', _here())


@require_POST
@owner_view
def resume_channel(request, channel_id: int):
    from goodwill.services.push import set_paused

    channel = _channel(request.owner, channel_id)
    return act(request, lambda: set_paused(request.owner, channel.pk, False), lambda c: f'Resumed "{c.name}".', _here())


@require_POST
@owner_view
def remove_channel(request, channel_id: int):
    from goodwill.services.push import remove_channel as remove

    channel = _channel(request.owner, channel_id)
    return act(
        request,
        lambda: remove(request.owner, channel.pk),
        lambda c: f'Removed the push channel "{c.name}"; its URL is forgotten.',
        _here(),
    )


@require_POST
@owner_view
def save_settings(request):
    from django.db import transaction

    from goodwill.services.push import set_push, set_quiet

    def work():
        values = PushSettingsForm(request.POST).values()
        with transaction.atomic():
            set_quiet(request.owner, values["quiet_from"], values["quiet_until"])
            return set_push(request.owner, values["on"])

    def said(settings) -> str:
        quiet = (
            f"quiet {settings.quiet_from:%H:%M} to {settings.quiet_until:%H:%M}"
            if settings.quiet_from and settings.quiet_until
            else "no quiet hours"
        )
        return f"Pushes are {'on' if settings.on else 'off'}; {quiet}."

    return act(request, work, said, _here())

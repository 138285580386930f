"""Forms of Settings' Notifications section: a new channel, and pushes on or off with quiet hours."""

from __future__ import annotations

from goodwill.habits.push import parse_clock
from goodwill.web.forms.base import Flag, Parsed, WebForm, box


class ChannelForm(WebForm):
    name = box()
    url = box()  # the service checks it with Apprise and keeps it as a secret


class PushSettingsForm(WebForm):
    """Both times blank: no quiet hours (the service refuses one without the other)."""

    on = Flag()
    quiet_from = Parsed(parse_clock)
    quiet_until = Parsed(parse_clock)

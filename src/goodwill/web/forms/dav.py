"""The form of Settings' "Phone and other devices" section: a new device password's name."""

from __future__ import annotations

from goodwill.web.forms.base import WebForm, box


class DevicePasswordForm(WebForm):
    name = box()  # the service says when it is missing, too long or taken

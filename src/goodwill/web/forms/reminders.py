"""Forms of Settings' "Daily digest" and "Outgoing mail": read as typed, checked by the services
(services.digest.set_digest, services.outbox.set_smtp), which keep the rules."""

from __future__ import annotations

from goodwill.web.forms.base import Flag, WebForm, box


class DigestForm(WebForm):
    on = Flag()
    at = box()
    days = box()
    to = box()
    time_zone = box()


class SmtpForm(WebForm):
    host = box()
    port = box()
    security = box()
    user = box()
    password = box(strip=False)  # empty: keep the saved one
    sender = box()

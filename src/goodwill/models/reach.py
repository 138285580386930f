"""What reaches the user while Goodwill is closed (issue 15): the digest's and the pushes'
settings, push channels, capture sources, the runs of scheduled jobs, one-click links
that were used, and secrets kept encrypted on a server.

Secrets (SMTP and IMAP passwords, CalDAV passwords, push URLs that carry tokens) are never
stored here in plain text: a `secret_ref` names where goodwill.services.secrets keeps them
(the OS keyring on a laptop, an EncryptedSecret row on a server)."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models

from goodwill.models.base import Owned

WORKDAYS = [0, 1, 2, 3, 4]  # Monday to Friday, as datetime.weekday() counts


def _workdays() -> list[int]:
    return list(WORKDAYS)


class ReachSettings(models.Model):
    """One user's digest, quiet hours and outgoing mail server."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reach_settings")
    # The zone the digest's hour and the quiet hours are read in; empty: the home's zone, else the server's.
    time_zone = models.CharField(max_length=64, blank=True)
    digest_on = models.BooleanField(default=False)
    digest_at = models.TimeField(default=time(7, 30))
    digest_days = models.JSONField(default=_workdays)  # weekday numbers, Monday = 0
    digest_to = models.EmailField(max_length=254, blank=True)  # where the digest goes
    push_on = models.BooleanField(default=False)
    quiet_from = models.TimeField(null=True, blank=True, default=time(21, 0))  # no pushes from ...
    quiet_until = models.TimeField(null=True, blank=True, default=time(8, 0))  # ... until
    # Outgoing mail, when the environment names no server (GOODWILL_SMTP_HOST wins for a firm).
    smtp_host = models.CharField(max_length=255, blank=True)
    smtp_port = models.PositiveIntegerField(null=True, blank=True)
    smtp_security = models.CharField(max_length=10, default="starttls")  # ssl, starttls or plain (loopback only)
    smtp_user = models.CharField(max_length=255, blank=True)
    smtp_from = models.EmailField(max_length=254, blank=True)
    smtp_secret_ref = models.CharField(max_length=200, blank=True)


class EncryptedSecret(Owned):
    """A secret encrypted with the key in GOODWILL_SECRETS_KEY (a server without an OS keyring)."""

    owned_noun = "secret"
    name = models.CharField(max_length=100)
    token = models.TextField()  # Fernet token: encrypted and authenticated
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="secret_name_once")]


class PushChannel(Owned):
    """Where short pushes go: one Apprise URL (ntfy, Telegram, Slack, Matrix, Signal, mail ...)."""

    owned_noun = "push channel"
    name = models.CharField(max_length=100)
    shown = models.CharField(max_length=200)  # the URL with its secrets masked, to tell channels apart
    secret_ref = models.CharField(max_length=200)
    paused = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    last_sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["name", "id"]


class CaptureKind(models.TextChoices):
    IMAP = "imap", "mail (IMAP)"
    ICS = "ics", "calendar (ICS URL)"
    CALDAV = "caldav", "calendar (CalDAV)"


class CaptureSource(Owned):
    """A mailbox or calendar that Goodwill reads on a schedule, set up by the user."""

    owned_noun = "capture source"
    kind = models.CharField(max_length=10, choices=CaptureKind.choices)
    name = models.CharField(max_length=100)
    # IMAP: host, port, security, login, folder, ca_file. ICS/CalDAV: url, login (calendar: its name).
    config = models.JSONField(default=dict, blank=True)
    secret_ref = models.CharField(max_length=200, blank=True)
    every_minutes = models.PositiveIntegerField(default=15)
    paused = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name", "id"]


class JobStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"  # nothing to do (a digest with nothing in it)
    FAILED = "failed"  # tried `attempts` times; tried again at next_try_at unless given up
    GAVE_UP = "gave_up"


class JobRun(Owned):
    """One scheduled piece of work for one user, claimed once by its slot.

    (owner, kind, slot) is unique, and a run is claimed by inserting it: two schedulers or two
    workers on one database can never send the same digest (slot: its local date) twice."""

    owned_noun = "job run"
    kind = models.CharField(max_length=20)  # digest, push, capture, test
    slot = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=100, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    source = models.ForeignKey(CaptureSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-queued_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["owner", "kind", "slot"], name="job_slot_once")]
        indexes = [models.Index(fields=["status", "next_try_at"], name="job_retry")]


class LinkUse(Owned):
    """A one-click link from a digest that was used: a link works once, and can be undone."""

    owned_noun = "link"
    nonce = models.CharField(max_length=40, unique=True)
    action = models.CharField(max_length=20)  # done, snooze, replied, touch
    target = models.CharField(max_length=40)  # e.g. "step:12", "reply:7", "person:3"
    used_at = models.DateTimeField()
    undo = models.JSONField(default=dict, blank=True)  # what undoing needs (the state before)
    undone_at = models.DateTimeField(null=True, blank=True)


class UpcomingMeeting(Owned):
    """A meeting ahead with people I know, read from a calendar source: the digest says
    "You meet Jane at 3: you owe her the deck". Refreshed on every run of its source."""

    owned_noun = "upcoming meeting"
    source = models.ForeignKey(CaptureSource, on_delete=models.CASCADE, related_name="upcoming")
    key = models.CharField(max_length=400)  # the event's UID (and occurrence)
    title = models.CharField(max_length=500)
    starts_at = models.DateTimeField()
    people = models.ManyToManyField("goodwill.Person", related_name="+")

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="upcoming_once")]

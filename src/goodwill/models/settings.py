from django.conf import settings
from django.db import models

from goodwill.choice_values import ONBOARDING_DISMISSED, ONBOARDING_GOAL_SET
from goodwill.models.base import Owned


class UserSettings(models.Model):
    """Per-user preferences that the habits depend on."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goodwill_settings")
    weekly_goal = models.PositiveSmallIntegerField(default=5)
    response_window_days = models.PositiveSmallIntegerField(default=1)  # business days
    default_phone_region = models.CharField(max_length=2, default="US")
    # Home base for "who is near" (issue: offline geocoding).
    home = models.CharField(max_length=300, blank=True)
    home_latitude = models.FloatField(null=True, blank=True)
    home_longitude = models.FloatField(null=True, blank=True)
    home_timezone = models.CharField(max_length=64, blank=True)
    # The secret in the calendar feed URL; empty means no feed.
    feed_token = models.CharField(max_length=64, blank=True, db_index=True)
    # My own email addresses: mail from them is outbound, mail to them inbound.
    my_emails = models.JSONField(default=list, blank=True)
    # Where each mail source was left off (e.g. an IMAP folder's UIDVALIDITY and last UID).
    sync_state = models.JSONField(default=dict, blank=True)
    # The currency a ledger amount is in when none is written ("25k" means 25,000 of this).
    default_currency = models.CharField(max_length=3, default="USD")
    # The name pass-on and introduction drafts are signed with; empty: the user's login name.
    signature = models.CharField(max_length=200, blank=True)
    # The first-run checklist: steps the user marked done that the data can't show
    # (e.g. {"weekly_goal": "2026-12-03T10:00:00+00:00", "dismissed": "..."}).
    onboarding = models.JSONField(default=dict, blank=True)


# The keys of UserSettings.onboarding (set by goodwill.services.onboarding, read by goodwill.queries.first_run).
GOAL_SET = ONBOARDING_GOAL_SET
DISMISSED = ONBOARDING_DISMISSED


class ApiToken(Owned):
    owned_noun = "API token"
    """A token for the REST API. Only its SHA-256 is stored; the token is shown once."""

    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)  # the first characters, to tell tokens apart in lists
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class WeeklyReview(Owned):
    """A completed weekly review."""

    done_at = models.DateTimeField()
    reviewed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-done_at"]

from django.conf import settings
from django.db import models

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


class WeeklyReview(Owned):
    """A completed weekly review."""

    done_at = models.DateTimeField()
    reviewed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-done_at"]

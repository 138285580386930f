"""The REST API (django-ninja: /api/v1, docs at /api/docs) and the calendar feed (/feed/<token>.ics)."""

from django.urls import path

from goodwill.api.feed import calendar_feed
from goodwill.api.main import api

urlpatterns = [
    path("api/", api.urls),
    path("feed/<str:token>.ics", calendar_feed, name="calendar-feed"),
]

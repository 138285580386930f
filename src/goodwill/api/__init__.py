"""The REST API (django-ninja, /api/v1) and the calendar feed."""

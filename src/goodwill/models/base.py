from django.conf import settings
from django.db import models


class Owned(models.Model):
    """A record that belongs to one user."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

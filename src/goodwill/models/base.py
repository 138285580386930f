from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models

# The user a record belongs to and a service or query acts for: how `owner` parameters are typed.
# Goodwill keeps Django's default user model (AUTH_USER_MODEL is not swapped).
Owner: TypeAlias = User


class Owned(models.Model):
    """A record that belongs to one user."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True

from typing import TypeAlias, TypeVar

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models

# The user a record belongs to and a service or query acts for: how `owner` parameters are typed.
# Goodwill keeps Django's default user model (AUTH_USER_MODEL is not swapped).
Owner: TypeAlias = User


_Model = TypeVar("_Model", bound=models.Model)


class OwnedQuerySet(models.QuerySet[_Model]):
    def get_owned(self, owner: "Owner", pk: object) -> _Model:
        """The owner's record with this id, or goodwill.errors.NotFound naming the thing.

        Anyone else's record is "not found" too, never a hint that it exists. Each front door
        turns NotFound into its own answer (a 404 page, a 404 JSON body, one line and exit 2).
        """
        number = owned_id(pk)
        found = self.filter(owner=owner, pk=number).first() if number is not None else None
        if found is None:
            raise not_found(self.model, pk)
        return found


def owned_id(pk: object) -> int | None:
    """The id a user typed or a URL gave ("#12", " 12"), or None when it can be no record's."""
    text = str(pk).strip().lstrip("#")
    return int(text) if text.isdecimal() and len(text) < 19 else None


def not_found(model, pk: object):
    """What get_owned raises: "not found", never a hint that someone else's record exists."""
    return _not_found(model, str(pk).strip().lstrip("#") or pk)


def _noun(model) -> str:
    return getattr(model, "owned_noun", None) or str(model._meta.verbose_name)


def _not_found(model, pk):
    from goodwill.errors import NotFound

    noun = _noun(model)
    return NotFound(f"no {noun} with id {pk}", thing=noun)


OwnedManager = models.Manager.from_queryset(OwnedQuerySet)


class Owned(models.Model):
    """A record that belongs to one user."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = OwnedManager()

    def check_owner(self, owner) -> None:
        """A record handed to a service must be the owner's: anyone else's is NotFound."""
        if self.owner_id != getattr(owner, "pk", None):
            raise _not_found(type(self), self.pk)

    class Meta:
        abstract = True

"""Placeholder: the firm's firm_who views, built on their own branch (docs/firm.md)."""

from django.http import Http404


def who_knows(request, **kwargs):
    raise Http404


def ties_context(owner, person) -> dict:
    return {}

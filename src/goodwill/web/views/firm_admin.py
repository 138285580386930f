"""Placeholder: the firm's firm_admin views, built on their own branch (docs/firm.md)."""

from django.http import Http404


def save_sharing(request, **kwargs):
    raise Http404


def person_sharing(request, **kwargs):
    raise Http404


def members(request, **kwargs):
    raise Http404


def member(request, **kwargs):
    raise Http404


def teams(request, **kwargs):
    raise Http404


def remove_team(request, **kwargs):
    raise Http404


def sharing_context(owner, person) -> dict:
    return {}

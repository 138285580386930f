"""Placeholder: the firm's firm_insight views, built on their own branch (docs/firm.md)."""

from django.http import Http404


def momentum(request, **kwargs):
    raise Http404


def balance(request, **kwargs):
    raise Http404

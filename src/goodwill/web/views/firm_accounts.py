"""Placeholder: the firm's firm_accounts views, built on their own branch (docs/firm.md)."""

from django.http import Http404


def accounts(request, **kwargs):
    raise Http404


def account(request, **kwargs):
    raise Http404


def remove(request, **kwargs):
    raise Http404


def handover(request, **kwargs):
    raise Http404


def departures(request, **kwargs):
    raise Http404

"""Placeholder: the firm's firm_requests views, built on their own branch (docs/firm.md)."""

from django.http import Http404


def requests_page(request, **kwargs):
    raise Http404


def ask(request, **kwargs):
    raise Http404


def answer(request, **kwargs):
    raise Http404


def reply(request, **kwargs):
    raise Http404


def withdraw(request, **kwargs):
    raise Http404

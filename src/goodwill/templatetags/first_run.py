"""{% load first_run %}{% first_run_guide as guide %}: the empty network's guide for
the page's owner (None once anyone is in the network), for pages whose view need not know."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def first_run_guide(context):
    from goodwill.queries.first_run import guide

    owner = getattr(context.get("request"), "owner", None)
    return guide(owner) if owner is not None else None

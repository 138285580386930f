"""Template filters for the web pages (registered as builtins in settings.TEMPLATES)."""

from __future__ import annotations

from django import template

from goodwill.humanize import relative_days, short_date

register = template.Library()


@register.filter
def late(days: int) -> str:
    """3 → "3 days late", 0 → "today", -2 → "in 2 days"."""
    return relative_days(int(days or 0))


@register.filter
def shortdate(value, today=None) -> str:
    return short_date(value, today)


@register.filter
def yearly(value: str) -> str:
    """A stored birthday in words: "--07-17" → "17 July", "1985-07-17" → "17 July 1985"."""
    from goodwill.habits.yearly import in_words

    return in_words(value or "")


@register.filter
def in_words(important) -> str:
    """An important date in words: "14 June", or "14 June 2010" with its year."""
    from goodwill.habits.yearly import format_yearly

    return format_yearly(important.month, important.day, important.year)


@register.filter
def business_late(days: float) -> str:
    if days <= 0:
        return "within window"
    whole = int(days + 0.5)
    return f"{whole} business day{'s' if whole != 1 else ''} late" if whole else "due now"


@register.filter
def ratio(value: float) -> str:
    return f"{value:.1f}×"


@register.filter
def miles(value_km: float, use_miles: bool = True) -> str:
    from goodwill.habits.geo import KM_PER_MILE

    return f"{value_km / KM_PER_MILE:.0f} mi" if use_miles else f"{value_km:.0f} km"


@register.filter
def web_link(value: str) -> str:
    """A user-typed URL as a link target: only http(s), so "javascript:" never becomes a link."""
    text = (value or "").strip()
    lowered = text.lower()
    if lowered.startswith(("http://", "https://")):
        return text
    if lowered.startswith(("www.", "linkedin.com")):
        return "https://" + text
    return ""


@register.filter
def dictget(mapping, key):
    return (mapping or {}).get(key, [])


# An id no row will have, standing in for the real one in a URL reversed once.
_SLOT = "9090909090909"
_PATTERNS: dict[tuple[str, str], str] = {}


@register.simple_tag
def path(name: str, pk=None) -> str:
    """{% url name pk %} for a route that takes at most one integer id, for rows.

    The agenda draws hundreds of row URLs per page and Django's reverse() costs
    ~11 µs each; here each route is reversed once per process and the id is put
    in its slot."""
    from django.urls import get_script_prefix, reverse

    key = (name, get_script_prefix())
    pattern = _PATTERNS.get(key)
    if pattern is None:
        pattern = _PATTERNS[key] = reverse(name, args=[int(_SLOT)] if pk is not None else None)
    return pattern if pk is None else pattern.replace(_SLOT, str(int(pk)), 1)

"""Template filters for the web pages (registered as builtins in settings.TEMPLATES)."""

from __future__ import annotations

from django import template

from goodwill.humanize import age_in_hours, hours_taken, relative_days, share, short_date

register = template.Library()


@register.filter
def late(days: int) -> str:
    """3 → "3 days late", 0 → "today", -2 → "in 2 days"."""
    return relative_days(int(days or 0))


@register.filter
def shortdate(value, today=None) -> str:
    return short_date(value, today)


# The header's links, by the route names that make each one current (web/_top.html): each
# link's own route, and a person's page under People.
_LINKS = (
    "today",
    "people",
    "log",
    "review",
    "momentum",
    "near",
    "pass-on",
    "intros",
    "ledger",
    "firm",
    "import",
    "settings",
)
_SECTIONS = {
    **{name: name for name in _LINKS},
    "person": "people",
    "replies": "today",
    "duplicates": "people",
    "duplicates-merge": "people",
}
# Places and Trip are reached from Near, and sit under it.
_SECTIONS |= dict.fromkeys(("places", "places-all", "places-unplaced", "trip"), "near")


@register.filter
def nav_section(url_name) -> str:
    """Which header link a route's page is under ("" for none): people for a person's page,
    firm for every firm page."""
    if url_name and url_name.startswith("firm-"):
        return "firm"
    return _SECTIONS.get(url_name or "", "")


@register.filter(expects_localtime=True)
def iso(value) -> str:
    """A date or time in ISO 8601 for <time datetime=...>, in the user's zone: what |date:'c'
    gives, without its format lookup (~20 µs a row on a Person page's timeline)."""
    return value.isoformat() if value not in (None, "") else ""


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


register.filter("age_in_hours", age_in_hours)
register.filter("hours_taken", hours_taken)
register.filter("share", share)


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
# (route name, script prefix) → the reversed URL, escaped, split at the id's slot.
_PATTERNS: dict[tuple[str, str], tuple[str, str]] = {}


def row_path(name: str, pk=None) -> str:
    """reverse(name, args=[pk]) for a route that takes at most one integer id, escaped for HTML.

    The agenda draws hundreds of row URLs per page and Django's reverse() costs
    ~11 µs each; here each route is reversed once per process and the id is put
    in its slot."""
    from django.urls import get_script_prefix

    key = (name, get_script_prefix())
    parts = _PATTERNS.get(key)
    if parts is None:
        from django.urls import reverse
        from django.utils.html import escape

        url = escape(reverse(name, args=[int(_SLOT)] if pk is not None else None))
        head, _, tail = url.partition(_SLOT)
        parts = _PATTERNS[key] = (head, tail)
    return parts[0] if pk is None else f"{parts[0]}{int(pk)}{parts[1]}"


class _PathNode(template.Node):
    def __init__(self, name: template.base.FilterExpression, pk, target: str | None) -> None:
        self.name, self.pk, self.target = name, pk, target

    def render(self, context) -> str:
        from django.utils.safestring import SafeString

        url = SafeString(row_path(self.name.resolve(context), None if self.pk is None else self.pk.resolve(context)))
        if self.target:
            context[self.target] = url
            return ""
        return url


@register.tag
def path(parser, token):
    """{% path 'web:name' [pk] [as var] %}: {% url %} for a route that takes at most one
    integer id (row_path), as a plain node: a simple_tag's argument resolving and escaping
    cost more than the URL itself, on every row of the agenda."""
    bits = token.split_contents()[1:]
    target = None
    if len(bits) >= 2 and bits[-2] == "as":
        target, bits = bits[-1], bits[:-2]
    if not 1 <= len(bits) <= 2:
        raise template.TemplateSyntaxError("{% path %} takes a route name, an optional id and an optional 'as var'")
    return _PathNode(parser.compile_filter(bits[0]), parser.compile_filter(bits[1]) if len(bits) == 2 else None, target)


class _StencilNode(template.Node):
    def __init__(self, name: str, fixed: dict, slots: dict) -> None:
        self.name, self.fixed, self.slots = name, fixed, slots
        self.template = None  # found on first use; a node is parsed again whenever its templates are

    def render(self, context) -> str:
        from goodwill.web.stencil import filled

        if self.template is None:
            self.template = context.template.engine.get_template(self.name)
        fixed = {key: value.resolve(context) for key, value in self.fixed.items()}
        return filled(context, self.template, fixed, {key: value.resolve(context) for key, value in self.slots.items()})


@register.tag
def stencil(parser, token):
    """{% stencil "web/_fragment.html" fixed=value ... fill slot=value ... %}: a row's
    fragment drawn once per process and filled for each row (goodwill.web.stencil)."""
    from django.template.base import token_kwargs

    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError("{% stencil %} takes a quoted template name first")
    rest = bits[2:]
    cut = rest.index("fill") if "fill" in rest else len(rest)
    fixed, slots = rest[:cut], rest[cut + 1 :]
    fixed_kwargs, slot_kwargs = token_kwargs(fixed, parser), token_kwargs(slots, parser)  # consumes the bits
    if fixed or slots or not slot_kwargs:
        raise template.TemplateSyntaxError("{% stencil %} takes name=value pairs, and 'fill' before the slots")
    return _StencilNode(bits[1][1:-1], fixed_kwargs, slot_kwargs)

"""A row's fragment drawn once per page, then filled in for each row: the agenda's forms.

The Today page repeats the same small forms on every row (log with someone, snooze),
and Django's template engine spends ~30 µs drawing each: most of the page's rendering
(issue 18). A stencil draws its template with marker values in its slots, cuts the
result at the markers, and fills each row by joining the cut text with the row's values,
escaped as `{{ value }}` would print them. The page's CSRF token is a slot too, so a
stencil holds no data and no secret: it is kept per process, as compiled templates are,
keyed by the template, its fixed values and the script prefix its URLs start with.

The template stays the one place the fragment's HTML lives. What it may do with a
slot is limited, and checked where it can be:
- print it (`{{ name }}`) or put it in a row URL (`{% path 'route' name %}`), nothing
  else: no filter, no test (`{% if %}`) on a slot (use a fixed value for a choice);
- it sees only what the tag passes, and the page's CSRF token: never the row's loop
  variables or the page's context, which would be frozen at the first row's values;
- it is drawn twice, with two sets of markers, and both must cut into the same text,
  or the stencil raises (a template that filters or tests a slot usually shows it).
A slot may go unprinted: a fixed choice can leave it out (my own steps have no "Log").
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.base import render_value_in_context
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import SafeString

# A slot's marker: an integer for an id (which may go through {% path %}, which takes
# one), else mixed-case text that a filter would change. The two drawings' markers differ
# in size, parity, length and letters, so a template that tests or filters a slot draws differently.
_BASE = 7_373_737_000_000


def _marker(index: int, variant: int, value: Any) -> str:
    if type(value) is int or (type(value) is str and value.isdigit()):  # digits: an id, or an outer stencil's marker
        return str(_BASE + index * 10 + variant * 100_001)
    return f"gwSlot{index}{'AbCd' if variant else 'xYz'}"


@dataclass(frozen=True)
class Stencil:
    texts: tuple[str, ...]  # the fixed text around the slots: one more than `slots`
    slots: tuple[str, ...]  # which slot fills each gap, in order

    def fill(self, values: dict[str, Any], context) -> SafeString:
        out, grouped = [self.texts[0]], settings.USE_THOUSAND_SEPARATOR
        for slot, text in zip(self.slots, self.texts[1:]):
            out.append(_printed(values[slot], context, grouped))
            out.append(text)
        return SafeString("".join(out))


def _printed(value: Any, context, grouped: bool) -> str:
    """`{{ value }}`: ids and text the short way (an int's localizing is most of the cost), the rest as Django does."""
    if type(value) is int and not grouped:
        return str(value)
    if type(value) is str:
        return escape(value)
    return render_value_in_context(value, context)


def draw(template, context, fixed: dict[str, Any], values: dict[str, Any]) -> Stencil:
    """The template cut at its slots, drawn in a context of `fixed` and the slots alone
    (`values`: the first row's, for each slot's kind of marker)."""
    name = template.origin.template_name
    cuts = []
    for variant in (0, 1):
        markers = {slot: _marker(index, variant, value) for index, (slot, value) in enumerate(values.items())}
        drawn = template.render(context.new({**fixed, **markers}))
        cuts.append(_cut(drawn, {marker: slot for slot, marker in markers.items()}))
    if cuts[0] != cuts[1]:
        raise ValueError(f"{name}: its text depends on a slot's value; pass that value as fixed")
    return cuts[0]


def _cut(text: str, slot_of: dict[str, str]) -> Stencil:
    pieces = re.split("(" + "|".join(slot_of) + ")", text) if slot_of else [text]
    return Stencil(texts=tuple(pieces[0::2]), slots=tuple(slot_of[marker] for marker in pieces[1::2]))


# Stencils drawn in this process; a few per page, the same on every page (a bound all the same).
_KEPT: OrderedDict[tuple[Any, ...], Stencil] = OrderedDict()
_KEEP = 128  # the agenda's row forms, and the header of each section, logged in or not


def filled(context, template, fixed: dict[str, Any], values: dict[str, Any]) -> SafeString:
    """The fragment for one row: its stencil, drawn on first use, filled with the row's values."""
    token = context.get("csrf_token")
    if token and token != "NOTPROVIDED":  # as {% csrf_token %}: a form field only for a real token
        values = {**values, "csrf_token": token}
    else:
        fixed = {**fixed, "csrf_token": None}
    key = (template, tuple(sorted(fixed.items())), tuple(values), get_script_prefix())
    stencil = _KEPT.get(key)
    if stencil is None:
        stencil = _KEPT[key] = draw(template, context, fixed, values)
        if len(_KEPT) > _KEEP:
            _KEPT.popitem(last=False)
    return stencil.fill(values, context)

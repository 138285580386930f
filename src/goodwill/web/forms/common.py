"""Fields every page's forms may carry."""

from __future__ import annotations

from goodwill.web.forms.base import WebForm, box


class NextForm(WebForm):
    """Where to go after the form (checked to be on this site before it is followed)."""

    next = box(strip=False)

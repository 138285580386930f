"""Forms of Settings: the preferences, a circle's cadence, the calendar feed, a new API token."""

from __future__ import annotations

from typing import Any

from goodwill.parsing import parse_cadence_days
from goodwill.web.forms.base import Parsed, WebForm, box

PREFERENCES = ["weekly-goal", "response-window", "phone-region", "currency", "home", "signature"]


class PreferencesForm(WebForm):
    """The preferences the page sent (a box it did not send is left alone); the service checks each value."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields |= {key: box() for key in PREFERENCES}

    def given(self) -> dict[str, str]:
        """{key: value} for every preference the form carries, in the page's order."""
        values = self.values()
        return {key: str(values[key]) for key in PREFERENCES if key in self.data}


class CadenceForm(WebForm):
    cadence = Parsed(parse_cadence_days, parse_blank=True)


class FeedForm(WebForm):
    action = box()  # "off" turns the feed off; anything else makes a new address


class ApiTokenForm(WebForm):
    name = box()  # the service says when it is missing, too long or taken

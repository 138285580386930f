"""The profile-suggestions page's input: the suggestions ticked, each as the page wrote it, its
number and what it said ("2|need|a fractional CFO"). Numbers follow the notes, so the service is
told what each one meant when the page was drawn (services.profiles.accept_suggestions)."""

from __future__ import annotations

from goodwill.errors import InvalidInput
from goodwill.web.forms.base import Many, WebForm


class SuggestionPicksForm(WebForm):
    pick = Many(required=False)

    def picks(self) -> dict[int, tuple[str, str]]:
        """Each ticked number with the (kind, text) it showed, in the order ticked."""
        typed = self.values()["pick"]
        if not typed:
            raise InvalidInput("tick the suggestions to add first", code="suggestion-none")
        picked: dict[int, tuple[str, str]] = {}
        for value in typed:
            number, _, said = value.partition("|")
            kind, _, text = said.partition("|")
            if not number.isdecimal() or not kind or not text:
                raise InvalidInput(f'"{value}" is not a suggestion this page listed', code="suggestion-number")
            picked[int(number)] = (kind, text)
        return picked

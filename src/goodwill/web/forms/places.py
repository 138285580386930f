"""The Places and Trip pages' input: a place to confirm, and a trip (place, days, radius, whom to
meet), read with the CLI's own parsers (goodwill.parsing), so a bad date or radius gets its words."""

from __future__ import annotations

from goodwill.parsing import parse_day
from goodwill.web.forms.base import Many, Parsed, WebForm, box, count

TRIP_RADIUS = "50mi"  # `goodwill trip --within`'s default
PAGE = 50  # rows a Places list shows at a time
LAST_PAGE = 100_000  # far past any network; keeps the offset within what a database takes


def page_of(typed: str) -> int:
    """Which page of a list (the page puts the number in its links); anything else is the first."""
    return min(count(typed), LAST_PAGE)


class PlacesForm(WebForm):
    page = Parsed(page_of, empty=0)


class ConfirmPlaceForm(WebForm):
    """`goodwill places confirm`: keep the place chosen (blank), pick one of its other readings,
    or type a clearer one (which wins when given)."""

    reading = box()
    other = box()

    def place(self) -> str | None:
        values = self.values()
        return str(values["other"] or values["reading"]) or None


class TripForm(WebForm):
    """`goodwill trip PLACE --from D [--to D] [--within R]`; the texts stay as typed for the page
    to show back, and the days are parsed as the CLI parses them."""

    place = box()
    start = Parsed(parse_day)
    end = Parsed(parse_day)
    within = box()

    def clean_within(self) -> str:
        return str(self.cleaned_data["within"] or TRIP_RADIUS)


class TripPlanForm(TripForm):
    """The trip again, and the people ticked to meet (ids; someone else's is a 404)."""

    person = Many(required=False)

"""The first run: what an empty network is shown (the three ways in), and the
checklist on Today. The guide's wording lives here, once, for the CLI and the web."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from goodwill.choice_values import ONBOARDING_DISMISSED, ONBOARDING_GOAL_SET
from goodwill.config import DEMO_PEOPLE
from goodwill.queries.compiled import Compiled

if TYPE_CHECKING:  # the models load where a queryset is built: `goodwill today` runs without Django
    from django.db.models import QuerySet

    from goodwill.models import UserSettings
    from goodwill.models.base import Owner


def _anyone(owner_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    from goodwill.models import Person

    return Person.objects.filter(owner_id=owner_id).values_list("pk")


def _any_touch(owner_id: int) -> QuerySet[Any, tuple[Any, ...]]:
    from goodwill.models import Interaction

    return Interaction.objects.filter(owner_id=owner_id).values_list("pk")


# Asked on every Today: compiled once (queries.compiled).
_ANYONE = Compiled(_anyone)
_ANY_TOUCH = Compiled(_any_touch)


def has_people(owner: Owner) -> bool:
    """Anyone at all, archived included: an archived network is not a new one."""
    return _ANYONE.exists(owner_id=owner.pk)


@dataclass(frozen=True)
class ImportSource:
    name: str
    where: str  # where the user finds the export, step by step


IMPORT_SOURCES = (
    ImportSource("LinkedIn", "Settings → Data privacy → Get a copy of your data → Connections (a CSV in the mail)"),
    ImportSource("Google Contacts", "Export → Google CSV"),
    ImportSource("Outlook", "File → Open & Export → Import/Export → Export to a file → Comma Separated Values"),
    ImportSource("Apple Contacts", "select all → File → Export → Export vCard"),
)

EMPTY = "Nobody in your network yet."
DEMO = (
    f"The demo is a made-up network of {DEMO_PEOPLE} people, with two years of history, kept in a file of its own "
    "and never mixed with yours."
)
# The web cannot build the demo (it lives in its own database): the page says where it comes from.
DEMO_WEB = (
    "It is built on the computer that runs Goodwill, and this web app shows it when started there "
    'with the demo option: the usage guide\'s "The demo network" says how.'
)


@dataclass(frozen=True)
class Guide:
    """What a page or a command shows in place of an empty list: the three ways in."""

    empty: str = EMPTY
    sources: tuple[ImportSource, ...] = IMPORT_SOURCES
    demo: str = DEMO
    demo_web: str = DEMO_WEB


def guide(owner: Owner, *, anyone: bool | None = None) -> Guide | None:
    """The guide while the network is empty; None once anyone is in it (`anyone`: has_people, if known)."""
    return None if (has_people(owner) if anyone is None else anyone) else Guide()


@dataclass(frozen=True)
class ChecklistItem:
    key: str  # people, home, goal, touch: each door says how to do it (the CLI a command, the web a link)
    label: str
    done: bool


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...]

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)


def checklist(owner: Owner, *, prefs: UserSettings | None = None, anyone: bool | None = None) -> Checklist | None:
    """The first-run checklist on Today; None once every item is done or the user put it away.
    `prefs` and `anyone`: the owner's settings and has_people, when the caller has them."""
    from goodwill.queries.user_settings import settings_for

    prefs = prefs or settings_for(owner)
    if prefs.onboarding.get(ONBOARDING_DISMISSED):
        return None
    items = (
        ChecklistItem("people", "Add or import people", has_people(owner) if anyone is None else anyone),
        ChecklistItem("home", "Set your home", bool(prefs.home)),
        ChecklistItem("goal", "Set your weekly goal", bool(prefs.onboarding.get(ONBOARDING_GOAL_SET))),
        ChecklistItem("touch", "Log your first touch", _ANY_TOUCH.exists(owner_id=owner.pk)),
    )
    if all(item.done for item in items):
        return None
    return Checklist(items)

"""The first run: what an empty network is shown (the three ways in), and the
checklist on Today. The guide's wording lives here, once, for the CLI and the web."""
from __future__ import annotations

from dataclasses import dataclass

from goodwill.models import Person


def has_people(owner) -> bool:
    """Anyone at all, archived included: an archived network is not a new one."""
    return Person.objects.filter(owner=owner).exists()


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
DEMO = ("The demo is a made-up network of 300 people, with two years of history, kept in a file of its own "
        "and never mixed with yours.")
DEMO_CLI = "goodwill demo builds it and shows its Today; then add --demo to any command (goodwill review --demo)."
# The web cannot build the demo (it lives in its own database): the page says where it comes from.
DEMO_WEB = ("It is built on the computer that runs Goodwill, with the `demo` command, and this web app shows it "
            "when started with the demo option (see the usage guide, \"The demo\").")

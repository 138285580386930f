"""Importing contacts, in parts (docs/import.md, "How the import is built"):

- run: the entry point the CLI, web and API call (import_contacts), chunk by chunk;
- match: which person of the network, or of this batch, a record belongs to;
- fold: how a record's fields fold into a person's (pure: no Django, no database);
- write: the bulk writes of an applied import, each recorded for undo;
- undo: removing a batch and putting back what it overwrote (undo_import)."""

from goodwill.services.contacts_import.run import ImportReport, import_contacts
from goodwill.services.contacts_import.undo import undo_import

__all__ = ["ImportReport", "import_contacts", "undo_import"]

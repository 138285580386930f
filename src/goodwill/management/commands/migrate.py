"""Django's `migrate`, which makes a new database from the saved schema in one go
(goodwill/schema_snapshot.py) when it may; everything else is Django's own command.

Every way a database comes to be goes through `migrate`: goodwill.db.ensure_schema (each
command's first use of a data folder or PostgreSQL database, `goodwill serve`, the demo) and
the test runner's test databases, so all of them take the one path here."""

from __future__ import annotations

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

from goodwill import schema_snapshot

# Options that ask for something other than "bring this database up to date".
_PARTICULAR = ("app_label", "migration_name", "plan", "check_unapplied", "prune", "fake", "fake_initial")


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if not any(options.get(name) for name in _PARTICULAR):
            connection = connections[options["database"]]
            snapshot = schema_snapshot.usable(connection, run_syncdb=options.get("run_syncdb", False))
            if snapshot is not None:
                count = schema_snapshot.apply(connection, snapshot, options["verbosity"])
                if options["verbosity"] >= 1:
                    self.stdout.write(f"Created the schema from its snapshot ({count} migrations recorded).")
                return
        return super().handle(*args, **options)

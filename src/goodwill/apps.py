from django.apps import AppConfig


class GoodwillConfig(AppConfig):
    name = "goodwill"
    label = "goodwill"
    verbose_name = "Goodwill"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from goodwill import db_tuning
        from goodwill.search import signals as search_signals

        db_tuning.connect_signals()
        # Search documents follow ordinary saves of people, notes, interactions and entries.
        search_signals.connect()
        post_migrate.connect(_watch_changes, sender=self, dispatch_uid="goodwill-data-version")


def _watch_changes(sender, using, **kwargs) -> None:
    """After every migrate: the change triggers on every table (a rebuilt or new table lacks them)."""
    from django.apps import apps
    from django.db import connections

    from goodwill import data_version, dav_changes, import_prints, strength_stale

    data_version.install(connections[using], apps)
    dav_changes.install(connections[using])
    strength_stale.install(connections[using])
    import_prints.install(connections[using])

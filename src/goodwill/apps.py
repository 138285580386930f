from django.apps import AppConfig


class GoodwillConfig(AppConfig):
    name = "goodwill"
    label = "goodwill"
    verbose_name = "Goodwill"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        _configure_logging()
        from django.db.models.signals import post_migrate

        from goodwill import db_tuning
        from goodwill.search import signals as search_signals

        db_tuning.connect_signals()
        # Search documents follow ordinary saves of people, notes, interactions and entries.
        search_signals.connect()
        post_migrate.connect(_watch_changes, sender=self, dispatch_uid="goodwill-data-version")


def _configure_logging() -> None:
    """Django's default logging (django.utils.log.DEFAULT_LOGGING: its records shown only with
    DEBUG, the development server's lines) without the handler that mails errors to ADMINS.

    Goodwill sets no ADMINS, so that handler never sends; but building it imports
    django.views.debug, which builds a template engine and its tag libraries: ~3 ms of
    every command's start-up. settings.LOGGING_CONFIG = None keeps Django from applying
    its default first; this runs in every process that loads the app (CLI, web, tests)."""
    import copy
    import logging.config

    from django.utils.log import DEFAULT_LOGGING

    config = copy.deepcopy(DEFAULT_LOGGING)
    del config["handlers"]["mail_admins"], config["filters"]["require_debug_false"]  # the filter was its alone
    config["loggers"]["django"]["handlers"].remove("mail_admins")
    logging.config.dictConfig(config)


def _watch_changes(sender, using, **kwargs) -> None:
    """After every migrate: the change triggers on every table (a rebuilt or new table lacks them),
    and on PostgreSQL the keys to a person RESTRICT (a migration that alters one writes it back
    as Django's NO ACTION: goodwill.person_keys)."""
    from django.apps import apps
    from django.db import connections

    from goodwill import data_version, dav_changes, import_prints, person_keys, strength_stale

    person_keys.keep(connections[using])
    data_version.install(connections[using], apps)
    dav_changes.install(connections[using])
    strength_stale.install(connections[using])
    import_prints.install(connections[using])

from django.apps import AppConfig


class GoodwillConfig(AppConfig):
    name = "goodwill"
    label = "goodwill"
    verbose_name = "Goodwill"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from goodwill import db_tuning

        db_tuning.connect_signals()

from django.apps import AppConfig


class HistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom.history"
    label = "history"
    verbose_name = "History"

    def ready(self) -> None:
        from newsroom.history.receivers import connect_deletion_log

        # Every app's models are imported (and registered with reversion) before any ready().
        connect_deletion_log()

from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "profiles"
    verbose_name = "Profiles"

    def ready(self) -> None:
        from profiles.receivers import connect_deletion_log

        # Every app's models are imported (and registered with reversion) before any ready().
        connect_deletion_log()

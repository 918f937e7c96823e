from django.apps import AppConfig
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom import (
            receivers,  # noqa: F401  (connects the rules to every save path)
            retention_rules,
        )
        from newsroom.roles import ensure_roles_after_migrate

        retention_rules.register()

        # Permissions exist only after migrate has run (Django creates them on post_migrate
        # too), so the role groups are kept in step there, idempotently, on every migrate.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)

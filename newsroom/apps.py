from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from newsroom import (
            names,
            pagecache,
            receivers,  # noqa: F401  (connects the rules to every save path)
            retention_rules,
        )
        from newsroom.roles import ensure_roles_after_migrate

        retention_rules.register()
        # Users by full name, many-to-many rows by what they join (newsroom/names.py).
        names.install()
        # Every connection records what public pages read and bumps what writes touch.
        pagecache.install()

        # Permissions exist only after migrate has run (Django creates them on post_migrate
        # too), so the role groups are kept in step there, idempotently, on every migrate.
        post_migrate.connect(ensure_roles_after_migrate, sender=self)


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the newsroom's site as ``admin.site``: every app's
    ``@admin.register`` lands on it, and its login asks for a two-factor code when the user has
    confirmed one (newsroom/logins/site.py)."""

    default = False  # NewsroomConfig stays this module's default
    default_site = "newsroom.logins.site.NewsroomAdminSite"

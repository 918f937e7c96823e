from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom import health
from newsroom.history.admin_input import SafeAutocompleteJsonView
from newsroom.history.recent_changes import recent_changes_view
from newsroom.public_urls import events_urls, profiles_urls

urlpatterns = [
    # For load balancers: alive, and ready to serve (database and cache reachable).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Site-wide, so it sits beside the admin rather than under one model's admin.
    path(
        "admin/recent-changes/",
        admin.site.admin_view(recent_changes_view),
        name="admin_recent_changes",
    ),
    # Django's autocomplete view answered 500 for a reverse relation as field_name; this one,
    # at the same address (so the widgets' reverse("admin:autocomplete") lands here), 403.
    path(
        "admin/autocomplete/",
        admin.site.admin_view(SafeAutocompleteJsonView.as_view(admin_site=admin.site)),
    ),
    path("admin/", admin.site.urls),
    path("", include(profiles_urls)),
    path("", include(events_urls)),
    path("", include("newsroom.public_urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

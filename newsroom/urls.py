from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from newsroom import health, media
from newsroom.history.admin_input import SafeAutocompleteJsonView
from newsroom.history.recent_changes import recent_changes_view
from newsroom.public_urls import events_urls, profiles_urls

# A database outage raised outside a view still gets the 503 page (newsroom/outage.py).
handler500 = "newsroom.outage.server_error"

# Uploads, unless a proxy or object storage serves MEDIA_URL (NEWSROOM_SERVE_MEDIA), in
# development and production alike (newsroom/media.py).
media_urls = (
    [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve_media, name="media")]
    if "://" not in settings.MEDIA_URL
    else []
)

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
    *media_urls,
    path("", include(profiles_urls)),
    path("", include(events_urls)),
    path("", include("newsroom.public_urls")),
]

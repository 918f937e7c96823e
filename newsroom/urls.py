from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom import health
from newsroom.history.recent_changes import recent_changes_view
from newsroom.public_urls import events_urls, profiles_urls

# A database outage raised outside a view still gets the 503 page (newsroom/outage.py).
handler500 = "newsroom.outage.server_error"

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
    path("admin/", admin.site.urls),
    path("", include(profiles_urls)),
    path("", include(events_urls)),
    path("", include("newsroom.public_urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

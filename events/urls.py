"""The pages that show only events' own data.

The event page shows claims and articles too, so newsroom composes and routes it, under this
namespace and with the name ``event_detail`` (``newsroom/public_urls.py``).
"""

from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
]

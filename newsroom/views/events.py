"""The event page readers see: the events app's detail view, extended with what was said at
the event and about it, checked, and the articles about it. Routed under ``events:``
(``newsroom/public_urls.py``).
"""

from __future__ import annotations

from events import views
from newsroom.coverage import prefetch_coverage


class EventPageView(views.EventDetailView):
    """An event: status stated plainly, parent and child events, participants, claims, articles."""

    template_name = "newsroom/event_detail.html"

    def get_queryset(self):
        return prefetch_coverage(super().get_queryset(), claims_made="claims_made_at")

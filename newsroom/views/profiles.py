"""The person and organization pages readers see: the profiles app's detail views, extended
with what newsroom knows — the events a person took part in, claims about them, statements
they made and articles naming them. Routed under ``profiles:`` (``newsroom/public_urls.py``).
"""

from __future__ import annotations

from django.db.models import Prefetch

from events.models import Participation
from newsroom.coverage import prefetch_coverage
from profiles import views


class PersonPageView(views.PersonDetailView):
    """A profile: positions now and before, events, claims about them, articles naming them."""

    template_name = "newsroom/person_detail.html"

    def get_queryset(self):
        # The portrait's renditions feed its <picture>; one query, only when there is one.
        return prefetch_coverage(super().get_queryset()).prefetch_related(
            "portrait__renditions",
            Prefetch(
                "participations",
                queryset=Participation.objects.in_published_events(),
                to_attr="public_participations",
            ),
        )


class OrganizationPageView(views.OrganizationDetailView):
    """An organization: members by rank, former members, sub-bodies, claims, articles."""

    template_name = "newsroom/organization_detail.html"

    def get_queryset(self):
        return prefetch_coverage(super().get_queryset())

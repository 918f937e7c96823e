"""A list page's JSON-LD: a schema.org CollectionPage naming the rows it shows, in order.

Here, in the bottom layer, so the profiles and events lists can give their own (their templates
may load no newsroom tag library) and newsroom's lists the same one (``newsroom.jsonld``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def collection_page(request: HttpRequest, name: str, items) -> dict[str, Any]:
    """A list page: its name and the addresses of the rows it shows, in order."""
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": request.build_absolute_uri(request.path),
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": request.build_absolute_uri(reverse("newsroom:home")),
        },
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": request.build_absolute_uri(item.get_absolute_url()),
                }
                for position, item in enumerate(items, start=1)
            ],
        },
    }


class CollectionPageMixin:
    """For a ListView: its page's rows as the CollectionPage ``base.html`` puts in the head."""

    collection_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = collection_page(
            self.request, self.collection_name, context["object_list"]
        )
        return context

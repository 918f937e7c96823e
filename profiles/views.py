"""Public profile pages: people and organizations, with what readers may see about them.

The lists are served from here. The detail views build a profile's own page (positions,
members, sub-bodies, JSON-LD); the pages readers get are newsroom's views that extend these
with events, claims and articles (``newsroom/views/profiles.py``), since profiles knows
neither app.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from profiles.models import Organization, Person, merged_survivor
from profiles.partial_dates import iso_partial_date
from profiles.structured_data import CollectionPageMixin


class MergedRedirectMixin:
    """A merged duplicate's address answers 301 with its survivor's (query string kept)."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            survivor = merged_survivor(self.model, kwargs.get("slug", ""))
            if survivor is None:
                raise
            query = request.META.get("QUERY_STRING", "")
            url = survivor.get_absolute_url()
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def person_jsonld(person: Person, request: HttpRequest) -> dict[str, Any]:
    """schema.org Person for a profile loaded with ``for_public_detail()``."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": person.full_name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }
    if person.given_name:
        data["givenName"] = person.given_name
    if person.family_name:
        data["familyName"] = person.family_name
    alternate = [name for name in [person.native_name, *person.alias_list] if name]
    if alternate:
        data["alternateName"] = alternate
    if person.summary:
        data["description"] = person.summary
    if person.birth_date:
        data["birthDate"] = iso_partial_date(person.birth_date, person.birth_date_precision)
    if person.birthplace:
        data["birthPlace"] = person.birthplace
    if person.wikidata_id:
        data["sameAs"] = [f"https://www.wikidata.org/wiki/{person.wikidata_id}"]
    portrait = getattr(person, "portrait", None)
    if portrait is not None:
        data["image"] = request.build_absolute_uri(portrait.file.url)
    # Positions in unpublished organizations were never loaded (``in_published_organizations``).
    if person.current_positions:
        data["jobTitle"] = [f"{m.role}, {m.organization.name}" for m in person.current_positions]
        data["memberOf"] = [
            {
                "@type": "OrganizationRole",
                "roleName": m.role,
                **(
                    {"startDate": iso_partial_date(m.start_date, m.start_precision)}
                    if m.start_date
                    else {}
                ),
                "memberOf": {"@type": "Organization", "name": m.organization.name},
            }
            for m in person.current_positions
        ]
    return data


class PersonListView(CollectionPageMixin, ListView):
    """Published people with their current positions."""

    collection_name = "People"
    paginate_by = 40
    context_object_name = "people"
    template_name = "profiles/person_list.html"

    def get_queryset(self):
        return Person.objects.published().for_listing()


class PersonDetailView(MergedRedirectMixin, DetailView):
    """A profile's own page: portrait, positions now and before (or on an ``?as_of`` day)."""

    context_object_name = "person"
    model = Person

    def get_queryset(self):
        return Person.objects.published().for_public_detail(as_of=self.as_of)

    @cached_property
    def as_of(self) -> dt.date | None:
        """The ``?as_of=YYYY-MM-DD`` day whose positions to show, if given and valid."""
        raw = self.request.GET.get("as_of", "").strip()
        if not raw:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return None

    def get_object(self, queryset=None):
        person = super().get_object(queryset)
        # Reverse one-to-one: select_related caches "no portrait" as an exception on access.
        person.portrait_image = getattr(person, "portrait", None)
        return person

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = person_jsonld(self.object, self.request)
        context["as_of"] = self.as_of
        raw = self.request.GET.get("as_of", "").strip()
        context["as_of_error"] = (
            f"“{raw}” is not a date in the form YYYY-MM-DD; showing positions held now."
            if raw and self.as_of is None
            else ""
        )
        return context


class OrganizationListView(CollectionPageMixin, ListView):
    """Published organizations with how many current members readers can see."""

    collection_name = "Organizations"
    paginate_by = 50
    context_object_name = "organizations"
    template_name = "profiles/organization_list.html"

    def get_queryset(self):
        return (
            Organization.objects.published()
            .with_public_parent()
            .with_member_counts()
            .order_by("name")
        )


class OrganizationDetailView(MergedRedirectMixin, DetailView):
    """An organization's own page: members by rank, former members, sub-bodies."""

    context_object_name = "organization"
    model = Organization

    def get_queryset(self):
        return Organization.objects.published().for_public_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = self.object
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": org.name,
            "url": self.request.build_absolute_uri(org.get_absolute_url()),
        }
        if org.acronym:
            data["alternateName"] = org.acronym
        if org.summary:
            data["description"] = org.summary
        if org.parent is not None:
            data["parentOrganization"] = {"@type": "Organization", "name": org.parent.name}
        if org.wikidata_id:
            data["sameAs"] = [f"https://www.wikidata.org/wiki/{org.wikidata_id}"]
        context["structured_data"] = data
        return context

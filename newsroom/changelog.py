"""The public change log of an article: the versions readers saw and its corrections.

Only versions that were public appear (``newsroom.public_versions``); drafts saved in between
never do. Each entry shows what changed since the previous public version: headline,
standfirst and body as word diffs (``newsroom.history.changelog``). The body is diffed as
readers read it, never as its markup: a reference to a published person, organization or
event reads as its name (or the reference's label), anything else as its label or nothing, so
an old version's references never name what readers may not see (``public_body_text``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404
from django.views.generic import DetailView

from events.models import Event
from newsroom.history.changelog import public_log
from newsroom.history.compare import stored_fields
from newsroom.models import Article
from newsroom.public_versions import public_versions
from newsroom.references import Reference, find_references, replace_references
from profiles.models import Organization, Person

# What readers see of an article, in the order the log lists changes.
PUBLIC_FIELDS = (("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Text"))


def public_body_text(bodies: list[str]) -> Callable[[str], str]:
    """A function giving each of ``bodies`` as readers may read it, as text: references to
    published people, organizations and events become their names (or the reference's label),
    claims and anything not public their label or nothing. Three queries for all the bodies."""
    wanted: dict[str, set[str]] = {"person": set(), "org": set(), "event": set()}
    for body in bodies:
        for reference in find_references(body):
            if reference.kind in wanted:
                wanted[reference.kind].add(reference.slug)
    names = {
        **{
            Reference("person", slug): name
            for slug, name in Person.objects.published()
            .filter(slug__in=wanted["person"])
            .values_list("slug", "full_name")
        },
        **{
            Reference("org", slug): name
            for slug, name in Organization.objects.published()
            .filter(slug__in=wanted["org"])
            .values_list("slug", "name")
        },
        **{
            Reference("event", slug): title
            for slug, title in Event.objects.published()
            .filter(slug__in=wanted["event"])
            .values_list("slug", "title")
        },
    }
    return lambda body: replace_references(
        body, lambda reference, label: label or names.get(reference, "")
    )


class ArticleChangesView(DetailView):
    """/articles/<y>/<m>/<slug>/changes/: how a published article changed, for readers."""

    template_name = "newsroom/article_changes.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .filter(
                published_at__year=self.kwargs["year"], published_at__month=self.kwargs["month"]
            )
            .prefetch_related("corrections")
        )

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            raise Http404("No published article at this address.") from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = list(public_versions(self.object))
        body_text = public_body_text([stored_fields(v).get("body") or "" for v in versions])
        context["entries"] = public_log(
            versions,
            PUBLIC_FIELDS,
            present=lambda name, value: body_text(value) if name == "body" else value,
        )
        return context

"""The public change log of an article: the versions readers saw and its corrections.

Only versions that were public appear (``newsroom.history.public_versions``); drafts saved in
between never do. Each entry shows what changed since the previous public version: headline,
standfirst and body as word diffs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.views.generic import DetailView

from newsroom.history import public_versions
from newsroom.models import Article
from profiles.revisions import FieldChange, stored_fields, word_diff

# What readers see of an article, in the order the log lists changes.
PUBLIC_FIELDS = (("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Text"))


@dataclass
class LogEntry:
    when: object
    first: bool
    changes: list[FieldChange]


def public_log(article: Article) -> list[LogEntry]:
    """The article's public versions as log entries, newest first, identical ones folded."""
    entries: list[LogEntry] = []
    previous: dict | None = None
    for version in public_versions(article):
        data = stored_fields(version)
        shown = {name: data.get(name) or "" for name, _ in PUBLIC_FIELDS}
        if previous is not None and shown == previous:
            continue
        changes = []
        if previous is not None:
            for name, label in PUBLIC_FIELDS:
                if shown[name] != previous[name]:
                    changes.append(
                        FieldChange(
                            name,
                            label,
                            previous[name],
                            shown[name],
                            diff=word_diff(previous[name], shown[name]),
                        )
                    )
        entries.append(LogEntry(version.revision.date_created, previous is None, changes))
        previous = shown
    entries.reverse()
    return entries


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
        context["entries"] = public_log(self.object)
        return context

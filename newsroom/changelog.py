"""The public change log of an article: the versions readers saw and its corrections.

Only versions that were public appear (``newsroom.public_versions``); drafts saved in between
never do. Each entry shows what changed since the previous public version: headline,
standfirst and body as word diffs (``newsroom.history.changelog``).
"""

from __future__ import annotations

from django.http import Http404
from django.views.generic import DetailView

from newsroom.history.changelog import public_log
from newsroom.models import Article
from newsroom.public_versions import public_versions

# What readers see of an article, in the order the log lists changes.
PUBLIC_FIELDS = (("headline", "Headline"), ("standfirst", "Standfirst"), ("body", "Text"))


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
        context["entries"] = public_log(public_versions(self.object), PUBLIC_FIELDS)
        return context

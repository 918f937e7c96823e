"""Article pages: the lists (all, by section, tag or author), an article, a share-link preview
of one, and the corrections page."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from events.models import Event
from newsroom import jsonld
from newsroom.actions import resolve_share_link, stored_body
from newsroom.article_body import BodyInputs, footnote_claims, render_body_parts
from newsroom.models import (
    Article,
    ArticleURL,
    Author,
    Correction,
    CorrectionKind,
    Image,
    RenderedBody,
    Section,
    Tag,
)
from profiles.models import Organization, Person


class ArticleListView(ListView):
    """All published articles, newest first, twenty to a page."""

    paginate_by = 20
    context_object_name = "articles"
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = Section.objects.all()
        return context


class _FilteredArticleListView(ArticleListView):
    """An article list filtered by one object (a section, tag or author) named in the URL."""

    model_filtered_by: type = Section
    filter_field = "section"
    context_name = "section"

    def get_queryset(self):
        self.filtered_by = get_object_or_404(self.model_filtered_by, slug=self.kwargs["slug"])
        return super().get_queryset().filter(**{self.filter_field: self.filtered_by})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.context_name] = self.filtered_by
        return context


class SectionDetailView(_FilteredArticleListView):
    template_name = "newsroom/section_detail.html"


class TagDetailView(_FilteredArticleListView):
    model_filtered_by = Tag
    filter_field = "tags"
    context_name = "tag"
    template_name = "newsroom/tag_detail.html"


class AuthorDetailView(_FilteredArticleListView):
    model_filtered_by = Author
    filter_field = "bylines"
    context_name = "author"
    template_name = "newsroom/author_detail.html"


def _split_corrections(corrections: list[Correction]) -> dict:
    """Corrections (kind "correction") go at the top of the article, clarifications and
    updates at the bottom."""
    return {
        "top_corrections": [c for c in corrections if c.kind == CorrectionKind.CORRECTION],
        "bottom_corrections": [c for c in corrections if c.kind != CorrectionKind.CORRECTION],
    }


class ArticleDetailView(DetailView):
    """A published article: the body with claim footnotes, corrections, related profiles.

    An address the article had before its slug or date changed answers with a 301 to the
    current one (``ArticleURL``), as long as the article is live.
    """

    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .filter(
                published_at__year=self.kwargs["year"], published_at__month=self.kwargs["month"]
            )
            .for_public_detail()
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved_to = self.moved_to()
            if moved_to is None:
                raise
            return HttpResponsePermanentRedirect(moved_to)

    def moved_to(self) -> str | None:
        """The live article's current address, if this is one of its earlier ones."""
        old = (
            ArticleURL.objects.filter(
                year=self.kwargs["year"], month=self.kwargs["month"], slug=self.kwargs["slug"]
            )
            .select_related("article")
            .first()
        )
        if old is None or not old.article.is_live:
            return None
        target = old.article.get_absolute_url()
        return None if target == self.request.path else target

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context.update(
            _split_corrections(list(article.corrections.all())),
            # Stored HTML, rendered again here only when something it shows has changed.
            body=stored_body(article),
            bylines=list(article.bylines.all()),
            tags=list(article.tags.all()),
            structured_data=jsonld.news_article(article, self.request),
        )
        return context


def share_preview(request, token: str) -> TemplateResponse:
    """An article as a share link pinned it: the saved revision, shown as readers would see it.

    Marked as a preview, kept out of search engines (``noindex`` in the page and the
    ``X-Robots-Tag`` header) and out of caches. A forged, expired or revoked link is a 404.
    The version's related rows (bylines, tags, cited claims, people…) are the ones saved with
    it, each loaded in one query, so the page runs a fixed number of queries.
    """
    link = resolve_share_link(token)
    if link is None:
        raise Http404("This preview link is not valid, or has expired or been revoked.")
    version = link.version
    try:
        article = version._object_version.object
        related = version.field_dict
    except Exception as error:  # a version saved under a schema that no longer loads
        raise Http404("This preview can no longer be shown.") from error

    def ids(name: str) -> list[int]:
        return list(related.get(name) or [])

    article.section = (
        Section.objects.filter(pk=article.section_id).first() if article.section_id else None
    )
    article.lead_image = (
        Image.objects.prefetch_related("renditions").filter(pk=article.lead_image_id).first()
        if article.lead_image_id
        else None
    )
    # Rendered from the pinned objects each time, never from the live article's stored HTML.
    inputs = BodyInputs(
        claims=list(footnote_claims().filter(pk__in=ids("claims"))),
        people=list(Person.objects.filter(pk__in=ids("related_people"))),
        organizations=list(Organization.objects.filter(pk__in=ids("related_organizations"))),
        events=list(Event.objects.select_related("place").filter(pk__in=ids("related_events"))),
    )
    parts = render_body_parts(article, inputs)
    context = _split_corrections(list(link.article.corrections.all()))
    context.update(
        body=RenderedBody(
            body_html=parts.body_html,
            footnotes_html=parts.footnotes_html,
            related_html=parts.related_html,
        ),
        article=article,
        bylines=list(Author.objects.filter(pk__in=ids("bylines"))),
        tags=list(Tag.objects.filter(pk__in=ids("tags"))),
        preview=link,
        preview_saved_at=version.revision.date_created,
        live_article=link.article,
    )
    response = TemplateResponse(request, "newsroom/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: don't pass it on to sites the preview links to.
    response["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    return response


class CorrectionListView(ListView):
    """Every correction, clarification and update to a live article, newest first."""

    paginate_by = 30
    context_object_name = "corrections"
    template_name = "newsroom/correction_list.html"

    def get_queryset(self):
        return (
            Correction.objects.filter(article__in=Article.objects.published())
            .select_related("article", "article__section")
            .order_by("-created_at", "-id")
        )

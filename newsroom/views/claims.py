"""Fact-check pages: reviewed claims with their verdicts, one claim, one source."""

from __future__ import annotations

from django.http import Http404, HttpResponsePermanentRedirect
from django.views.generic import DetailView, ListView

from newsroom import jsonld
from newsroom.archived_text import mark_excerpts
from newsroom.models import Claim, ClaimSlug, Source, Verdict


class ClaimListView(ListView):
    """Reviewed claims with their verdicts, most recently rated first; filter by verdict."""

    paginate_by = 30
    context_object_name = "claims"
    template_name = "newsroom/claim_list.html"

    def get_queryset(self):
        claims = Claim.objects.public().for_listing().order_by("-reviewed_at", "-id")
        self.verdict = self.request.GET.get("verdict", "")
        if self.verdict in Verdict.values:
            claims = claims.filter(verdict=self.verdict)
        else:
            self.verdict = ""
        return claims

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verdicts"] = Verdict.choices
        context["current_verdict"] = self.verdict
        return context


class ClaimDetailView(DetailView):
    """A reviewed claim: verdict and rationale, every citation, the verdict's history."""

    context_object_name = "claim"

    def get_queryset(self):
        return Claim.objects.public().for_public_detail()

    def get(self, request, *args, **kwargs):
        """The claim; under a slug it had before it was renamed, a 301 to where it is now."""
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            old = ClaimSlug.objects.filter(slug=kwargs.get("slug")).select_related("claim").first()
            if old is not None and Claim.objects.public().filter(pk=old.claim_id).exists():
                return HttpResponsePermanentRedirect(old.claim.get_absolute_url())
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = jsonld.claim_review(self.object, self.request)
        # The check mark's legend is said once, above the citations, not beside each one.
        context["any_checked"] = any(c.excerpt_verified for c in self.object.citations.all())
        return context


class SourceDetailView(DetailView):
    """A source: what it is, and which public claims cite it. A source no public claim cites
    (only drafts, or claims under review) has no page."""

    context_object_name = "source"

    def get_queryset(self):
        return Source.objects.public().for_public_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        context["structured_data"] = jsonld.source_work(source, self.request)
        if source.archived_text:
            context["archived"] = archived = mark_excerpts(
                source.archived_text, source.public_citations
            )
            for citation in source.public_citations:
                citation.archived_anchor = archived.anchors.get(citation.pk, "")
            context["archived_words"] = len(source.archived_text.split())
        return context

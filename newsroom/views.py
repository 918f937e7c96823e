"""Public pages of the editorial core. Reads go through QuerySet methods; no writes here."""

from django.views.generic import DetailView, ListView

from newsroom.models import Article, Author, Claim, Section, Source, Tag


class HomeView(ListView):
    template_name = "newsroom/home.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        return Article.objects.published().select_related("section")


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published().filter(
            published_at__year=self.kwargs["year"], published_at__month=self.kwargs["month"]
        )


class ClaimDetailView(DetailView):
    def get_queryset(self):
        return Claim.objects.public()


class SourceDetailView(DetailView):
    model = Source


class SectionDetailView(DetailView):
    model = Section


class TagDetailView(DetailView):
    model = Tag


class AuthorDetailView(DetailView):
    model = Author

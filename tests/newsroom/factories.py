"""One factory per model. Each builds the minimum valid row and leaves workflow status at draft;
tests reach other states through ``newsroom.actions`` so the audit rows exist."""

import datetime as dt

import factory

from newsroom.models import (
    Article,
    Author,
    Citation,
    Claim,
    Correction,
    Image,
    Section,
    Source,
    Tag,
)
from tests.profiles.factories import OrganizationFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Report {n}")
    publisher = factory.SubFactory(OrganizationFactory)
    url = factory.Sequence(lambda n: f"https://example.org/report-{n}")
    published_on = dt.date(2025, 8, 31)
    archived_text = "The minister said the talks were useful and constructive."


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    slug = factory.Sequence(lambda n: f"claim-{n}")
    statement = factory.Sequence(lambda n: f"Statement number {n} is true.")

    @factory.post_generation
    def about_people(self, create, extracted, **kwargs):
        if create and extracted:
            self.about_people.add(*extracted)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    excerpt = "the talks were useful"
    stance = "supports"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Headline {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "What happened, in one sentence."
    body = "Some text."


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version misstated the date."


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.django.ImageField(width=64, height=48, color="blue")
    alt_text = "A blue rectangle"

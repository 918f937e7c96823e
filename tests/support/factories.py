"""Factories for every model, in dependency order (profiles, events, newsroom).

One factory per model. Each builds the minimum valid row and leaves workflow status at draft;
tests reach other states through ``newsroom.actions`` so the audit rows exist.
"""

import datetime as dt

import factory

from events.models import Event, Participation, Place
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
from profiles.models import Membership, Organization, Person

# ---------------------------------------------------------------------------------------------
# People and organizations


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("slug",)

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.given_name} {o.family_name}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    is_published = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    is_published = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Member"
    start_date = dt.date(2022, 10, 23)


# ---------------------------------------------------------------------------------------------
# Places, events and who took part


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = "China"
    time_zone = "Asia/Shanghai"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    place = factory.SubFactory(PlaceFactory)
    starts_at = dt.datetime(2025, 8, 31, 7, 0, tzinfo=dt.UTC)
    is_published = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    role = "guest"


# ---------------------------------------------------------------------------------------------
# The newsroom: sources, claims, citations, articles, images


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

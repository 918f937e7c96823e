import datetime as dt

import factory

from events.models import Event, Participation, Place
from tests.profiles.factories import PersonFactory


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

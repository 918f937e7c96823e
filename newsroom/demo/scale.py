"""``manage.py generate_scale_data``: a newsroom at scale, built from a seed in minutes.

At ``scale=1.0``: 10,000 articles, 5,000 people, 1,000 organizations, 20,000 memberships, 2,000
events, 2,000 sources, 50,000 claims and 100,000 citations, with the history the workflow
writes for them (some 237,000 revisions). Every count is multiplied by ``scale``.

Rows are written with ``bulk_create`` in batches, one transaction per stage, so no ``save()``,
signal or reversion block runs. Everything those would have left is written explicitly, as
the ordinary path leaves it (``newsroom.actions``, ``newsroom.receivers``):

- every record gets the revision its creation would have written (a person's with its
  memberships, an event's with its participants, a claim's with its citations), by a user of
  the right role, its versions serialised as django-reversion serialises them;
- every workflow move has its audit row (``ReviewEvent``, ``ArticleEvent``) pointing at its
  own revision, with the comments the actions write;
- a reviewed claim was written by a writer and rated by a different fact-checker, who was
  assigned it; a positive verdict rests on a supporting citation whose excerpt was found;
  ``rated_content`` and ``checked_content`` hold what ``actions.evidence.claim_content`` reads;
- every excerpt is a run of whole words of its source's archived text, and
  ``excerpt_verified`` is what ``actions.verify_citation`` computes; sources store the
  SHA-256 of their text, as ``Source.clean`` does;
- an article's claims, people, organizations and events are the ones its body references,
  as ``actions.sync_article_references`` sets them; live and approved articles cite only
  claims with a standing verdict, rated before the article went out (the gate); live and
  scheduled ones have their address recorded (``ArticleURL``);
- every public record has its search document, written last by ``search.index.rebuild``.

Unpublished people, organizations and events exist (a few per cent) but no generated text
names them, so nothing unpublished is named on a public page.

Deterministic: the same seed on the same database gives the same rows, except that times are
offsets from the moment the run starts (scheduled articles must be in the future). Primary
keys are assigned here, from the highest existing one, so related rows are built in memory
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Revision, Version

from events.models import Event, EventKind, EventStatus, Participation, ParticipationRole, Place
from newsroom.actions.rendered_bodies import REFRESH_BATCH
from newsroom.demo import articles as demo_articles
from newsroom.demo import sources as demo_sources
from newsroom.demo.bulk import (
    BATCH,
    VersionData,
    encode_datetime,
    explicit_timestamps,
    insert_values,
)
from newsroom.demo.prose import (
    COUNTRIES,
    FAMILY_FIRST,
    GIVEN_FIRST,
    PLACES,
    PORTFOLIOS,
    REASONS,
    TOPICS,
    Named,
    Prose,
    Sentence,
)
from newsroom.models import (
    POSITIVE_VERDICTS,
    Article,
    ArticleEvent,
    ArticleKind,
    ArticleStatus,
    ArticleURL,
    Author,
    Citation,
    Claim,
    ClaimKind,
    ClaimStatus,
    Correction,
    CorrectionKind,
    RenderedBody,
    ReviewEvent,
    Section,
    Source,
    SourceKind,
    Stance,
    Tag,
    Verdict,
)
from newsroom.references import slugs_by_kind
from newsroom.roles import EDITOR, FACT_CHECKER, WRITER, ensure_roles
from newsroom.search.index import rebuild
from newsroom.tasks import refresh_article_bodies
from newsroom.verification import find_excerpt
from profiles.models import Membership, NameOrder, Organization, OrganizationKind, Person
from profiles.partial_dates import DatePrecision, truncate_date

# What scale 1.0 builds (issue #10).
BASE_COUNTS = {
    "organizations": 1_000,
    "people": 5_000,
    "memberships": 20_000,
    "events": 2_000,
    "sources": 2_000,
    "claims": 50_000,
    "citations": 100_000,
    "articles": 10_000,
}
# The least of each at any scale, so a tiny run still has the shapes a page needs.
MINIMUM_COUNTS = {
    "organizations": 3,
    "people": 4,
    "memberships": 4,
    "events": 3,
    "sources": 3,
    "claims": 10,
    "citations": 10,
    "articles": 3,
}
MAX_CITATIONS_PER_CLAIM = 4
# One citation in this many is checked with find_excerpt as it is generated.
VERIFY_EVERY = 50
CLAIMS_PER_ARTICLE = (10, 20)
ARTICLE_WORDS = 1_200
# The user whose presence says a database already holds scale data.
MARKER_USERNAME = "scale-writer-1"

CLAIM_STATUS_MIX = [
    (ClaimStatus.REVIEWED, 85),
    (ClaimStatus.REOPENED, 2),
    (ClaimStatus.IN_REVIEW, 4),
    (ClaimStatus.SUBMITTED, 4),
    (ClaimStatus.DRAFT, 5),
]
VERDICT_MIX = [
    (Verdict.ACCURATE, 45),
    (Verdict.MOSTLY_ACCURATE, 25),
    (Verdict.MISLEADING, 12),
    (Verdict.FALSE, 10),
    (Verdict.UNVERIFIABLE, 8),
]
ARTICLE_STATUS_MIX = [
    (ArticleStatus.PUBLISHED, 95),
    (ArticleStatus.SCHEDULED, 2),
    (ArticleStatus.APPROVED, 1),
    (ArticleStatus.IN_REVIEW, 1),
    (ArticleStatus.DRAFT, 1),
]
PUBLISHED_SHARE = 0.97  # of people, organizations and events


class ScaleDataError(Exception):
    """The scale data cannot be generated here: the message says why."""


def scaled_counts(scale: float) -> dict[str, int]:
    """The number of each kind of record ``scale`` builds."""
    if not scale > 0:
        raise ScaleDataError(f"--scale must be a positive number, not {scale}.")
    counts = {
        name: max(MINIMUM_COUNTS[name], round(base * scale)) for name, base in BASE_COUNTS.items()
    }
    counts["citations"] = max(counts["citations"], counts["claims"])
    return counts


def _pick(rng: random.Random, mix: list[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in mix], weights=[weight for _, weight in mix])[0]


@dataclass
class ClaimInfo:
    """What articles need of a generated claim."""

    pk: int
    slug: str
    status: str
    reviewed_at: dt.datetime | None
    sentence: Sentence


@dataclass
class Summary:
    counts: dict[str, int]
    rows: list[tuple[str, int]] = field(default_factory=list)


class Ids:
    """Primary keys handed out from each table's highest, so rows can point at rows not yet
    written."""

    def __init__(self) -> None:
        self._next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int = 1) -> int:
        if model not in self._next:
            top = model._base_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self._next[model] = top + 1
        first = self._next[model]
        self._next[model] = first + count
        return first

    def models(self) -> list[type[models.Model]]:
        return list(self._next)


class History:
    """Revisions and versions waiting to be written, with their primary keys already known."""

    REVISION_FIELDS = ("id", "date_created", "user", "comment")
    VERSION_FIELDS = (
        "id",
        "revision",
        "content_type",
        "object_id",
        "db",
        "format",
        "serialized_data",
        "object_repr",
    )

    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.revisions: list[tuple] = []
        self.versions: list[tuple] = []
        self.content_types: dict[type[models.Model], int] = {}

    def content_type(self, model: type[models.Model]) -> int:
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return self.content_types[model]

    def revision(
        self, *, user_id: int | None, when: dt.datetime, comment: str, versions: Iterable
    ) -> int:
        """A revision holding ``versions`` — ``(instance, serialized data)`` pairs — and its id."""
        pk = self.ids.take(Revision)
        self.revisions.append((pk, when, user_id, comment))
        for obj, data in versions:
            self.versions.append(
                (
                    self.ids.take(Version),
                    pk,
                    self.content_type(type(obj)),
                    str(obj.pk),
                    "default",
                    "json",
                    data,
                    str(obj),
                )
            )
        return pk

    def flush(self) -> None:
        insert_values(Revision, self.REVISION_FIELDS, self.revisions)
        insert_values(Version, self.VERSION_FIELDS, self.versions)
        self.revisions, self.versions = [], []


def bulk(model: type[models.Model], rows: list, batch: int = BATCH) -> None:
    model._base_manager.bulk_create(rows, batch_size=batch)


def insert_through(model: type[models.Model], name: str, pairs: list[tuple[int, int]]) -> None:
    """Rows of the many-to-many ``name`` of ``model``: (this row's id, the other's id) pairs."""
    field = model._meta.get_field(name)
    insert_values(
        field.remote_field.through, (field.m2m_field_name(), field.m2m_reverse_field_name()), pairs
    )


REVIEW_EVENT_FIELDS = (
    "id", "claim", "actor", "from_status", "to_status", "verdict", "note", "revision", "created_at",
)  # fmt: skip
ARTICLE_EVENT_FIELDS = (
    "id", "article", "actor", "from_status", "to_status", "note", "override_reason", "live_from",
    "override_claim_ids", "revision", "created_at",
)  # fmt: skip


class ScaleGenerator:
    """One run: the records made so far (what later stages draw on) and the clock."""

    def __init__(
        self,
        *,
        seed: int,
        scale: float,
        progress: Callable[[str, int], Any] | None = None,
    ) -> None:
        self.seed = seed
        self.counts = scaled_counts(scale)
        self.progress = progress or (lambda desc, total: _NoProgress())
        self.ids = Ids()
        self.history = History(self.ids)
        # Times are offsets from the start of the run, whole seconds.
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - dt.timedelta(days=3 * 365)
        self.versions = {
            model: VersionData(model)
            for model in (
                Place,
                Organization,
                Person,
                Membership,
                Event,
                Participation,
                Source,
                Claim,
                Citation,
                Section,
                Tag,
                Author,
                Article,
                Correction,
            )
        }

    def rng(self, stage: str) -> random.Random:
        """Each stage its own generator, so one stage's draws do not shift another's."""
        return random.Random(f"{self.seed}:{stage}")

    def at(self, rng: random.Random, low: dt.timedelta, high: dt.timedelta) -> dt.datetime:
        span = int((high - low).total_seconds())
        return self.start + low + dt.timedelta(seconds=rng.randint(0, max(span, 0)))

    # -----------------------------------------------------------------------------------------

    def run(self) -> Summary:
        if get_user_model().objects.filter(username=MARKER_USERNAME).exists():
            raise ScaleDataError(
                f"This database already holds scale data (user {MARKER_USERNAME} exists); "
                "generate into a freshly migrated database (with load_demo, or without)."
            )
        before = {model: model._base_manager.count() for model in self.counted_models()}
        stages = [
            self.make_desk,
            self.make_organizations,
            self.make_people,
            self.make_events,
            self.make_sources,
            self.make_claims,
            self.make_articles,
            self.make_rendered_bodies,
            self.make_search_index,
        ]
        timestamped = [
            Person,
            Organization,
            Event,
            Source,
            Claim,
            Citation,
            ReviewEvent,
            Article,
            ArticleEvent,
            ArticleURL,
        ]
        with explicit_timestamps(*timestamped):
            for stage in stages:
                with transaction.atomic():
                    stage()
                    self.history.flush()
        self.reset_sequences()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as a live database would have
        rows = [
            (
                model._meta.verbose_name_plural.split(" (")[0],
                model._base_manager.count() - before[model],
            )
            for model in self.counted_models()
        ]
        return Summary(counts=self.counts, rows=rows)

    @staticmethod
    def counted_models() -> list[type[models.Model]]:
        return [
            Organization,
            Person,
            Membership,
            Place,
            Event,
            Participation,
            Source,
            Claim,
            Citation,
            ReviewEvent,
            Article,
            ArticleEvent,
            Correction,
            Revision,
            Version,
        ]

    def make_search_index(self) -> None:
        """The search documents the receivers would have written: every record's, rebuilt in
        batches by the indexing code itself (``newsroom.search.index.rebuild``)."""
        rebuild()

    def reset_sequences(self) -> None:
        """PostgreSQL's sequences past the ids given here, so the next ordinary save works."""
        statements = connection.ops.sequence_reset_sql(no_style(), self.ids.models())
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    # -----------------------------------------------------------------------------------------
    # Users, places, sections, tags, bylines

    def make_desk(self) -> None:
        rng = self.rng("desk")
        ensure_roles()
        user_model = get_user_model()
        groups = {name: Group.objects.get(name=name) for name in (WRITER, FACT_CHECKER, EDITOR)}
        self.users: dict[str, list] = {WRITER: [], FACT_CHECKER: [], EDITOR: []}
        for role, prefix, count in (
            (WRITER, "scale-writer", 4),
            (FACT_CHECKER, "scale-checker", 3),
            (EDITOR, "scale-editor", 2),
        ):
            for number in range(1, count + 1):
                user = user_model(
                    username=f"{prefix}-{number}",
                    first_name=rng.choice(GIVEN_FIRST["given"]),
                    last_name=rng.choice(GIVEN_FIRST["family"]),
                    is_staff=True,
                )
                # Nobody signs in as generated staff; give them a password in the admin.
                user.set_unusable_password()
                user.save()
                user.groups.set([groups[role]])
                self.users[role].append(user)
        editor = self.users[EDITOR][0]
        when = self.start

        self.places: list[Place] = []
        existing = {p.slug: p for p in Place.objects.all()}
        for name, country, zone, lat, lon in PLACES:
            slug = slugify(name)
            place = existing.get(slug)
            if place is None:
                place = Place(
                    pk=self.ids.take(Place),
                    name=name,
                    slug=slug,
                    country=country,
                    time_zone=zone,
                    latitude=lat,
                    longitude=lon,
                )
                bulk(Place, [place])
                self.record(editor, when, "Added.", place)
            self.places.append(place)

        sections = [
            ("world", "World", "International news."),
            ("politics", "Politics", "Parties, governments and elections."),
            ("diplomacy", "Diplomacy", "Summits, talks and treaties."),
            ("analysis", "Analysis", "What the news means."),
            ("explainers", "Explainers", "Background to the news."),
            ("fact-checks", "Fact checks", "Claims checked against the record."),
        ]
        self.sections = {}
        for position, (slug, name, description) in enumerate(sections, start=10):
            section = Section.objects.filter(slug=slug).first()
            if section is None:
                if Section.objects.filter(name=name).exists():
                    name = f"{name} desk"
                section = Section.objects.create(
                    name=name, slug=slug, description=description, position=position
                )
                self.record(editor, when, "Added.", section)
            self.sections[slug] = section
        self.tags = []
        for name in [*(t[:1].upper() + t[1:] for t in TOPICS), *COUNTRIES]:
            slug = slugify(name)
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                tag = Tag.objects.create(name=name, slug=slug)
                self.record(editor, when, "Added.", tag)
            self.tags.append(tag)
        self.authors = []
        for index, user in enumerate(self.users[WRITER] + [None] * 6):
            name = user.get_full_name() if user else _person_name(rng)
            author = Author.objects.create(
                name=name,
                slug=f"scale-{slugify(name)}-{index + 1}",
                user=user,
                role=rng.choice(["Correspondent", "Diplomatic editor", "Contributor", "Analyst"]),
            )
            self.record(editor, when, "Added.", author)
            self.authors.append(author)

    def record(self, user, when: dt.datetime, comment: str, obj, *rows) -> int:
        """The revision saving ``obj`` (and the followed ``rows``) would have written."""
        return self.history.revision(
            user_id=user.pk if user else None,
            when=when,
            comment=comment,
            versions=[(item, self.versions[type(item)].serialize(item)) for item in (obj, *rows)],
        )

    # -----------------------------------------------------------------------------------------
    # Organizations

    def make_organizations(self) -> None:
        rng = self.rng("organizations")
        total = self.counts["organizations"]
        used = set(Organization.objects.values_list("slug", flat=True))
        editor = self.users[EDITOR][0]
        self.organizations: list[Organization] = []
        governments: dict[str, Organization] = {}
        parties: list[Organization] = []
        legislatures: list[Organization] = []
        rows = []
        with self.progress("organizations", total) as bar:
            for index in range(total):
                country = COUNTRIES[index % len(COUNTRIES)]
                kind, name, parent, seats = self._organization_shape(
                    rng, index, country, governments, parties, legislatures
                )
                org = Organization(
                    pk=self.ids.take(Organization),
                    name=name,
                    acronym=_acronym(name) if rng.random() < 0.4 else "",
                    slug=_unique_slug(name, used),
                    kind=kind,
                    parent=parent,
                    country="" if kind == OrganizationKind.MULTILATERAL else country,
                    seats=seats,
                    summary=f"{OrganizationKind(kind).label} based in {country}."
                    if kind != OrganizationKind.MULTILATERAL
                    else "A multilateral body of governments.",
                    is_published=index < 3 or rng.random() < PUBLISHED_SHARE,
                )
                when = self.at(rng, dt.timedelta(0), dt.timedelta(days=30))
                org.created_at = org.updated_at = when
                if kind == OrganizationKind.GOVERNMENT:
                    governments[country] = org
                elif kind == OrganizationKind.PARTY:
                    parties.append(org)
                elif kind == OrganizationKind.LEGISLATURE:
                    legislatures.append(org)
                rows.append(org)
                self.organizations.append(org)
                self.record(editor, when, "Added.", org)
                bar.update(1)
        bulk(Organization, rows)
        self.public_orgs = [o for o in self.organizations if o.is_published] or self.organizations
        self.media = [o for o in self.public_orgs if o.kind == OrganizationKind.MEDIA]

    def _organization_shape(self, rng, index, country, governments, parties, legislatures):
        roll = rng.random()
        if country not in governments:
            return OrganizationKind.GOVERNMENT, f"Government of {country}", None, None
        if roll < 0.35:
            portfolio = rng.choice(PORTFOLIOS)
            return (
                OrganizationKind.MINISTRY,
                f"Ministry of {portfolio} of {country}",
                governments[country],
                None,
            )
        if roll < 0.45:
            word = rng.choice(["National", "People's", "Democratic", "Progressive", "United"])
            noun = rng.choice(["Congress", "Alliance", "Front", "Union", "Movement"])
            return OrganizationKind.PARTY, f"{word} {noun} Party of {country}", None, None
        if roll < 0.55 and parties:
            party = rng.choice(parties)
            body = rng.choice(["Central Committee", "Politburo", "Secretariat", "Youth Wing"])
            return (
                OrganizationKind.PARTY_BODY,
                f"{body} of the {party.name}",
                party,
                5 + (index % 21),
            )
        if roll < 0.62:
            house = rng.choice(["National Assembly", "Senate", "House of Representatives"])
            return OrganizationKind.LEGISLATURE, f"{house} of {country}", None, None
        if roll < 0.72 and legislatures:
            legislature = rng.choice(legislatures)
            topic = rng.choice(PORTFOLIOS)
            return (
                OrganizationKind.COMMITTEE,
                f"Standing Committee on {topic} of the {legislature.name}",
                legislature,
                7 + (index % 25),
            )
        if roll < 0.78:
            region = rng.choice(["Asian", "African", "Atlantic", "Eurasian", "Pacific", "Arctic"])
            noun = rng.choice(["Cooperation Council", "Development Forum", "Trade Organisation"])
            return (
                OrganizationKind.MULTILATERAL,
                f"{region} {noun} on {rng.choice(TOPICS)}",
                None,
                None,
            )
        if roll < 0.93:
            city = rng.choice(PLACES)[0]
            noun = rng.choice(["Daily", "Herald", "Observer", "Broadcasting Service", "Wire"])
            return OrganizationKind.MEDIA, f"{city} {noun}", None, None
        return (
            OrganizationKind.OTHER,
            f"{country} Institute for {rng.choice(PORTFOLIOS)}",
            None,
            None,
        )

    # -----------------------------------------------------------------------------------------
    # People and the positions they hold

    def make_people(self) -> None:
        rng = self.rng("people")
        total = self.counts["people"]
        used = set(Person.objects.values_list("slug", flat=True))
        editor = self.users[EDITOR][0]
        self.people: list[Person] = []
        for index in range(total):
            pool, order = (
                (FAMILY_FIRST, NameOrder.FAMILY_FIRST)
                if rng.random() < 0.3
                else (GIVEN_FIRST, NameOrder.GIVEN_FIRST)
            )
            given, family = rng.choice(pool["given"]), rng.choice(pool["family"])
            full = f"{family} {given}" if order == NameOrder.FAMILY_FIRST else f"{given} {family}"
            precision = rng.choice([DatePrecision.DAY, DatePrecision.DAY, DatePrecision.YEAR])
            born = dt.date(rng.randint(1945, 1990), rng.randint(1, 12), rng.randint(1, 28))
            person = Person(
                pk=self.ids.take(Person),
                full_name=full,
                given_name=given,
                family_name=family,
                name_order=order,
                slug=_unique_slug(full, used),
                birth_date=truncate_date(born, precision),
                birth_date_precision=precision,
                birthplace=rng.choice(PLACES)[0],
                is_published=index < 4 or rng.random() < PUBLISHED_SHARE,
            )
            person.created_at = person.updated_at = self.at(
                rng, dt.timedelta(days=30), dt.timedelta(days=90)
            )
            self.people.append(person)
        self.public_people = [p for p in self.people if p.is_published] or self.people

        # Memberships: spread over people, a current post or two each and earlier ones.
        memberships: dict[int, list[Membership]] = defaultdict(list)
        active: set[tuple[int, int, str]] = set()
        count = self.counts["memberships"]
        with self.progress("memberships", count) as bar:
            made = 0
            while made < count:
                person = self.people[made % total] if made < total else rng.choice(self.people)
                org = rng.choice(self.organizations)
                role = rng.choice(ROLES[org.kind])
                start_precision = _pick(
                    rng,
                    [(DatePrecision.DAY, 60), (DatePrecision.MONTH, 25), (DatePrecision.YEAR, 15)],
                )
                start = dt.date(rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28))
                start = truncate_date(start, start_precision)
                end, end_precision = None, DatePrecision.DAY
                if rng.random() < 0.6 or (person.pk, org.pk, role) in active:
                    end_precision = _pick(
                        rng,
                        [
                            (DatePrecision.DAY, 60),
                            (DatePrecision.MONTH, 25),
                            (DatePrecision.YEAR, 15),
                        ],
                    )
                    end = start + dt.timedelta(days=rng.randint(200, 3000))
                    end = truncate_date(min(end, dt.date(2025, 6, 30)), end_precision)
                    if end < start:
                        end, end_precision = start, start_precision
                else:
                    active.add((person.pk, org.pk, role))
                rank = None
                if org.seats and role == "Member":
                    rank = rng.randint(1, org.seats)
                elif rng.random() < 0.1:
                    rank = rng.randint(1, 12)
                membership = Membership(
                    pk=self.ids.take(Membership),
                    person=person,
                    organization=org,
                    role=role,
                    rank=rank,
                    start_date=start if rng.random() < 0.95 else None,
                    start_precision=start_precision,
                    end_date=end,
                    end_precision=end_precision,
                    note="Sources differ on the start date." if rng.random() < 0.03 else "",
                )
                memberships[person.pk].append(membership)
                made += 1
                bar.update(1)
        self.memberships = memberships

        org_names = {o.pk: o for o in self.organizations}
        with self.progress("people", total) as bar:
            for person in self.people:
                held = memberships.get(person.pk, [])
                shown = [m for m in held if org_names[m.organization_id].is_published]
                current = next((m for m in shown if m.end_date is None), None)
                if current:
                    person.summary = f"{current.role}, {current.organization.name}."[:300]
                elif shown:
                    person.summary = (
                        f"Former {shown[0].role.lower()}, {shown[0].organization.name}."[:300]
                    )
                person.biography = " ".join(
                    [
                        f"{person.full_name} was born in {person.birthplace}.",
                        *(
                            f"From {m.start_date.year if m.start_date else 'an unknown date'} "
                            f"{person.short_name} served as {m.role.lower()} of the "
                            f"{m.organization.name}."
                            for m in shown[:3]
                        ),
                    ]
                )
                self.record(
                    editor,
                    person.created_at,
                    "Added.",
                    person,
                    *sorted(held, key=lambda m: m.pk),
                )
                bar.update(1)
        bulk(Person, self.people)
        bulk(Membership, [m for rows in memberships.values() for m in rows])

    # -----------------------------------------------------------------------------------------
    # Events and who took part

    def make_events(self) -> None:
        rng = self.rng("events")
        total = self.counts["events"]
        used = set(Event.objects.values_list("slug", flat=True))
        editor = self.users[EDITOR][0]
        self.events: list[Event] = []
        participations: list[Participation] = []
        summits: list[Event] = []
        orgs_of: dict[int, list[int]] = {
            pk: [m.organization_id for m in rows] for pk, rows in self.memberships.items()
        }
        with self.progress("events", total) as bar:
            for index in range(total):
                place = rng.choice(self.places)
                kind = rng.choice(EventKind.values)
                status = _pick(
                    rng,
                    [
                        (EventStatus.HELD, 75),
                        (EventStatus.SCHEDULED, 5),
                        (EventStatus.PROPOSED, 8),
                        (EventStatus.CANCELLED, 8),
                        (EventStatus.POSTPONED, 4),
                    ],
                )
                topic = rng.choice(TOPICS)
                a, b = rng.sample(COUNTRIES, 2)
                title = {
                    EventKind.SUMMIT: f"{place.name} summit on {topic}",
                    EventKind.BILATERAL: f"{a}–{b} talks on {topic}",
                    EventKind.BANQUET: f"State banquet in {place.name}",
                    EventKind.BRIEFING: f"Briefing on {topic} in {place.name}",
                    EventKind.STATEMENT: f"Joint statement on {topic}",
                    EventKind.VISIT: f"Official visit to {place.name}",
                }.get(kind, f"{place.name} meeting on {topic}")
                year = rng.randint(2016, 2025)
                title = f"{title} ({year})"
                zone = zoneinfo.ZoneInfo(place.time_zone)
                if status in (EventStatus.SCHEDULED, EventStatus.PROPOSED):
                    local = timezone.localtime(self.now, zone) + dt.timedelta(
                        days=rng.randint(3, 200)
                    )
                else:
                    local = dt.datetime(year, rng.randint(1, 12), rng.randint(1, 28), tzinfo=zone)
                precision = rng.choice([DatePrecision.DAY, DatePrecision.DAY, DatePrecision.MINUTE])
                if precision == DatePrecision.MINUTE:
                    local = local.replace(hour=rng.randint(8, 19), minute=rng.choice([0, 15, 30]))
                else:
                    local = local.replace(hour=0, minute=0, second=0, microsecond=0)
                starts = local.astimezone(dt.UTC)
                ends = starts + dt.timedelta(days=rng.randint(0, 2)) if rng.random() < 0.5 else None
                event = Event(
                    pk=self.ids.take(Event),
                    title=title,
                    slug=_unique_slug(title, used),
                    kind=kind,
                    status=status,
                    starts_at=starts,
                    start_precision=precision,
                    ends_at=ends,
                    end_precision=DatePrecision.DAY,
                    place=place,
                    organizer=rng.choice(self.public_orgs) if rng.random() < 0.7 else None,
                    summary=f"{EventKind(kind).label} in {place.name} on {topic}.",
                    is_published=index < 3 or rng.random() < PUBLISHED_SHARE,
                )
                if status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
                    replacements = [e for e in self.events[-50:] if e.status == EventStatus.HELD]
                    if status == EventStatus.CANCELLED and replacements and rng.random() < 0.3:
                        event.replaced_by = rng.choice(replacements)
                    else:
                        event.status_reason = rng.choice(REASONS)
                if kind == EventKind.BILATERAL and summits and rng.random() < 0.4:
                    event.parent = rng.choice(summits[-20:])
                if kind == EventKind.SUMMIT:
                    summits.append(event)
                event.created_at = event.updated_at = self.at(
                    rng, dt.timedelta(days=90), dt.timedelta(days=120)
                )
                taken: set[tuple[int, str]] = set()
                rows = []
                for _ in range(rng.randint(2, 6)):
                    person = rng.choice(self.people)
                    role = rng.choice(ParticipationRole.values)
                    if (person.pk, role) in taken:
                        continue
                    taken.add((person.pk, role))
                    represented = orgs_of.get(person.pk)
                    rows.append(
                        Participation(
                            pk=self.ids.take(Participation),
                            event=event,
                            person=person,
                            role=role,
                            organization_id=rng.choice(represented) if represented else None,
                        )
                    )
                participations += rows
                self.events.append(event)
                self.record(editor, event.created_at, "Added.", event, *rows)
                bar.update(1)
        # Parents and replacements are earlier events, so one pass in order inserts them.
        bulk(Event, self.events)
        bulk(Participation, participations)
        self.public_events = [e for e in self.events if e.is_published] or self.events

    # -----------------------------------------------------------------------------------------
    # Sources with their archived text

    def named_pools(self, rng: random.Random) -> dict[str, list]:
        """A few published people, organizations, events and places for one text to name."""
        people = rng.sample(self.public_people, min(5, len(self.public_people)))
        orgs = rng.sample(self.public_orgs, min(3, len(self.public_orgs)))
        events = rng.sample(self.public_events, min(2, len(self.public_events)))
        return {
            "people": [self.named_person(p) for p in people],
            "organizations": [self.named_org(o) for o in orgs],
            "events": [self.named_event(e) for e in events],
            "places": [p.name for p in rng.sample(self.places, 2)],
        }

    @staticmethod
    def named_person(person: Person) -> Named:
        return Named("person", person.slug, person.full_name)

    @staticmethod
    def named_org(org: Organization) -> Named:
        return Named("org", org.slug, str(org))

    @staticmethod
    def named_event(event: Event) -> Named:
        return Named("event", event.slug, event.title)

    def make_sources(self) -> None:
        rng = self.rng("sources")
        self.prose = Prose(rng, self.demo_texts())
        total = self.counts["sources"]
        writer = self.users[WRITER]
        self.sources: list[Source] = []
        # Each source's sentences, by paragraph, for citations to quote.
        self.source_sentences: list[list[list[Sentence]]] = []
        with self.progress("sources", total) as bar:
            for _ in range(total):
                pools = self.named_pools(rng)
                paragraphs = [
                    [self.prose.sentence(**pools) for _ in range(rng.randint(3, 5))]
                    for _ in range(rng.randint(7, 12))
                ]
                text = "\n\n".join(" ".join(s.text for s in para) for para in paragraphs)
                publisher = rng.choice(self.media or self.public_orgs)
                published = self.start.date() + dt.timedelta(days=rng.randint(120, 1000))
                headline = paragraphs[0][0].text.rstrip(".")
                source = Source(
                    pk=self.ids.take(Source),
                    title=headline[:300],
                    publisher=publisher,
                    kind=rng.choice(SourceKind.values),
                    url=f"https://news.example/{published:%Y/%m}/{slugify(headline)[:80]}",
                    published_on=published,
                    author=_person_name(rng),
                    language="en",
                    archived_text=text,
                    archived_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    archived_at=dt.datetime.combine(published, dt.time(12), tzinfo=dt.UTC)
                    + dt.timedelta(days=1),
                )
                source.created_at = source.archived_at
                self.sources.append(source)
                self.source_sentences.append(paragraphs)
                self.record(rng.choice(writer), source.created_at, "Added.", source)
                bar.update(1)
        bulk(Source, self.sources, batch=500)

    @staticmethod
    def demo_texts() -> list[str]:
        """The demo's article bodies and archived texts, from its content modules (so an empty
        database gets them too)."""
        texts = [spec["body"] for spec in demo_articles.ARTICLES]
        texts += [spec.get("archived_text", "") for spec in demo_sources.SOURCES.values()]
        return texts

    # -----------------------------------------------------------------------------------------
    # Claims, citations and their review

    def make_claims(self) -> None:
        rng = self.rng("claims")
        total = self.counts["claims"]
        per_claim = self.citations_per_claim(rng, total)
        self.claim_infos: list[ClaimInfo] = []
        used: set[str] = set(Claim.objects.values_list("slug", flat=True))
        memberships_of = self.memberships
        people_by_slug = {p.slug: p for p in self.people}
        orgs_by_slug = {o.slug: o for o in self.organizations}
        events_by_slug = {e.slug: e for e in self.events}
        chunk = 2_000
        with self.progress("claims", total) as bar:
            for begin in range(0, total, chunk):
                with transaction.atomic():
                    self._claim_chunk(
                        rng,
                        range(begin, min(begin + chunk, total)),
                        per_claim,
                        used,
                        memberships_of,
                        people_by_slug,
                        orgs_by_slug,
                        events_by_slug,
                    )
                    self.history.flush()
                bar.update(min(chunk, total - begin))

    def citations_per_claim(self, rng: random.Random, claims: int) -> list[int]:
        """How many citations each claim gets: one each, the rest spread at random (at most
        ``MAX_CITATIONS_PER_CLAIM``, each from a different source)."""
        cap = min(MAX_CITATIONS_PER_CLAIM, len(self.sources))
        counts = [1] * claims
        extra = min(self.counts["citations"], claims * cap) - claims
        open_claims = list(range(claims))
        while extra > 0:
            index = rng.randrange(len(open_claims))
            claim = open_claims[index]
            counts[claim] += 1
            extra -= 1
            if counts[claim] >= cap:
                open_claims[index] = open_claims[-1]
                open_claims.pop()
        return counts

    def _claim_chunk(
        self, rng, indexes, per_claim, used, memberships_of, people, orgs, events
    ) -> None:
        writers, checkers = self.users[WRITER], self.users[FACT_CHECKER]
        claims: list[Claim] = []
        citations: list[Citation] = []
        subjects: dict[str, list] = defaultdict(list)
        review_events: list[tuple] = []
        plans = []
        for index in indexes:
            source_index = rng.randrange(len(self.sources))
            paragraphs = self.source_sentences[source_index]
            para_index = rng.randrange(len(paragraphs))
            sentence = rng.choice(paragraphs[para_index])
            if not sentence.named:  # a demo sentence: find one that names someone
                sentence = next((s for p in paragraphs for s in p if s.named), sentence)
                para_index = next(
                    (i for i, p in enumerate(paragraphs) if sentence in p), para_index
                )
            named_people = _unique(people[n.slug] for n in sentence.named if n.kind == "person")
            named_orgs = _unique(orgs[n.slug] for n in sentence.named if n.kind == "org")
            named_events = _unique(events[n.slug] for n in sentence.named if n.kind == "event")
            kind = _pick(
                rng,
                [
                    (ClaimKind.FACT, 60),
                    (ClaimKind.QUOTE, 15),
                    (ClaimKind.ATTRIBUTION, 15),
                    (ClaimKind.ASSESSMENT, 10),
                ],
            )
            author = rng.choice(writers)
            # Early enough that every move, a reopening included, is in the past.
            drafted = self.at(rng, dt.timedelta(days=150), dt.timedelta(days=3 * 365 - 80))
            source = self.sources[source_index]
            claim = Claim(
                pk=self.ids.take(Claim),
                slug=_unique_slug(" ".join(sentence.text.split()[:8]), used, limit=80),
                statement=sentence.text,
                kind=kind,
                created_by_id=author.pk,
                statement_edited_by_id=author.pk,
            )
            if kind in (ClaimKind.QUOTE, ClaimKind.ATTRIBUTION) and named_people:
                claim.claimant_person = named_people[0]
                claim.said_on = source.published_on
                claim.said_at_event = named_events[0] if named_events else None
            elif kind in (ClaimKind.ASSESSMENT, ClaimKind.ATTRIBUTION) and named_orgs:
                claim.claimant_organization = named_orgs[0]
                claim.said_on = source.published_on
            m2m = {
                "about_people": [p.pk for p in named_people],
                "about_organizations": [o.pk for o in named_orgs],
                "about_events": [e.pk for e in named_events],
                "about_memberships": [],
            }
            if named_people and rng.random() < 0.3:
                held = memberships_of.get(named_people[0].pk)
                if held:
                    m2m["about_memberships"] = [rng.choice(held).pk]
            # The citations: the sentence the statement comes from, then others.
            chosen = [(source_index, para_index, sentence, Stance.SUPPORTS)]
            others = rng.sample(
                range(len(self.sources)), min(per_claim[index] + 1, len(self.sources))
            )
            for other in [i for i in others if i != source_index][: per_claim[index] - 1]:
                paras = self.source_sentences[other]
                p_index = rng.randrange(len(paras))
                stance = _pick(
                    rng, [(Stance.SUPPORTS, 65), (Stance.CONTEXT, 25), (Stance.CONTRADICTS, 10)]
                )
                chosen.append((other, p_index, rng.choice(paras[p_index]), stance))
            rows = []
            for cited_source, p_index, cited, stance in chosen:
                words = cited.text.split()
                length = min(len(words), rng.randint(6, 18))
                first = rng.randint(0, len(words) - length)
                rows.append(
                    Citation(
                        pk=self.ids.take(Citation),
                        claim=claim,
                        source=self.sources[cited_source],
                        excerpt=" ".join(words[first : first + length]),
                        locator=f"para {p_index + 1}",
                        stance=stance,
                        created_at=drafted,
                    )
                )
            claims.append(claim)
            citations += rows
            plans.append((claim, rows, m2m, author, drafted, sentence))

        # Each excerpt is a run of whole words copied from its source's text, which
        # ``find_excerpt`` always finds, so the flags are what a citation's save sets for a
        # found excerpt. Checking every one would compile a pattern per excerpt (about a
        # millisecond each, over a minute at scale 1.0); a sample is checked instead, and a
        # miss stops the run, since it would mean the generator broke that promise.
        for position, citation in enumerate(citations):
            citation.excerpt_verified, citation.closest_passage = True, ""
            if position % VERIFY_EVERY == 0:
                match = find_excerpt(citation.excerpt, citation.source.archived_text)
                if not match.found:
                    raise ScaleDataError(
                        f"Generated excerpt not found in its source: {citation.excerpt!r} "
                        f"({match.reason})."
                    )

        claim_data, citation_data = self.versions[Claim], self.versions[Citation]
        for claim, rows, m2m, author, drafted, sentence in plans:
            status = _pick(rng, CLAIM_STATUS_MIX)
            verdict = ""
            if status in (ClaimStatus.REVIEWED, ClaimStatus.REOPENED):
                verdict = _pick(rng, VERDICT_MIX)
                if verdict in POSITIVE_VERDICTS and not any(
                    c.stance == Stance.SUPPORTS and c.excerpt_verified for c in rows
                ):
                    verdict = Verdict.UNVERIFIABLE  # the rule rate_claim enforces
            content = claim_content_of(claim, rows, m2m)
            claim.checked_content = {**content, "slug": claim.slug}
            claim.created_at = drafted
            trail = Trail(
                self.history,
                claim,
                claim_data,
                claim_data.fields(claim, m2m),
                [(c, citation_data.serialize(c)) for c in rows],
            )

            def move(
                from_status, to_status, actor, when, comment, note="", verdict="", *, trail=trail
            ):
                revision_id = trail.save(actor, when, f"{comment} {note}".strip())
                review_events.append(
                    (
                        self.ids.take(ReviewEvent),
                        trail.obj.pk,
                        actor.pk,
                        from_status,
                        to_status,
                        verdict,
                        note,
                        revision_id,
                        when,
                    )
                )

            when = drafted
            trail.save(author, when, "Added.")
            checker = rng.choice(checkers)
            if status != ClaimStatus.DRAFT:
                when += dt.timedelta(minutes=rng.randint(10, 48 * 60))
                move(
                    ClaimStatus.DRAFT,
                    ClaimStatus.SUBMITTED,
                    author,
                    when,
                    "Claim draft → submitted for review.",
                )
            if status in (ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.REOPENED):
                when += dt.timedelta(minutes=rng.randint(10, 24 * 60))
                claim.assignee_id = checker.pk
                move(
                    ClaimStatus.SUBMITTED,
                    ClaimStatus.IN_REVIEW,
                    checker,
                    when,
                    f"Claim submitted for review → in review, assigned to {checker}.",
                )
            if verdict:
                when += dt.timedelta(minutes=rng.randint(30, 72 * 60))
                claim.verdict = verdict
                claim.rationale = (
                    f"Checked against {len(rows)} source{'s' if len(rows) > 1 else ''}: "
                    f"{rng.choice(RATIONALES)}"
                )
                claim.reviewer_id = checker.pk
                claim.reviewed_at = when
                claim.rated_content = content
                move(
                    ClaimStatus.IN_REVIEW,
                    ClaimStatus.REVIEWED,
                    checker,
                    when,
                    f"Claim in review → reviewed: rated {Verdict(verdict).label.lower()}.",
                    verdict=verdict,
                )
            if status == ClaimStatus.REOPENED:
                when += dt.timedelta(days=rng.randint(1, 60))
                reopener = rng.choice(checkers)
                claim.assignee_id = reopener.pk
                move(
                    ClaimStatus.REVIEWED,
                    ClaimStatus.REOPENED,
                    reopener,
                    when,
                    "Claim reviewed → reopened.",
                    note="A later statement puts the figure in doubt; checking again.",
                )
            claim.status = status
            claim.updated_at = min(when, self.now)
            for name, ids in m2m.items():
                subjects[name] += [(claim.pk, pk) for pk in ids]
            self.claim_infos.append(
                ClaimInfo(claim.pk, claim.slug, status, claim.reviewed_at, sentence)
            )
        bulk(Claim, claims)
        bulk(Citation, citations)
        for name, rows in subjects.items():
            insert_through(Claim, name, rows)
        insert_values(ReviewEvent, REVIEW_EVENT_FIELDS, review_events)

    # -----------------------------------------------------------------------------------------
    # Articles

    def make_articles(self) -> None:
        rng = self.rng("articles")
        self.prose = Prose(rng, self.demo_texts())
        total = self.counts["articles"]
        used: set[str] = set(Article.objects.values_list("slug", flat=True))
        rated = [c for c in self.claim_infos if c.status == ClaimStatus.REVIEWED]
        if not rated:
            raise ScaleDataError("No claim was rated: raise --scale to give articles claims.")
        self.lookup = {
            "person": {p.slug: p.pk for p in Person.objects.all()},
            "org": {o.slug: o.pk for o in Organization.objects.all()},
            "event": {e.slug: e.pk for e in Event.objects.all()},
            "claim": dict(Claim.objects.values_list("slug", "pk")),
        }
        self.article_ids: list[int] = []
        self.live_article_ids: list[int] = []
        chunk = 500
        with self.progress("articles", total) as bar:
            for begin in range(0, total, chunk):
                with transaction.atomic():
                    self._article_chunk(rng, range(begin, min(begin + chunk, total)), used, rated)
                    self.history.flush()
                bar.update(min(chunk, total - begin))

    def make_rendered_bodies(self) -> None:
        """Every article its stored body row, as its first save gives it, and the live and
        scheduled ones queued for rendering, as a publication queues them: the task worker
        (``manage.py db_worker``) renders them in the background, in ``REFRESH_BATCH``es, and a
        reader who comes first renders the one it reads. Rendering here would cost a tenth of a
        second an article, most of a full-scale run."""
        bulk(RenderedBody, [RenderedBody(article_id=pk) for pk in self.article_ids])
        ids = self.live_article_ids
        with self.progress("queued bodies", len(ids)) as bar:
            for begin in range(0, len(ids), REFRESH_BATCH):
                batch = ids[begin : begin + REFRESH_BATCH]
                refresh_article_bodies.enqueue(batch)
                bar.update(len(batch))

    def _article_chunk(self, rng, indexes, used, rated) -> None:
        writers, editors = self.users[WRITER], self.users[EDITOR]
        articles, events, urls, corrections = [], [], [], []
        relations: dict[str, list] = defaultdict(list)
        article_data = self.versions[Article]
        people_by_slug = {p.slug: p for p in self.people}
        org_by_slug = {o.slug: o for o in self.organizations}
        for _ in indexes:
            status = _pick(rng, ARTICLE_STATUS_MIX)
            kind = _pick(
                rng,
                [
                    (ArticleKind.NEWS, 60),
                    (ArticleKind.ANALYSIS, 15),
                    (ArticleKind.EXPLAINER, 10),
                    (ArticleKind.FACT_CHECK, 15),
                ],
            )
            pool = (
                rated
                if status not in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW)
                else (self.claim_infos)
            )
            cited = rng.sample(pool, min(len(pool), rng.randint(*CLAIMS_PER_ARTICLE)))
            body, headline, standfirst = self.article_text(rng, cited, people_by_slug, org_by_slug)
            writer = rng.choice(writers)
            editor = rng.choice(editors)
            rated_by = max((c.reviewed_at for c in cited if c.reviewed_at), default=None)
            if status == ArticleStatus.PUBLISHED:
                floor = rated_by or self.start + dt.timedelta(days=200)
                published = min(
                    floor + dt.timedelta(minutes=rng.randint(60, 10 * 24 * 60)),
                    self.now - dt.timedelta(minutes=rng.randint(5, 600)),
                )
                drafted = published - dt.timedelta(minutes=rng.randint(180, 72 * 60))
            else:
                drafted = self.now - dt.timedelta(minutes=rng.randint(600, 5 * 24 * 60))
                published = None
            article = Article(
                pk=self.ids.take(Article),
                headline=headline,
                slug=_unique_slug(headline, used, limit=100),
                standfirst=standfirst,
                body=body,
                kind=kind,
                section=self.sections[SECTION_OF[kind](rng)],
                status=status,
                created_by_id=writer.pk,
                created_at=drafted,
            )
            wanted = slugs_by_kind(body)
            m2m = {
                "tags": sorted(t.pk for t in rng.sample(self.tags, rng.randint(1, 4))),
                "bylines": sorted(a.pk for a in rng.sample(self.authors, rng.randint(1, 2))),
                "claims": _ids(wanted["claim"], self.lookup["claim"]),
                "related_people": _ids(wanted["person"], self.lookup["person"]),
                "related_organizations": _ids(wanted["org"], self.lookup["org"]),
                "related_events": _ids(wanted["event"], self.lookup["event"]),
            }
            trail = Trail(self.history, article, article_data, article_data.fields(article, m2m))

            def move(from_status, to_status, actor, when, live_from=None, *, trail=trail):
                label = ArticleStatus(from_status).label.lower()
                comment = f"Article {label} → {ArticleStatus(to_status).label.lower()}."
                revision_id = trail.save(actor, when, comment)
                events.append(
                    (
                        self.ids.take(ArticleEvent),
                        trail.obj.pk,
                        actor.pk,
                        from_status,
                        to_status,
                        "",
                        "",
                        live_from,
                        [],
                        revision_id,
                        when,
                    )
                )

            when = drafted
            trail.save(writer, when, "Added.")
            if status != ArticleStatus.DRAFT:
                when += dt.timedelta(minutes=rng.randint(30, 600))
                move(ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, writer, when)
            if status in (ArticleStatus.APPROVED, ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED):
                when += dt.timedelta(minutes=rng.randint(10, 120))
                move(ArticleStatus.IN_REVIEW, ArticleStatus.APPROVED, editor, when)
            if status == ArticleStatus.PUBLISHED:
                when = published
                article.published_at = article.first_published_at = published
                move(ArticleStatus.APPROVED, status, editor, when, live_from=published)
            elif status == ArticleStatus.SCHEDULED:
                when += dt.timedelta(minutes=rng.randint(5, 60))
                article.published_at = self.now + dt.timedelta(hours=rng.randint(6, 14 * 24))
                move(ArticleStatus.APPROVED, status, editor, when, live_from=article.published_at)
            article.updated_at = when
            if article.published_at is not None:
                local = timezone.localtime(article.published_at)
                urls.append(
                    ArticleURL(
                        pk=self.ids.take(ArticleURL),
                        article=article,
                        year=local.year,
                        month=local.month,
                        slug=article.slug,
                        created_at=when,
                    )
                )
            if status == ArticleStatus.PUBLISHED and rng.random() < 0.01:
                fixed = min(published + dt.timedelta(hours=rng.randint(2, 200)), self.now)
                correction = Correction(
                    pk=self.ids.take(Correction),
                    article=article,
                    kind=rng.choice(CorrectionKind.values),
                    text=f"An earlier version of this article misstated the date of talks on "
                    f"{rng.choice(TOPICS)}.",
                    created_at=fixed,
                    created_by_id=editor.pk,
                )
                corrections.append(correction)
                self.history.revision(
                    user_id=editor.pk,
                    when=fixed,
                    comment=f"{correction.get_kind_display()} appended.",
                    versions=[(correction, self.versions[Correction].serialize(correction))],
                )
            for name, ids in m2m.items():
                relations[name] += [(article.pk, pk) for pk in ids]
            articles.append(article)
            self.article_ids.append(article.pk)
            if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
                self.live_article_ids.append(article.pk)
        bulk(Article, articles, batch=500)
        for name, rows in relations.items():
            insert_through(Article, name, rows)
        insert_values(ArticleEvent, ARTICLE_EVENT_FIELDS, events)
        bulk(ArticleURL, urls)
        bulk(Correction, corrections)

    def article_text(self, rng, cited: list[ClaimInfo], people_by_slug, org_by_slug):
        """Body (Markdown with references), headline and standfirst of one article: a
        paragraph around each cited claim's statement, with its marker, and context between,
        until the body reaches about ``ARTICLE_WORDS`` words."""
        cast = {"people": [], "organizations": [], "events": []}
        for info in cited:
            for named in info.sentence.named:
                key = {"person": "people", "org": "organizations", "event": "events"}[named.kind]
                if named not in cast[key]:
                    cast[key].append(named)
        extra = self.named_pools(rng)
        for key in ("people", "organizations", "events"):
            cast[key] = (cast[key] + extra[key])[:8]
        pools = {**cast, "places": extra["places"]}
        seen: set[str] = set()

        def render(sentence: Sentence) -> str:
            # A second mention of a person reads as their family name, as a newsroom writes.
            parts = []
            for part in sentence.parts:
                if isinstance(part, Named) and part.kind == "person" and part.slug in seen:
                    person = people_by_slug.get(part.slug)
                    part = Named(
                        part.kind, part.slug, part.name, person.short_name if person else ""
                    )
                elif isinstance(part, Named) and part.kind == "org" and part.slug in seen:
                    org = org_by_slug.get(part.slug)
                    if org is not None and org.acronym:
                        part = Named(part.kind, part.slug, part.name, org.acronym)
                if isinstance(part, Named):
                    seen.add(part.slug)
                parts.append(part)
            return Sentence(parts).markdown()

        lead = self.prose.sentence(**pools)
        paragraphs = [
            " ".join([render(lead), *(render(self.prose.sentence(**pools)) for _ in range(2))])
        ]
        words = sum(len(p.split()) for p in paragraphs)
        queue = list(cited)
        while queue or words < ARTICLE_WORDS:
            if len(paragraphs) % 5 == 0:
                paragraphs.append(f"## {rng.choice(TOPICS)[:1].upper()}{rng.choice(TOPICS)[1:]}")
            sentences = [render(self.prose.sentence(**pools)) for _ in range(rng.randint(1, 3))]
            if queue:
                info = queue.pop(0)
                statement = render(info.sentence)
                marker = f" [[claim:{info.slug}]]"
                statement = (
                    statement[:-1] + marker + statement[-1]
                    if statement.endswith((".", "?", "!"))
                    else statement + marker
                )
                sentences.insert(rng.randint(0, len(sentences)), statement)
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
            if words > ARTICLE_WORDS * 2:
                break
        names = [n.name for n in cast["people"][:2]] or ["Officials"]
        topic = rng.choice(TOPICS)
        occasion = cast["events"][0].name if cast["events"] else "the talks"
        headline = rng.choice(
            [
                f"{' and '.join(names)} discuss {topic}",
                f"What we know about {topic} after {occasion}",
                f"{names[0]} under pressure over {topic}",
                f"Talks on {topic} end without agreement",
                f"Fact check: the claims about {topic}",
            ]
        )
        standfirst = lead.text
        return "\n\n".join(paragraphs), headline[:250], standfirst


class Trail:
    """One record's revisions as the workflow saves it: each save stores the record's version,
    its ``updated_at`` moved to the save, with the followed rows' versions (unchanged)."""

    def __init__(self, history: History, obj, data: VersionData, record: dict, followed=()):
        self.history, self.obj, self.data = history, obj, data
        self.record, self.followed = record, list(followed)

    def save(self, user, when: dt.datetime, comment: str) -> int:
        self.record["fields"]["updated_at"] = encode_datetime(when)
        return self.history.revision(
            user_id=user.pk if user else None,
            when=when,
            comment=comment,
            versions=[(self.obj, self.data.dump(self.record)), *self.followed],
        )


class _NoProgress:
    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: int) -> None:
        return None


ROLES = {
    OrganizationKind.GOVERNMENT: [
        "Prime Minister", "Deputy Prime Minister", "Minister", "Cabinet Secretary",
    ],
    OrganizationKind.MINISTRY: [
        "Minister", "Minister of State", "Secretary", "Spokesperson", "Joint Secretary",
    ],
    OrganizationKind.PARTY: ["Member", "General Secretary", "Treasurer", "Spokesperson"],
    OrganizationKind.PARTY_BODY: ["Member", "Member", "Alternate Member", "Secretary"],
    OrganizationKind.LEGISLATURE: ["Member", "Member", "Speaker", "Deputy Speaker"],
    OrganizationKind.COMMITTEE: ["Member", "Member", "Chair", "Vice-Chair"],
    OrganizationKind.MULTILATERAL: ["Secretary-General", "Special Envoy", "Director"],
    OrganizationKind.MEDIA: ["Editor", "Correspondent", "Bureau Chief", "Columnist"],
    OrganizationKind.OTHER: ["Director", "Fellow", "Chair of the Board"],
}  # fmt: skip

SECTION_OF = {
    ArticleKind.NEWS: lambda rng: rng.choice(["world", "politics", "diplomacy"]),
    ArticleKind.ANALYSIS: lambda rng: "analysis",
    ArticleKind.EXPLAINER: lambda rng: "explainers",
    ArticleKind.FACT_CHECK: lambda rng: "fact-checks",
}

RATIONALES = [
    "the excerpt says this in so many words, and the official record agrees.",
    "the figures match the published statement, though the wording is looser.",
    "the source reports it, but leaves out a condition the statement omits too.",
    "no second source confirms it, and the first is not in a position to know.",
    "the record shows otherwise: the date given is a year out.",
    "the quotation is accurate but cut so as to change its meaning.",
]


def claim_content_of(claim: Claim, citations: list[Citation], m2m: dict[str, list[int]]) -> dict:
    """``actions.evidence.claim_content`` of a claim not yet written, from its rows in memory."""
    rows = sorted(
        (
            {
                "source": c.source_id,
                "source_title": c.source.title,
                "excerpt": c.excerpt,
                "locator": c.locator,
                "stance": c.stance,
                "role": c.role,
                "archived_sha256": c.source.archived_sha256,
            }
            for c in citations
        ),
        key=lambda row: (row["source"], row["excerpt"], row["locator"], row["stance"], row["role"]),
    )
    return {
        "statement": claim.statement,
        "kind": claim.kind,
        "claimant_person": claim.claimant_person_id,
        "claimant_organization": claim.claimant_organization_id,
        **{name: sorted(m2m[name]) for name in (
            "about_people", "about_organizations", "about_events", "about_memberships"
        )},
        "citations": rows,
    }  # fmt: skip


def _unique_slug(text: str, used: set[str], *, limit: int = 60) -> str:
    base = slugify(text)[:limit].strip("-") or "item"
    slug, number = base, 1
    while slug in used:
        number += 1
        slug = f"{base}-{number}"
    used.add(slug)
    return slug


def _person_name(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN_FIRST['given'])} {rng.choice(GIVEN_FIRST['family'])}"


def _acronym(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())[:30]


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))


def _ids(slugs: list[str], lookup: dict[str, int]) -> list[int]:
    return sorted({lookup[slug] for slug in slugs if slug in lookup})


def generate(
    *, seed: int = 1, scale: float = 1.0, progress: Callable[[str, int], Any] | None = None
) -> Summary:
    """Build the scale data (see the module docstring); return what it wrote.

    ``progress(description, total)`` gives a context manager with ``update(n)`` for each stage
    (a tqdm bar in the command). Raises ``ScaleDataError`` for a bad scale or a database that
    already holds scale data.
    """
    return ScaleGenerator(seed=seed, scale=scale, progress=progress).run()


__all__ = ["BASE_COUNTS", "ScaleDataError", "Summary", "generate", "scaled_counts"]

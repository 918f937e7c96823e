"""``manage.py load_demo``: the demo newsroom, built from ``newsroom.demo``.

Every row is saved the way the admin saves it: ``full_clean()`` then ``save()`` inside a
django-reversion revision with a user and a comment, many-to-many relations set in the same
revision. Claims and articles move through ``newsroom.actions`` like any other, so their audit
rows exist. The command is idempotent: it looks rows up by slug (or another natural key),
compares fields, and saves only what differs, so a second run adds no rows and no revisions.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Prefetch, prefetch_related_objects
from reversion.models import Revision, Version

from events.models import Event, Participation, Place
from newsroom import actions, demo
from newsroom.models import (
    Article,
    ArticleStatus,
    Author,
    Citation,
    Claim,
    ClaimStatus,
    Correction,
    Section,
    Source,
    Tag,
)
from newsroom.references import slugs_by_kind
from newsroom.roles import ensure_roles
from profiles.models import Membership, Organization, Person

COMMENT = "Demo newsroom: "

# How far along the review workflow each status is; the demo only ever moves claims forward.
CLAIM_STEPS = [
    ClaimStatus.DRAFT,
    ClaimStatus.SUBMITTED,
    ClaimStatus.IN_REVIEW,
    ClaimStatus.REVIEWED,
]
ARTICLE_M2M = (
    "tags",
    "bylines",
    "claims",
    "related_people",
    "related_organizations",
    "related_events",
)
ARTICLE_STEPS = [
    ArticleStatus.DRAFT,
    ArticleStatus.IN_REVIEW,
    ArticleStatus.APPROVED,
    ArticleStatus.PUBLISHED,
]


def local_midnight(day: dt.date, time_zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zoneinfo.ZoneInfo(time_zone))


def differs(obj: models.Model, values: dict[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def assign(obj: models.Model, values: dict[str, Any]) -> None:
    for name, value in values.items():
        setattr(obj, name, value)


def save(obj: models.Model) -> None:
    """Save as the admin does: validate the row, then save it.

    Like a ModelForm, validation leaves out the fields no form shows (``editable=False``: the
    workflow's fields, which only ``newsroom.actions`` sets).
    """
    obj.full_clean(exclude=[f.name for f in obj._meta.fields if not f.editable])
    obj.save()


class Command(BaseCommand):
    help = (
        "Load the demo newsroom (Modi's meeting with Cai Qi in Tianjin) and three demo logins. "
        "Safe to run again: it changes only what differs. Refuses to run when DEBUG is off, "
        "because the demo passwords are public, unless --force is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even though DEBUG is off. The demo logins' passwords are "
            "public: never do this on a server others can reach.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Refusing to load the demo newsroom: DEBUG is off. The demo creates staff "
                "logins whose passwords are published, so it is meant for local use only. Run "
                "with DJANGO_DEBUG=1, or pass --force if you really mean to."
            )
        self.revisions_before = Revision.objects.count()
        with transaction.atomic():
            self.users = self.load_users()
            self.places = {spec["slug"]: self.load_place(spec) for spec in demo.PLACES}
            self.orgs: dict[str, Organization] = {}
            for spec in demo.ORGANIZATIONS:
                self.orgs[spec["slug"]] = self.load_organization(spec)
            self.people = {spec["slug"]: self.load_person(spec) for spec in demo.PEOPLE}
            self.events: dict[str, Event] = {}
            for spec in demo.EVENTS:
                self.events[spec["slug"]] = self.load_event(spec)
            self.sources = {key: self.load_source(spec) for key, spec in demo.SOURCES.items()}
            self.claims = {spec["slug"]: self.load_claim(spec) for spec in demo.CLAIMS}
            self.sections = {
                spec["slug"]: self.load_simple(Section, spec) for spec in demo.SECTIONS
            }
            self.tags = {spec["slug"]: self.load_simple(Tag, spec) for spec in demo.TAGS}
            self.authors = {spec["slug"]: self.load_author(spec) for spec in demo.AUTHORS}
            for spec in demo.ARTICLES:
                self.load_article(spec)
        self.print_summary()

    # -----------------------------------------------------------------------------------------
    # Helpers

    @contextmanager
    def revision(self, user, what: str) -> Iterator[None]:
        """A revision recorded as ``user`` with a "Demo newsroom: …" comment.

        Managed manually: the caller adds each object once, after its relations are set, so
        the version holds the final state, and the object is not serialized again on every
        save and m2m signal (which made loading several times slower). Callers prefetch what
        the serializer and the followed rows' ``__str__`` would otherwise load row by row.
        """
        # The whole load is one transaction already, so no savepoint per revision.
        with reversion.create_revision(manage_manually=True, atomic=False):
            reversion.set_user(user)
            reversion.set_comment(COMMENT + what)
            yield

    # -----------------------------------------------------------------------------------------
    # Logins

    def load_users(self) -> dict[str, Any]:
        ensure_roles()
        user_model = get_user_model()
        users = {}
        for spec in demo.USERS:
            group = Group.objects.get(name=spec["group"])
            wanted = {
                "first_name": spec["first_name"],
                "last_name": spec["last_name"],
                "is_staff": True,
                "is_superuser": False,
                "is_active": True,
            }
            user = user_model.objects.filter(username=spec["username"]).first()
            if user is None:
                user = user_model(username=spec["username"], **wanted)
                user.set_password(spec["password"])
                user.save()
            elif differs(user, wanted) or not user.check_password(spec["password"]):
                assign(user, wanted)
                user.set_password(spec["password"])
                user.save()
            if list(user.groups.all()) != [group]:
                user.groups.set([group])
            users[spec["username"]] = user
        return users

    # -----------------------------------------------------------------------------------------
    # Profiles and events

    def load_place(self, spec: dict) -> Place:
        values = {k: v for k, v in spec.items() if k != "slug"}
        place = Place.objects.filter(slug=spec["slug"]).first()
        if place is None or differs(place, values):
            place = place or Place(slug=spec["slug"])
            assign(place, values)
            with self.revision(self.users[demo.EDITOR], f"place {place.name}."):
                save(place)
                reversion.add_to_revision(place)
        return place

    def load_organization(self, spec: dict) -> Organization:
        values = {
            "name": spec["name"],
            "acronym": spec.get("acronym", ""),
            "kind": spec["kind"],
            "parent": self.orgs[spec["parent"]] if spec.get("parent") else None,
            "country": spec.get("country", ""),
            "seats": spec.get("seats"),
            "summary": spec.get("summary", ""),
            "description": spec.get("description", ""),
            "website": spec.get("website", ""),
            "is_published": True,
        }
        org = Organization.objects.filter(slug=spec["slug"]).first()
        if org is None or differs(org, values):
            org = org or Organization(slug=spec["slug"])
            assign(org, values)
            with self.revision(self.users[demo.EDITOR], f"organization {org.name}."):
                save(org)
                reversion.add_to_revision(org)
        return org

    def load_person(self, spec: dict) -> Person:
        values = {
            "full_name": spec["full_name"],
            "given_name": spec.get("given_name", ""),
            "family_name": spec.get("family_name", ""),
            "name_order": spec["name_order"],
            "native_name": spec.get("native_name", ""),
            "aliases": spec.get("aliases", ""),
            "birth_date": spec.get("birth_date"),
            "birth_date_precision": spec.get("birth_date_precision", "day"),
            "birthplace": spec.get("birthplace", ""),
            "summary": spec.get("summary", ""),
            "biography": spec.get("biography", ""),
            "is_published": True,
        }
        person = Person.objects.filter(slug=spec["slug"]).first()
        pending = []
        for item in spec.get("memberships", []):
            organization = self.orgs[item["organization"]]
            m_values = {
                "rank": item.get("rank"),
                "start_date": item.get("start_date"),
                "start_precision": item.get("start_precision", "day"),
                "end_date": item.get("end_date"),
                "end_precision": item.get("end_precision", "day"),
                "note": item.get("note", ""),
            }
            membership = (
                Membership.objects.filter(
                    person=person, organization=organization, role=item["role"]
                ).first()
                if person
                else None
            )
            if membership is None or differs(membership, m_values):
                membership = membership or Membership(organization=organization, role=item["role"])
                assign(membership, m_values)
                pending.append(membership)
        if person is not None and not pending and not differs(person, values):
            return person
        person = person or Person(slug=spec["slug"])
        assign(person, values)
        return self.save_with_rows(
            person,
            pending,
            back="person",
            rows=Prefetch(
                "memberships", queryset=Membership.objects.select_related("organization")
            ),
            comment=f"profile of {person.full_name}.",
        )

    def load_event(self, spec: dict) -> Event:
        place = self.places[spec["place"]]
        values = {
            "title": spec["title"],
            "kind": spec["kind"],
            "status": spec["status"],
            "status_reason": spec.get("status_reason", ""),
            "starts_at": local_midnight(spec["starts"], place.time_zone),
            "start_precision": spec.get("start_precision", "day"),
            "ends_at": local_midnight(spec["ends"], place.time_zone) if spec.get("ends") else None,
            "end_precision": spec.get("end_precision", "day"),
            "place": place,
            "parent": self.events[spec["parent"]] if spec.get("parent") else None,
            "replaced_by": self.events[spec["replaced_by"]] if spec.get("replaced_by") else None,
            "organizer": self.orgs[spec["organizer"]] if spec.get("organizer") else None,
            "summary": spec.get("summary", ""),
            "description": spec.get("description", ""),
            "is_published": True,
        }
        event = Event.objects.filter(slug=spec["slug"]).first()
        pending = []
        for item in spec.get("participations", []):
            person = self.people[item["person"]]
            p_values = {
                "organization": self.orgs[item["organization"]]
                if item.get("organization")
                else None,
                "note": item.get("note", ""),
            }
            participation = (
                Participation.objects.filter(event=event, person=person, role=item["role"]).first()
                if event
                else None
            )
            if participation is None or differs(participation, p_values):
                participation = participation or Participation(person=person, role=item["role"])
                assign(participation, p_values)
                pending.append(participation)
        if event is not None and not pending and not differs(event, values):
            return event
        event = event or Event(slug=spec["slug"])
        assign(event, values)
        return self.save_with_rows(
            event,
            pending,
            back="event",
            rows=Prefetch(
                "participations", queryset=Participation.objects.select_related("person")
            ),
            comment=f"event {event.title}.",
        )

    def save_with_rows(self, parent, pending: list, *, back: str, rows: Prefetch, comment: str):
        """Save ``parent`` and its changed inline rows in one revision, as the admin's inline
        form does; ``rows`` loads all its rows (with what their ``__str__`` needs) for it."""
        with self.revision(self.users[demo.EDITOR], comment):
            save(parent)
            for row in pending:
                setattr(row, back, parent)
                save(row)
            prefetch_related_objects([parent], rows)
            reversion.add_to_revision(parent)
        return parent

    # -----------------------------------------------------------------------------------------
    # Sources and claims

    def load_source(self, spec: dict) -> Source:
        values = {
            "publisher": self.orgs[spec["publisher"]] if spec.get("publisher") else None,
            "kind": spec["kind"],
            "url": spec.get("url", ""),
            "published_on": spec.get("published_on"),
            "author": spec.get("author", ""),
            "language": spec.get("language", "en"),
            "archived_text": spec.get("archived_text", ""),
            "archived_at": spec.get("archived_at"),
            "notes": spec.get("notes", ""),
        }
        source = Source.objects.filter(title=spec["title"]).first()
        if source is None or differs(source, values):
            source = source or Source(title=spec["title"])
            assign(source, values)
            with self.revision(self.users[demo.WRITER], f"source “{source.title}”."):
                save(source)
                reversion.add_to_revision(source)
        return source

    def load_claim(self, spec: dict) -> Claim:
        writer = self.users[demo.WRITER]
        values = {
            "statement": spec["statement"],
            "kind": spec["kind"],
            "claimant_person": self.people.get(spec.get("claimant_person")),
            "claimant_organization": self.orgs.get(spec.get("claimant_organization")),
            "said_on": spec.get("said_on"),
            "said_at_event": self.events.get(spec.get("said_at_event")),
        }
        relations = {
            "about_people": {self.people[s].pk for s in spec.get("about_people", [])},
            "about_organizations": {self.orgs[s].pk for s in spec.get("about_organizations", [])},
            "about_events": {self.events[s].pk for s in spec.get("about_events", [])},
            "about_memberships": {
                Membership.objects.get(
                    person=self.people[person], organization=self.orgs[org], role=role
                ).pk
                for person, org, role in spec.get("about_memberships", [])
            },
        }
        claim = Claim.objects.filter(slug=spec["slug"]).first()
        pending = []
        for item in spec["citations"]:
            source = self.sources[item["source"]]
            c_values = {
                "locator": item.get("locator", ""),
                "stance": item.get("stance", "supports"),
            }
            citation = (
                Citation.objects.filter(claim=claim, source=source, excerpt=item["excerpt"]).first()
                if claim
                else None
            )
            checked = (citation.excerpt_verified, citation.closest_passage) if citation else None
            citation = citation or Citation(source=source, excerpt=item["excerpt"])
            # The same check the admin runs when a citation is saved.
            actions.verify_citation(citation=citation, save=False)
            if (
                citation.pk is None
                or differs(citation, c_values)
                or checked != (citation.excerpt_verified, citation.closest_passage)
            ):
                assign(citation, c_values)
                pending.append(citation)
        relations_differ = claim is None or any(
            set(getattr(claim, name).values_list("pk", flat=True)) != pks
            for name, pks in relations.items()
        )
        if claim is None or pending or relations_differ or differs(claim, values):
            if claim is None:
                # What the admin records for a new claim: who wrote it and last worded it.
                claim = Claim(slug=spec["slug"], created_by=writer, statement_edited_by=writer)
            elif claim.statement != values["statement"]:
                claim.statement_edited_by = writer  # the four-eyes rule follows the wording
            assign(claim, values)
            with self.revision(writer, f"claim {claim.slug}."):
                save(claim)
                for citation in pending:
                    citation.claim = claim
                    save(citation)
                for name, pks in relations.items():
                    getattr(claim, name).set(pks)
                prefetch_related_objects(
                    [claim],
                    *relations,
                    Prefetch("citations", queryset=Citation.objects.select_related("source")),
                )
                reversion.add_to_revision(claim)
        self.advance_claim(claim, spec)
        return claim

    def advance_claim(self, claim: Claim, spec: dict) -> None:
        """Drive the claim through the review workflow up to its target, skipping done steps."""
        target = spec.get("target", ClaimStatus.REVIEWED)
        if claim.status not in CLAIM_STEPS:
            return  # reopened by someone: leave it alone
        writer, checker = self.users[demo.WRITER], self.users[demo.FACT_CHECKER]
        have = CLAIM_STEPS.index
        if have(claim.status) < have(ClaimStatus.SUBMITTED) <= have(target):
            claim = actions.submit_claim(
                claim=claim, actor=writer, note="Demo newsroom: ready for review."
            )
        if have(claim.status) < have(ClaimStatus.IN_REVIEW) <= have(target):
            claim = actions.assign_claim(claim=claim, actor=checker)
        if have(claim.status) < have(ClaimStatus.REVIEWED) <= have(target):
            actions.rate_claim(
                claim=claim, actor=checker, verdict=spec["verdict"], rationale=spec["rationale"]
            )

    # -----------------------------------------------------------------------------------------
    # Sections, tags, authors, articles

    def load_simple(self, model: type[models.Model], spec: dict) -> models.Model:
        values = {k: v for k, v in spec.items() if k != "slug"}
        obj = model.objects.filter(slug=spec["slug"]).first()
        if obj is None or differs(obj, values):
            obj = obj or model(slug=spec["slug"])
            assign(obj, values)
            with self.revision(
                self.users[demo.EDITOR], f"{model._meta.verbose_name} {spec['slug']}."
            ):
                save(obj)
                reversion.add_to_revision(obj)
        return obj

    def load_author(self, spec: dict) -> Author:
        values = {
            "name": spec["name"],
            "user": self.users[spec["user"]] if spec.get("user") else None,
            "role": spec.get("role", ""),
            "bio": spec.get("bio", ""),
        }
        author = Author.objects.filter(slug=spec["slug"]).first()
        if author is None or differs(author, values):
            author = author or Author(slug=spec["slug"])
            assign(author, values)
            with self.revision(self.users[demo.EDITOR], f"byline {author.name}."):
                save(author)
                reversion.add_to_revision(author)
        return author

    def article_needs_save(self, article: Article, values: dict, relations: dict) -> bool:
        if differs(article, values):
            return True
        if any(
            set(getattr(article, name).values_list("pk", flat=True)) != pks
            for name, pks in relations.items()
        ):
            return True
        # The related claims, people, organizations and events follow the body.
        wanted = slugs_by_kind(article.body)
        current = {
            "claim": article.claims,
            "person": article.related_people,
            "org": article.related_organizations,
            "event": article.related_events,
        }
        return any(
            set(current[kind].values_list("slug", flat=True)) != set(wanted[kind])
            for kind in current
        )

    def save_article(self, article: Article, values: dict, relations: dict, what: str) -> Article:
        assign(article, values)
        with self.revision(self.users[demo.WRITER], what):
            save(article)
            for name, pks in relations.items():
                getattr(article, name).set(pks)
            missing = actions.sync_article_references(article=article)
            prefetch_related_objects([article], *ARTICLE_M2M)
            reversion.add_to_revision(article)
        unknown = [f"{kind}:{slug}" for kind, slugs in missing.items() for slug in slugs]
        if unknown:
            raise CommandError(f"Demo article {article.slug} names unknown {', '.join(unknown)}.")
        return article

    def load_article(self, spec: dict) -> Article:
        values = {
            "headline": spec["headline"],
            "standfirst": spec["standfirst"],
            "body": spec["body"],
            "kind": spec["kind"],
            "section": self.sections[spec["section"]],
        }
        relations = {
            "tags": {self.tags[slug].pk for slug in spec["tags"]},
            "bylines": {self.authors[slug].pk for slug in spec["bylines"]},
        }
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            # A story that was corrected after publication starts from its first version.
            first = dict(values, body=spec.get("first_body", spec["body"]))
            article = Article(slug=spec["slug"], created_by=self.users[demo.WRITER])
            article = self.save_article(
                article, first, relations, f"draft of “{spec['headline']}”."
            )
        self.publish_article(article, spec)
        article.refresh_from_db()
        if self.article_needs_save(article, values, relations):
            what = "update of" if spec.get("first_body") is None else "corrected text of"
            if article.is_frozen:
                self.publish_changes(article, values, relations, f"{what} “{spec['headline']}”.")
            else:
                self.save_article(article, values, relations, f"{what} “{spec['headline']}”.")
        for item in spec.get("corrections", []):
            self.load_correction(article, item)
        return article

    def publish_changes(self, article: Article, values: dict, relations: dict, what: str) -> None:
        """A live article changes the way the newsroom changes one: the writer saves a draft,
        the editor publishes it."""
        assign(article, values)
        m2m = {
            name: list(Article._meta.get_field(name).related_model.objects.filter(pk__in=pks))
            for name, pks in relations.items()
        }
        actions.save_article_draft(
            article=article, actor=self.users[demo.WRITER], m2m=m2m, comment=f"Demo: {what}"
        )
        actions.publish_changes(
            article=article, actor=self.users[demo.EDITOR], note=f"Demo: {what}"
        )

    def publish_article(self, article: Article, spec: dict) -> None:
        """Writer sends it to review, the editor approves and publishes it at ``publish_at``."""
        if article.status not in ARTICLE_STEPS:
            return  # scheduled or unpublished by someone: leave it alone
        writer, editor = self.users[demo.WRITER], self.users[demo.EDITOR]
        moves = [
            (ArticleStatus.IN_REVIEW, writer, {}),
            (ArticleStatus.APPROVED, editor, {}),
            (ArticleStatus.PUBLISHED, editor, {"publish_at": spec["publish_at"]}),
        ]
        for to_status, actor, extra in moves:
            if ARTICLE_STEPS.index(article.status) < ARTICLE_STEPS.index(to_status):
                article = actions.transition_article(
                    article=article, to_status=to_status, actor=actor, **extra
                )

    def load_correction(self, article: Article, item: dict) -> None:
        """Append the correction (as the editor, through the workflow) and stamp the update."""
        editor = self.users[demo.EDITOR]
        if not Correction.objects.filter(
            article=article, kind=item["kind"], text=item["text"]
        ).exists():
            actions.add_correction(
                article=article, actor=editor, kind=item["kind"], text=item["text"]
            )
        article.refresh_from_db()
        if article.last_updated_at is None and article.is_live:
            actions.mark_substantive_update(article=article, actor=editor, note=item["note"])

    # -----------------------------------------------------------------------------------------
    # Report

    def print_summary(self) -> None:
        out = self.stdout
        by_status = Counter(Claim.objects.values_list("status", flat=True))
        by_verdict = Counter(Claim.objects.exclude(verdict="").values_list("verdict", flat=True))
        revisions = Revision.objects.count()
        added = revisions - self.revisions_before
        out.write(
            self.style.SUCCESS(
                "Demo newsroom loaded."
                if added
                else "Demo newsroom: already up to date, nothing changed."
            )
        )
        rows = [
            ("people", Person.objects.count()),
            ("organizations", Organization.objects.count()),
            ("memberships", Membership.objects.count()),
            ("places", Place.objects.count()),
            ("events", Event.objects.count()),
            ("participations", Participation.objects.count()),
            ("sources", Source.objects.count()),
            (
                "claims",
                f"{Claim.objects.count()} ("
                + ", ".join(f"{status}: {by_status[status]}" for status in ClaimStatus.values)
                + ")",
            ),
            ("verdicts", ", ".join(f"{v}: {n}" for v, n in sorted(by_verdict.items())) or "none"),
            ("citations", Citation.objects.count()),
            ("articles", f"{Article.objects.count()} ({Article.objects.published().count()} live)"),
            ("corrections", Correction.objects.count()),
            (
                "revisions",
                f"{revisions} ({added} added by this run; {Version.objects.count()} "
                "versions in all)",
            ),
        ]
        for label, value in rows:
            out.write(f"  {label:<15}{value}")
        out.write("")
        out.write(f"Demo logins for {demo.ADMIN_URL} (local use only; these passwords are public):")
        for spec in demo.USERS:
            out.write(f"  {spec['username']:<12} {spec['password']:<20} ({spec['group']})")

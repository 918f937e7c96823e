"""The demo's loader: turns the content of ``newsroom.demo`` into rows, dated as it happened.

Every row is saved the way the admin saves it: ``full_clean()`` then ``save()`` inside a
django-reversion revision with a user and a comment, many-to-many relations set in the same
revision. Claims and articles move through ``newsroom.actions`` like any other, so their audit
rows exist. Loading is idempotent: it looks rows up by slug (or another natural key), compares
fields, and saves only what differs, so a second run adds no rows and no revisions.

Each step runs under the demo's clock (``newsroom.demo.clock``) with the moment
``newsroom.demo.timeline`` gives it, so reviews, publications, corrections and revisions carry
the dates of August and September 2025 the newsroom would have written them on.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import Prefetch, prefetch_related_objects
from reversion.models import Revision, Version

from events.models import Event, Participation, Place
from newsroom import actions
from newsroom.demo import articles as demo_articles
from newsroom.demo import claims as demo_claims
from newsroom.demo import events as demo_events
from newsroom.demo import organizations as demo_organizations
from newsroom.demo import people as demo_people
from newsroom.demo import sources as demo_sources
from newsroom.demo import timeline
from newsroom.demo.clock import DemoClock
from newsroom.demo.users import ADMIN_URL, EDITOR, FACT_CHECKER, USERS, WRITER
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


class DemoError(Exception):
    """The demo's content does not load: its message says what to fix."""


@dataclass
class Summary:
    """What a load did, for the command to report."""

    changed: bool
    rows: list[tuple[str, Any]]
    admin_url: str
    logins: list[dict[str, str]]


def load_demo() -> Summary:
    """Load the demo newsroom and its logins, in one transaction; return what it did.

    Changes only what differs from the content, so a second run changes nothing. Building the
    demo afresh dates every step at its moment of 2025 (``newsroom.demo.timeline``); repairing
    an existing demo keeps the real time for what it changes.
    """
    return DemoLoader().load()


class DemoLoader:
    """One load of the demo: the rows it found or made, by slug, and the clock dating them."""

    def load(self) -> Summary:
        self.revisions_before = Revision.objects.count()
        with transaction.atomic():
            # A demo whose history is already written is only repaired, at the real time.
            fresh = not Revision.objects.filter(comment__startswith=COMMENT).exists()
            self.clock = DemoClock(enabled=fresh)
            setup = timeline.SETUP.moments()
            with self.clock.at(next(setup)):
                self.users = self.load_users()
            self.places = {
                spec["slug"]: self.load_place(spec, at=next(setup)) for spec in demo_events.PLACES
            }
            self.orgs: dict[str, Organization] = {}
            for spec in demo_organizations.ORGANIZATIONS:
                self.orgs[spec["slug"]] = self.load_organization(spec, at=next(setup))
            self.people = {
                spec["slug"]: self.load_person(spec, at=next(setup)) for spec in demo_people.PEOPLE
            }
            self.events: dict[str, Event] = {}
            for spec, at in zip(demo_events.EVENTS, timeline.EVENTS.moments(), strict=False):
                self.events[spec["slug"]] = self.load_event(spec, at=at)
            self.sources = {
                key: self.load_source(spec, at=at)
                for (key, spec), at in zip(
                    demo_sources.SOURCES.items(), timeline.SOURCES.moments(), strict=False
                )
            }
            self.claims = {
                spec["slug"]: self.load_claim(spec, at=at)
                for spec, at in zip(demo_claims.CLAIMS, timeline.CLAIMS.moments(), strict=False)
            }
            desk = timeline.DESK.moments()
            self.sections = {
                spec["slug"]: self.load_simple(Section, spec, at=next(desk))
                for spec in demo_articles.SECTIONS
            }
            self.tags = {
                spec["slug"]: self.load_simple(Tag, spec, at=next(desk))
                for spec in demo_articles.TAGS
            }
            self.authors = {
                spec["slug"]: self.load_author(spec, at=next(desk))
                for spec in demo_articles.AUTHORS
            }
            for spec in demo_articles.ARTICLES:
                self.load_article(spec)
            self.clock.restamp()
        return self.summary()

    # -----------------------------------------------------------------------------------------
    # Helpers

    @contextmanager
    def revision(self, user, what: str, *, at: dt.datetime) -> Iterator[None]:
        """A revision recorded as ``user`` with a "Demo newsroom: …" comment, at ``at``.

        Managed manually: the caller adds each object once, after its relations are set, so
        the version holds the final state, and the object is not serialized again on every
        save and m2m signal (which made loading several times slower). Callers prefetch what
        the serializer and the followed rows' ``__str__`` would otherwise load row by row.
        """
        # The whole load is one transaction already, so no savepoint per revision. The clock's
        # step encloses the revision, which is written when its block ends.
        with self.clock.at(at), reversion.create_revision(manage_manually=True, atomic=False):
            reversion.set_user(user)
            reversion.set_comment(COMMENT + what)
            yield

    # -----------------------------------------------------------------------------------------
    # Logins

    def load_users(self) -> dict[str, Any]:
        ensure_roles()
        user_model = get_user_model()
        users = {}
        for spec in USERS:
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

    def load_place(self, spec: dict, *, at: dt.datetime) -> Place:
        values = {k: v for k, v in spec.items() if k != "slug"}
        place = Place.objects.filter(slug=spec["slug"]).first()
        if place is None or differs(place, values):
            place = place or Place(slug=spec["slug"])
            assign(place, values)
            with self.revision(self.users[EDITOR], f"place {place.name}.", at=at):
                save(place)
                reversion.add_to_revision(place)
        return place

    def load_organization(self, spec: dict, *, at: dt.datetime) -> Organization:
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
            with self.revision(self.users[EDITOR], f"organization {org.name}.", at=at):
                save(org)
                reversion.add_to_revision(org)
        return org

    def load_person(self, spec: dict, *, at: dt.datetime) -> Person:
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
            at=at,
        )

    def load_event(self, spec: dict, *, at: dt.datetime) -> Event:
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
            at=at,
        )

    def save_with_rows(
        self, parent, pending: list, *, back: str, rows: Prefetch, comment: str, at: dt.datetime
    ):
        """Save ``parent`` and its changed inline rows in one revision, as the admin's inline
        form does; ``rows`` loads all its rows (with what their ``__str__`` needs) for it."""
        with self.revision(self.users[EDITOR], comment, at=at):
            save(parent)
            for row in pending:
                setattr(row, back, parent)
                save(row)
            prefetch_related_objects([parent], rows)
            reversion.add_to_revision(parent)
        return parent

    # -----------------------------------------------------------------------------------------
    # Sources and claims

    def load_source(self, spec: dict, *, at: dt.datetime) -> Source:
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
            with self.revision(self.users[WRITER], f"source “{source.title}”.", at=at):
                save(source)
                reversion.add_to_revision(source)
        return source

    def load_claim(self, spec: dict, *, at: dt.datetime) -> Claim:
        writer = self.users[WRITER]
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
                "role": item.get("role", "evidence"),
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
            with self.revision(writer, f"claim {claim.slug}.", at=at):
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
        self.advance_claim(claim, spec, drafted=at)
        return claim

    def advance_claim(self, claim: Claim, spec: dict, *, drafted: dt.datetime) -> None:
        """Drive the claim through the review workflow up to its target, skipping done steps;
        each move at its offset from when the claim was drafted (``timeline.CLAIM_MOVES``)."""
        target = spec.get("target", ClaimStatus.REVIEWED)
        if claim.status not in CLAIM_STEPS:
            return  # reopened by someone: leave it alone
        writer, checker = self.users[WRITER], self.users[FACT_CHECKER]
        have = CLAIM_STEPS.index

        def at(status: str):
            return self.clock.at(drafted + timeline.CLAIM_MOVES[status])

        if have(claim.status) < have(ClaimStatus.SUBMITTED) <= have(target):
            with at(ClaimStatus.SUBMITTED):
                claim = actions.submit_claim(
                    claim=claim, actor=writer, note="Demo newsroom: ready for review."
                )
        if have(claim.status) < have(ClaimStatus.IN_REVIEW) <= have(target):
            with at(ClaimStatus.IN_REVIEW):
                claim = actions.assign_claim(claim=claim, actor=checker)
        if have(claim.status) < have(ClaimStatus.REVIEWED) <= have(target):
            with at(ClaimStatus.REVIEWED):
                actions.rate_claim(
                    claim=claim,
                    actor=checker,
                    verdict=spec["verdict"],
                    rationale=spec["rationale"],
                )

    # -----------------------------------------------------------------------------------------
    # Sections, tags, authors, articles

    def load_simple(
        self, model: type[models.Model], spec: dict, *, at: dt.datetime
    ) -> models.Model:
        values = {k: v for k, v in spec.items() if k != "slug"}
        obj = model.objects.filter(slug=spec["slug"]).first()
        if obj is None or differs(obj, values):
            obj = obj or model(slug=spec["slug"])
            assign(obj, values)
            with self.revision(
                self.users[EDITOR], f"{model._meta.verbose_name} {spec['slug']}.", at=at
            ):
                save(obj)
                reversion.add_to_revision(obj)
        return obj

    def load_author(self, spec: dict, *, at: dt.datetime) -> Author:
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
            with self.revision(self.users[EDITOR], f"byline {author.name}.", at=at):
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

    def save_article(
        self, article: Article, values: dict, relations: dict, what: str, *, at: dt.datetime
    ) -> Article:
        assign(article, values)
        with self.revision(self.users[WRITER], what, at=at):
            save(article)
            for name, pks in relations.items():
                getattr(article, name).set(pks)
            missing = actions.sync_article_references(article=article)
            prefetch_related_objects([article], *ARTICLE_M2M)
            reversion.add_to_revision(article)
        unknown = [f"{kind}:{slug}" for kind, slugs in missing.items() for slug in slugs]
        if unknown:
            raise DemoError(f"Demo article {article.slug} names unknown {', '.join(unknown)}.")
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
        history = spec["history"]
        # Only a story corrected after publication has moments for its changes; any other
        # change is a repair of an existing demo, which the clock does not date.
        changes_drafted = history.get("changes_drafted", spec["publish_at"])
        changes_published = history.get("changes_published", changes_drafted)
        article = Article.objects.filter(slug=spec["slug"]).first()
        if article is None:
            # A story that was corrected after publication starts from its first version.
            first = dict(values, body=spec.get("first_body", spec["body"]))
            article = Article(slug=spec["slug"], created_by=self.users[WRITER])
            article = self.save_article(
                article, first, relations, f"draft of “{spec['headline']}”.", at=history["drafted"]
            )
        self.publish_article(article, spec)
        article.refresh_from_db()
        if self.article_needs_save(article, values, relations):
            what = "update of" if spec.get("first_body") is None else "corrected text of"
            what = f"{what} “{spec['headline']}”."
            if article.is_frozen:
                self.publish_changes(
                    article, values, relations, what, at=(changes_drafted, changes_published)
                )
            else:
                self.save_article(article, values, relations, what, at=changes_drafted)
        for item in spec.get("corrections", []):
            self.load_correction(article, item)
        return article

    def publish_changes(
        self,
        article: Article,
        values: dict,
        relations: dict,
        what: str,
        *,
        at: tuple[dt.datetime, dt.datetime],
    ) -> None:
        """A live article changes the way the newsroom changes one: the writer saves a draft,
        the editor publishes it (``at``: when each did)."""
        assign(article, values)
        m2m = {
            name: list(Article._meta.get_field(name).related_model.objects.filter(pk__in=pks))
            for name, pks in relations.items()
        }
        drafted, published = at
        with self.clock.at(drafted):
            actions.save_article_draft(
                article=article, actor=self.users[WRITER], m2m=m2m, comment=f"Demo: {what}"
            )
        with self.clock.at(published):
            actions.publish_changes(article=article, actor=self.users[EDITOR], note=f"Demo: {what}")

    def publish_article(self, article: Article, spec: dict) -> None:
        """Writer sends it to review, the editor approves and publishes it at ``publish_at``,
        each move at its moment in the article's ``history``."""
        if article.status not in ARTICLE_STEPS:
            return  # scheduled or unpublished by someone: leave it alone
        writer, editor = self.users[WRITER], self.users[EDITOR]
        history = spec["history"]
        moves = [
            (ArticleStatus.IN_REVIEW, writer, {}, history["in_review"]),
            (ArticleStatus.APPROVED, editor, {}, history["approved"]),
            (
                ArticleStatus.PUBLISHED,
                editor,
                {"publish_at": spec["publish_at"]},
                spec["publish_at"],
            ),
        ]
        for to_status, actor, extra, at in moves:
            if ARTICLE_STEPS.index(article.status) < ARTICLE_STEPS.index(to_status):
                with self.clock.at(at):
                    article = actions.transition_article(
                        article=article, to_status=to_status, actor=actor, **extra
                    )

    def load_correction(self, article: Article, item: dict) -> None:
        """Append the correction (as the editor, through the workflow) and stamp the update,
        both at the correction's moment."""
        editor = self.users[EDITOR]
        if not Correction.objects.filter(
            article=article, kind=item["kind"], text=item["text"]
        ).exists():
            with self.clock.at(item["at"]):
                actions.add_correction(
                    article=article, actor=editor, kind=item["kind"], text=item["text"]
                )
        article.refresh_from_db()
        if article.last_updated_at is None and article.is_live:
            with self.clock.at(item["at"]):
                actions.mark_substantive_update(article=article, actor=editor, note=item["note"])

    # -----------------------------------------------------------------------------------------
    # Report

    def summary(self) -> Summary:
        by_status = Counter(Claim.objects.values_list("status", flat=True))
        by_verdict = Counter(Claim.objects.exclude(verdict="").values_list("verdict", flat=True))
        revisions = Revision.objects.count()
        added = revisions - self.revisions_before
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
        return Summary(changed=bool(added), rows=rows, admin_url=ADMIN_URL, logins=USERS)

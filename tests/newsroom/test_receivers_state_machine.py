"""A stateful property test of the editorial rules: random sequences of edits, workflow moves,
reverts, deletions and recoveries by random roles, with the public promises checked after
every step.

Invariants (read anonymously from the public site where they are about what readers see):

(a) a reviewed claim's content is what was rated; a claim that is not reviewed shows no
    ClaimReview and says it is under review again;
(b) a live article's text is what an editor published (the latest move that made or kept it
    live has a revision holding that body), and no unpublished writer draft reaches readers;
(c) every ReviewEvent and ArticleEvent points at its revision.

Each example runs inside a transaction rolled back at teardown, so nothing leaks between
examples.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)
from reversion.models import Version

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition, WorkflowError
from newsroom.history.actions import restore_deleted_in_revision
from newsroom.history.deletions import deleting_as
from newsroom.models import (
    FROZEN_STATUSES,
    Article,
    ArticleEvent,
    ArticleStatus,
    Citation,
    Claim,
    ClaimStatus,
    ReviewEvent,
    Source,
)
from newsroom.roles import EDITOR, FACT_CHECKER, WRITER
from tests.support.content import json_ld
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory, SourceFactory
from tests.support.pagecache import new_page_cache
from tests.support.users import make_user

STEPS = {
    "run": 0,
    "refused": 0,
    "examples": 0,
    "reviewed_seen": 0,
    "reopened_seen": 0,
    "live_seen": 0,
}
_marker = itertools.count()

ROLES = st.sampled_from(["writer", "checker", "checker2", "editor"])
IDX = st.integers(min_value=0, max_value=50)
TEXTS = [
    "The minister said the talks were useful and constructive.",
    "The minister said the talks were useless.",
    "A completely different report about the weather.",
]
EXCERPTS = ["the talks were useful", "the talks were useless", "weather"]
VERDICTS = ["accurate", "mostly_accurate", "misleading", "false"]
ARTICLE_CT = None


def _pick(seq, i):
    seq = list(seq)
    return seq[i % len(seq)] if seq else None


class RulesMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        STEPS["examples"] += 1
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        new_page_cache()
        self.users = {
            "writer": make_user("writer", WRITER),
            "checker": make_user("checker", FACT_CHECKER),
            "checker2": make_user("checker2", FACT_CHECKER),
            "editor": make_user("editor", EDITOR),
        }
        self.client = Client()
        # A word unique to each body text saved (drafts and working copies, any role): only
        # the one in the live row may appear on its public page.
        self.markers: set[str] = set()
        writer = self.users["writer"]
        self.sources = [SourceFactory(), SourceFactory()]
        for n in range(3):
            # Saved with a revision, as the admin would, so a deleted claim can be recovered.
            with actions.editing(actor=writer), reversion.create_revision():
                reversion.set_user(writer)
                claim = ClaimFactory(created_by=writer)
                CitationFactory(claim=claim, source=self.sources[n % 2])
        self.articles = []
        claims = list(Claim.objects.order_by("pk"))
        for n in range(2):
            with reversion.create_revision():
                reversion.set_user(writer)
                article = ArticleFactory(
                    created_by=writer,
                    body=f"Opening [[claim:{claims[n].slug}]] and [[claim:{claims[n + 1].slug}]].",
                )
                actions.sync_article_references(article=article)
            self.articles.append(article.pk)

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # -- helpers

    def _do(self, fn):
        STEPS["run"] += 1
        try:
            with transaction.atomic():
                fn()
        except (WorkflowError, IntegrityError):
            # A refusal by the workflow, or a duplicate citation refused by the database.
            STEPS["refused"] += 1

    def _claim(self, i):
        return _pick(Claim.objects.order_by("pk"), i)

    def _article(self, i):
        return _pick(Article.objects.filter(pk__in=self.articles).order_by("pk"), i)

    # -- claims

    @rule(i=IDX, role=ROLES, n=st.integers(0, 3))
    def edit_statement(self, i, role, n):
        def go():
            claim = self._claim(i)
            with actions.editing(actor=self.users[role]):
                claim.statement = f"Statement variant {n}."
                claim.save()

        self._do(go)

    @rule(i=IDX, s=st.integers(0, 1), e=st.integers(0, 2), role=ROLES, stance=st.booleans())
    def add_citation(self, i, s, e, role, stance):
        def go():
            claim = self._claim(i)
            with actions.editing(actor=self.users[role]):
                Citation.objects.create(
                    claim=claim,
                    source=self.sources[s],
                    excerpt=EXCERPTS[e],
                    stance="supports" if stance else "contradicts",
                )

        self._do(go)

    @rule(i=IDX, role=ROLES)
    def delete_citation(self, i, role):
        def go():
            citation = _pick(Citation.objects.order_by("pk"), i)
            if citation is None:
                return
            with actions.editing(actor=self.users[role]), deleting_as(self.users[role]):
                citation.delete()

        self._do(go)

    @rule(i=IDX, e=st.integers(0, 2), role=ROLES)
    def edit_citation(self, i, e, role):
        def go():
            citation = _pick(Citation.objects.order_by("pk"), i)
            if citation is None:
                return
            with actions.editing(actor=self.users[role]):
                citation.excerpt = EXCERPTS[e]
                citation.save()

        self._do(go)

    @rule(s=st.integers(0, 1), t=st.integers(0, 2), role=ROLES)
    def change_source_text(self, s, t, role):
        def go():
            source = Source.objects.get(pk=self.sources[s].pk)
            with actions.editing(actor=self.users[role]):
                source.archived_text = TEXTS[t]
                source.save()

        self._do(go)

    @rule(
        i=IDX,
        role=ROLES,
        to=st.sampled_from(ClaimStatus.values),
        verdict=st.sampled_from(VERDICTS),
        assignee=st.sampled_from([None, "checker", "checker2", "writer"]),
    )
    def move_claim(self, i, role, to, verdict, assignee):
        def go():
            claim = self._claim(i)
            actions.transition_claim(
                claim=claim,
                to_status=to,
                actor=self.users[role],
                verdict=verdict,
                rationale="Checked against the sources.",
                note="Evidence changed.",
                assignee=self.users[assignee] if assignee else None,
            )

        self._do(go)

    @rule(i=IDX, v=IDX, role=ROLES)
    def revert_claim(self, i, v, role):
        def go():
            claim = self._claim(i)
            version = _pick(Version.objects.get_for_object(claim), v)
            if version is not None:
                actions.revert_to_version(version=version, actor=self.users[role], reason="Back.")

        self._do(go)

    @rule(i=IDX, role=st.sampled_from(["editor", "checker"]))
    def delete_and_recover_claim(self, i, role):
        def go():
            claim = self._claim(i)
            actor = self.users[role]
            pk = str(claim.pk)
            with deleting_as(actor):
                claim.delete()
            version = Version.objects.get_deleted(Claim).filter(object_id=pk).first()
            if version is None:
                raise AssertionError(f"claim {pk} has no version to recover from")
            with actions.editing(actor=actor):
                version.revision.revert()
                restore_deleted_in_revision(revision=version.revision, actor=actor)

        self._do(go)

    @rule(
        i=IDX,
        checker=st.sampled_from(["checker", "checker2"]),
        verdict=st.sampled_from(VERDICTS),
        moves=st.integers(1, 3),
    )
    def advance_claim(self, i, checker, verdict, moves):
        """The next move along the happy path, by a role that may make it: reaches reviewed and
        reopened claims far more often than random moves alone."""

        def go():
            claim = self._claim(i)
            nxt = {
                ClaimStatus.DRAFT: ClaimStatus.SUBMITTED,
                ClaimStatus.SUBMITTED: ClaimStatus.IN_REVIEW,
                ClaimStatus.IN_REVIEW: ClaimStatus.REVIEWED,
                ClaimStatus.REOPENED: ClaimStatus.REVIEWED,
                ClaimStatus.REVIEWED: ClaimStatus.REOPENED,
            }[claim.status]
            actor = self.users["writer" if nxt == ClaimStatus.SUBMITTED else checker]
            if claim.assignee_id and nxt == ClaimStatus.REVIEWED:
                actor = claim.assignee
            actions.transition_claim(
                claim=claim,
                to_status=nxt,
                actor=actor,
                verdict=verdict,
                rationale="Checked against the sources.",
                note="Evidence changed.",
            )

        for _ in range(moves):
            self._do(go)

    # -- articles

    @rule(i=IDX, override=st.booleans(), schedule=st.booleans(), moves=st.integers(1, 3))
    def advance_article(self, i, override, schedule, moves):
        """The next publishing move, by the editor (writer for draft → in review)."""

        def go():
            article = self._article(i)
            nxt = {
                ArticleStatus.DRAFT: ArticleStatus.IN_REVIEW,
                ArticleStatus.IN_REVIEW: ArticleStatus.APPROVED,
                ArticleStatus.APPROVED: ArticleStatus.SCHEDULED
                if schedule
                else ArticleStatus.PUBLISHED,
            }.get(article.status)
            if nxt is None:
                return
            actions.transition_article(
                article=article,
                to_status=nxt,
                actor=self.users["writer" if nxt == ArticleStatus.IN_REVIEW else "editor"],
                publish_at=timezone.now() + dt.timedelta(days=1) if schedule else None,
                override_reason="Editor vouches." if override else "",
            )

        for _ in range(moves):
            self._do(go)

    @rule(i=IDX, role=ROLES, c=IDX)
    def save_draft(self, i, role, c):
        def go():
            article = self._article(i)
            if article.status not in FROZEN_STATUSES:
                return
            marker = f"Draftmarker{next(_marker)}x"
            claim = self._claim(c)
            article.body = f"{marker} cites [[claim:{claim.slug}]]."
            actions.save_article_draft(article=article, actor=self.users[role], m2m={})
            self.markers.add(marker)

        self._do(go)

    @rule(i=IDX, role=ROLES, c=IDX)
    def edit_nonlive(self, i, role, c):
        def go():
            article = self._article(i)
            if article.status in FROZEN_STATUSES:
                return
            marker = f"Editmarker{next(_marker)}x"
            claim = self._claim(c)
            with actions.editing(actor=self.users[role]), reversion.create_revision():
                reversion.set_user(self.users[role])
                article.body = f"{marker} cites [[claim:{claim.slug}]]."
                article.save()
                actions.sync_article_references(article=article)
            self.markers.add(marker)

        self._do(go)

    @rule(i=IDX, role=ROLES, override=st.booleans())
    def publish_changes(self, i, role, override):
        def go():
            actions.publish_changes(
                article=self._article(i),
                actor=self.users[role],
                override_reason="Editor vouches." if override else "",
            )

        self._do(go)

    @rule(i=IDX, role=ROLES)
    def discard_changes(self, i, role):
        self._do(lambda: actions.discard_changes(article=self._article(i), actor=self.users[role]))

    @rule(
        i=IDX,
        role=ROLES,
        to=st.sampled_from(ArticleStatus.values),
        override=st.booleans(),
    )
    def move_article(self, i, role, to, override):
        def go():
            actions.transition_article(
                article=self._article(i),
                to_status=to,
                actor=self.users[role],
                publish_at=timezone.now() + dt.timedelta(days=1)
                if to == ArticleStatus.SCHEDULED
                else None,
                override_reason="Editor vouches." if override else "",
            )

        self._do(go)

    @rule(i=IDX, v=IDX, role=ROLES)
    def revert_article(self, i, v, role):
        def go():
            article = self._article(i)
            version = _pick(Version.objects.get_for_object(article), v)
            if version is not None:
                actions.revert_to_version(version=version, actor=self.users[role], reason="Back.")

        self._do(go)

    @rule(i=IDX)
    def shell_save_live_headline(self, i):
        STEPS["run"] += 1
        article = self._article(i)
        if not article.is_live:
            return
        article.headline = "Changed in the shell"
        with pytest.raises(InvalidArticleTransition), transaction.atomic():
            article.save()
        assert Article.objects.get(pk=article.pk).headline != "Changed in the shell"

    # -- invariants

    @invariant()
    def claims_show_what_was_rated(self):
        for claim in Claim.objects.order_by("pk"):
            if claim.status == ClaimStatus.REVIEWED:
                assert claim.verdict_is_current
                assert actions.claim_content(claim) == claim.rated_content, (
                    f"reviewed claim {claim.slug} no longer matches what was rated"
                )
            response = self.client.get(f"/claims/{claim.slug}/")
            if response.status_code == 404:
                assert not claim.verdict, claim.slug
                continue
            assert response.status_code == 200, (claim.slug, response.status_code)
            types = [block.get("@type") for block in json_ld(response.content)]
            STEPS["reviewed_seen" if claim.status == ClaimStatus.REVIEWED else "reopened_seen"] += 1
            if claim.status == ClaimStatus.REVIEWED:
                assert "ClaimReview" in types, claim.slug
            else:
                assert "ClaimReview" not in types, (claim.slug, claim.status)
                assert b"Under review again" in response.content, claim.slug

    @invariant()
    def live_articles_show_what_an_editor_published(self):
        global ARTICLE_CT
        ARTICLE_CT = ARTICLE_CT or ContentType.objects.get_for_model(Article)
        live = Article.objects.published().filter(pk__in=self.articles)
        for article in live:
            event = (
                ArticleEvent.objects.filter(
                    article=article,
                    to_status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED],
                )
                .order_by("-pk")
                .first()
            )
            assert event is not None, article.slug
            STEPS["live_seen"] += 1
            assert event.actor is None or event.actor.has_perm("newsroom.publish_article")
            version = event.revision.version_set.get(
                content_type=ARTICLE_CT, object_id=str(article.pk)
            )
            assert version.field_dict["body"] == article.body, (
                f"live article {article.slug} shows a body its last publishing move did not "
                f"publish: {article.body!r} vs {version.field_dict['body']!r}"
            )
            response = self.client.get(article.get_absolute_url())
            assert response.status_code == 200, (article.slug, response.status_code)
            page = response.content.decode()
            for marker in self.markers:
                if marker not in article.body:
                    assert marker not in page, (article.slug, marker)

    @invariant()
    def audit_rows_have_revisions(self):
        assert not ReviewEvent.objects.filter(revision__isnull=True).exists()
        assert not ArticleEvent.objects.filter(revision__isnull=True).exists()


@pytest.mark.django_db(transaction=False)
def test_rules_state_machine():
    try:
        run_state_machine_as_test(
            RulesMachine,
            settings=settings(
                max_examples=int(os.environ.get("RULES_MAX_EXAMPLES", "15")),
                stateful_step_count=20,
                deadline=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:
        print(
            f"\nstate machine: {STEPS['examples']} examples, {STEPS['run']} steps run, "
            f"{STEPS['refused']} refused; public claim pages checked: "
            f"{STEPS['reviewed_seen']} reviewed, {STEPS['reopened_seen']} other; "
            f"live article checks: {STEPS['live_seen']}"
        )

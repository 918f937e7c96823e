"""generate_scale_data: the promised counts, the same data for the same seed, rows in the state
the ordinary save path leaves them, and public pages that render on them."""

from __future__ import annotations

import hashlib
import io
import json

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import transaction
from reversion.models import Revision, Version

from events.models import Event, Participation
from newsroom.actions.claims import check_claim_content
from newsroom.actions.evidence import claim_content
from newsroom.demo.bulk import VersionData
from newsroom.demo.scale import BASE_COUNTS, MARKER_USERNAME, scaled_counts
from newsroom.history.registration import stored_field_names
from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Citation,
    Claim,
    ClaimStatus,
    ReviewEvent,
)
from newsroom.references import slugs_by_kind
from newsroom.verification import find_excerpt
from profiles.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db

SCALE = 0.002
SEED = 7


def generate(seed: int = SEED) -> None:
    call_command(
        "generate_scale_data", seed=seed, scale=SCALE, no_progress=True, stdout=io.StringIO()
    )


@pytest.fixture
def generated(db):
    generate()


def snapshot() -> dict:
    """What a reader would notice differ between two runs: slugs, wording, excerpts, shape."""
    return {
        "articles": list(
            Article.objects.order_by("pk").values_list("slug", "headline", "body", "status")
        ),
        "claims": list(
            Claim.objects.order_by("pk").values_list("slug", "statement", "status", "verdict")
        ),
        "citations": list(
            Citation.objects.order_by("pk").values_list("claim__slug", "source_id", "excerpt")
        ),
        "people": list(Person.objects.order_by("pk").values_list("slug", "full_name")),
        "memberships": list(
            Membership.objects.order_by("pk").values_list(
                "person__slug", "organization__slug", "role", "rank", "start_date", "end_date"
            )
        ),
    }


def test_counts_scale_as_promised(generated):
    counts = scaled_counts(SCALE)
    assert counts["articles"] == round(BASE_COUNTS["articles"] * SCALE) == 20
    assert Article.objects.count() == counts["articles"]
    assert Person.objects.count() == counts["people"]
    assert Organization.objects.count() == counts["organizations"]
    assert Membership.objects.count() == counts["memberships"]
    assert Event.objects.count() == counts["events"]
    assert Claim.objects.count() == counts["claims"]
    assert Citation.objects.count() == counts["citations"]
    assert Participation.objects.exists()
    assert Revision.objects.count() >= round(200_000 * SCALE)
    # Mostly published articles and mostly reviewed claims.
    assert Article.objects.published().count() > counts["articles"] / 2
    assert Claim.objects.public().count() > counts["claims"] / 2


def test_the_same_seed_gives_the_same_data():
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        generate()
        first = snapshot()
        raise Undo
    assert not Article.objects.exists()
    generate()
    assert snapshot() == first
    assert len(first["articles"]) == scaled_counts(SCALE)["articles"]


def test_another_seed_gives_other_data():
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        generate(seed=SEED + 1)
        other = snapshot()
        raise Undo
    generate()
    assert snapshot()["articles"] != other["articles"]


def test_every_excerpt_is_found_in_its_source(generated):
    citations = list(Citation.objects.select_related("source"))
    assert citations
    for citation in citations:
        assert find_excerpt(citation.excerpt, citation.source.archived_text).found, citation
        assert citation.excerpt_verified is True
    for source_id, text, sha in Citation.objects.values_list(
        "source_id", "source__archived_text", "source__archived_sha256"
    ).distinct():
        assert sha == hashlib.sha256(text.encode()).hexdigest(), source_id


def test_article_relations_are_what_the_body_references(generated):
    for article in Article.objects.prefetch_related(
        "claims", "related_people", "related_organizations", "related_events"
    ):
        wanted = slugs_by_kind(article.body)
        assert 10 <= len(wanted["claim"]) <= 20
        assert {c.slug for c in article.claims.all()} == set(wanted["claim"])
        assert {p.slug for p in article.related_people.all()} == set(wanted["person"])
        assert {o.slug for o in article.related_organizations.all()} == set(wanted["org"])
        assert {e.slug for e in article.related_events.all()} == set(wanted["event"])
        if article.status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED):
            # The gate: every cited claim had its verdict before the article went out.
            assert all(c.verdict_is_current for c in article.claims.all())
            went_live = article.events.get(to_status=article.status)
            assert all(c.reviewed_at < went_live.created_at for c in article.claims.all())
            assert went_live.live_from == article.published_at
            assert article.urls.filter(slug=article.slug).exists()


def test_reviewed_claims_are_in_the_state_the_workflow_leaves(generated):
    reviewed = list(Claim.objects.filter(status=ClaimStatus.REVIEWED))
    assert reviewed
    for claim in reviewed:
        assert claim.verdict and claim.rationale
        assert claim.reviewer_id not in (None, claim.created_by_id)
        assert claim.assignee_id == claim.reviewer_id
        # What was rated is the claim as it reads now, so the rules leave it rated.
        assert claim.rated_content == claim_content(claim)
        assert claim.checked_content == {**claim_content(claim), "slug": claim.slug}
        moves = list(
            ReviewEvent.objects.filter(claim=claim)
            .order_by("created_at")
            .values_list("to_status", flat=True)
        )
        assert moves == [ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED]
    sample = reviewed[0]
    check_claim_content(claim_id=sample.pk, actor=None)
    sample.refresh_from_db()
    assert sample.status == ClaimStatus.REVIEWED


def test_versions_hold_what_the_rows_hold(generated):
    claim = Claim.objects.filter(status=ClaimStatus.REVIEWED).first()
    newest = Version.objects.get_for_object(claim).first()
    stored = newest.field_dict
    assert stored["statement"] == claim.statement
    assert stored["updated_at"].replace(microsecond=0) == claim.updated_at.replace(microsecond=0)
    assert sorted(stored["about_people"]) == sorted(claim.about_people.values_list("pk", flat=True))
    # The claim's revision holds its citations too, as reversion's follow does.
    assert {v.object_id for v in newest.revision.version_set.exclude(pk=newest.pk)} == {
        str(pk) for pk in claim.citations.values_list("pk", flat=True)
    }
    # Every review move points at a revision of that claim.
    assert all(
        event.revision.version_set.filter(object_id=str(claim.pk)).exists()
        for event in ReviewEvent.objects.filter(claim=claim)
    )
    article = Article.objects.published().first()
    assert Version.objects.get_for_object(article).first().field_dict["body"] == article.body
    assert ArticleEvent.objects.filter(article=article, revision__isnull=False).count() == 3


def test_versions_are_serialised_as_reversion_serialises_them(generated):
    for obj in (
        Claim.objects.filter(status=ClaimStatus.REVIEWED).first(),
        Citation.objects.first(),
        Article.objects.published().first(),
        Person.objects.filter(memberships__isnull=False).first(),
        Event.objects.first(),
    ):
        model = type(obj)
        data = VersionData(model)
        m2m = {name: list(getattr(obj, name).values_list("pk", flat=True)) for name in data.many}
        ours = json.loads(data.serialize(obj, m2m))
        [theirs] = json.loads(
            serializers.serialize("json", [obj], fields=stored_field_names(model))
        )
        for name in data.many:
            theirs["fields"][name] = sorted(theirs["fields"][name])
        assert ours == [theirs], model


def test_public_pages_render_on_the_generated_data(generated, client):
    article = (
        Article.objects.published()
        .filter(created_by__username__startswith="scale-")
        .order_by("pk")
        .first()
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    public_cited = article.claims.filter(status=ClaimStatus.REVIEWED).count()
    assert public_cited >= 10
    assert f'id="fn-{public_cited}"' in page  # every cited claim has its footnote
    assert 'class="fn-ref"' in page
    assert client.get(f"{article.get_absolute_url()}changes/").status_code == 200

    person = Person.objects.published().filter(memberships__isnull=False).first()
    claim = Claim.objects.public().filter(citations__isnull=False).first()
    event = Event.objects.published().filter(participations__isnull=False).first()
    word = article.headline.split()[-1]
    for url in (
        person.get_absolute_url(),
        claim.get_absolute_url(),
        event.get_absolute_url(),
        "/",
        f"/search/?q={word}",
    ):
        assert client.get(url).status_code == 200, url
    assert person.full_name in client.get(person.get_absolute_url()).content.decode()


def test_live_articles_come_with_their_body_stored(generated, client):
    """The first reader of a generated article gets the stored HTML, the same HTML a render
    of it now gives; drafts get the stale row a first save leaves."""
    from newsroom.article_body import load_body_inputs, render_body_parts
    from newsroom.models import RenderedBody

    generated_articles = Article.objects.filter(created_by__username__startswith="scale-")
    assert RenderedBody.objects.filter(article__in=generated_articles).count() == 20
    live = generated_articles.filter(
        status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED]
    ).select_related("rendered_body")
    assert live.count() >= 15
    for article in live:
        row = article.rendered_body
        assert not row.is_stale
        fresh = render_body_parts(article, load_body_inputs(article))
        assert (row.body_html, row.footnotes_html, row.related_html, row.shown) == (
            fresh.body_html,
            fresh.footnotes_html,
            fresh.related_html,
            fresh.shown,
        ), article.slug
    drafts = generated_articles.exclude(pk__in=live.values("pk"))
    assert all(row.is_stale for row in RenderedBody.objects.filter(article__in=drafts))

    article = Article.objects.published().filter(pk__in=live.values("pk")).first()
    stored_at = article.rendered_body.rendered_at
    assert client.get(article.get_absolute_url()).status_code == 200
    article.rendered_body.refresh_from_db()
    assert article.rendered_body.rendered_at == stored_at  # served, not rendered again


def test_refuses_a_database_that_already_has_scale_data(generated):
    with pytest.raises(CommandError, match=MARKER_USERNAME):
        generate()


def test_refuses_a_scale_that_is_not_positive():
    with pytest.raises(CommandError, match="positive"):
        call_command("generate_scale_data", scale=0, no_progress=True)

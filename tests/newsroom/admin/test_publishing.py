"""An article's publishing panel: moves per role, scheduling, the unrated-claims gate, drafts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from newsroom import actions
from newsroom.models import Article, ArticleStatus
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    message_texts,
)
from tests.support.content import make_public_claim
from tests.support.factories import ArticleFactory, ClaimFactory
from tests.support.publishing import changes, reach, save_article

pytestmark = pytest.mark.django_db

S = ArticleStatus


def move_url(article: Article) -> str:
    return reverse("admin:newsroom_article_move", args=[article.pk])


def press(client, article: Article, to_status: str, **fields):
    """Press the button for ``to_status`` in the publishing panel."""
    return client.post(move_url(article), {"to_status": to_status, **fields})


def panel_moves(response) -> set[str]:
    """The moves whose buttons the change page shows."""
    return set(re.findall(r'id="article-move-([a-z_]+)"', response.content.decode()))


@pytest.fixture
def users(editor, writer, fact_checker):
    return {"editor": editor, "writer": writer, "fact_checker": fact_checker}


# ---------------------------------------------------------------------------------------------
# The panel shows exactly the moves the user may make


EXPECTED_MOVES = {
    "writer": {
        S.DRAFT: {S.IN_REVIEW},
        S.IN_REVIEW: {S.DRAFT},
        S.APPROVED: set(),
        S.SCHEDULED: set(),
        S.PUBLISHED: set(),
        S.UNPUBLISHED: set(),
    },
    "editor": {
        S.DRAFT: {S.IN_REVIEW},
        S.IN_REVIEW: {S.APPROVED, S.DRAFT},
        S.APPROVED: {S.SCHEDULED, S.PUBLISHED, S.DRAFT},
        S.SCHEDULED: {S.PUBLISHED, S.APPROVED, S.UNPUBLISHED},
        S.PUBLISHED: {S.UNPUBLISHED},
        S.UNPUBLISHED: {S.DRAFT, S.PUBLISHED},
    },
    "fact_checker": {status: set() for status in S.values},
}


@pytest.mark.parametrize("role", ["writer", "editor", "fact_checker"])
@pytest.mark.parametrize("status", S.values)
def test_the_panel_offers_exactly_the_moves_this_user_may_make(client, users, role, status):
    article = reach(ArticleFactory(), status, users["editor"])
    client.force_login(users[role])
    response = client.get(admin_url(article, "change"))
    assert response.status_code == 200
    assert panel_moves(response) == EXPECTED_MOVES[role][status]
    assert panel_moves(response) == set(actions.available_article_moves(article, users[role]))


@pytest.mark.parametrize("role", ["writer", "editor", "fact_checker"])
@pytest.mark.parametrize("status", S.values)
def test_every_move_through_the_buttons_per_role(client, users, role, status):
    """Each button does its move for a user allowed to make it; every other press is refused
    with a message (or, for a user who cannot change articles, a 403) and changes nothing."""
    editor, user = users["editor"], users[role]
    client.force_login(user)
    for to_status in S.values:
        article = reach(ArticleFactory(), status, editor)
        events_before = article.events.count()
        fields = {}
        if to_status == S.SCHEDULED:
            fields["publish_at"] = timezone.localtime(
                timezone.now() + dt.timedelta(days=2)
            ).strftime("%Y-%m-%dT%H:%M")
        response = press(client, article, to_status, note="From the panel.", **fields)
        article.refresh_from_db()
        allowed = to_status in EXPECTED_MOVES[role][status]
        if role == "fact_checker":
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            assert response["Location"].endswith(f"/{article.pk}/change/#publishing")
        if allowed:
            assert article.status == to_status, message_texts(response)
            event = article.events.first()
            assert (event.actor, event.from_status, event.to_status, event.note) == (
                user,
                status,
                to_status,
                "From the panel.",
            )
            assert latest_revision().user == user
        else:
            assert article.status == status
            assert article.events.count() == events_before
            if role != "fact_checker":
                assert any(
                    "cannot move" in text or "Only editors" in text
                    for text in message_texts(response)
                ), message_texts(response)


def test_the_buttons_answer_only_posts(editor_client):
    article = ArticleFactory()
    assert editor_client.get(move_url(article)).status_code == 403
    assert Article.objects.get().status == S.DRAFT


# ---------------------------------------------------------------------------------------------
# Scheduling in the newsroom's time zone


def test_schedule_is_entered_in_the_newsroom_time_zone_and_stored_in_utc(
    settings, editor_client, editor
):
    settings.TIME_ZONE = "Asia/Kolkata"
    article = reach(ArticleFactory(), S.APPROVED, editor)
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert "Publication time (Asia/Kolkata)" in html
    assert 'type="datetime-local"' in html

    response = press(editor_client, article, S.SCHEDULED, publish_at="2030-01-15T09:30")
    article.refresh_from_db()
    assert article.status == S.SCHEDULED, message_texts(response)
    # 09:30 in Kolkata (UTC+05:30) is 04:00 UTC.
    assert article.published_at == dt.datetime(2030, 1, 15, 4, 0, tzinfo=dt.UTC)
    assert any("15 January 2030, 09:30 (Asia/Kolkata)" in t for t in message_texts(response))
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert "goes live 15 January 2030, 09:30 (Asia/Kolkata)" in html


def test_scheduling_needs_a_future_time(editor_client, editor):
    article = reach(ArticleFactory(), S.APPROVED, editor)
    response = press(editor_client, article, S.SCHEDULED)
    assert any("Choose when" in text for text in message_texts(response))
    past = timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = press(editor_client, article, S.SCHEDULED, publish_at=past)
    assert any("future" in text for text in message_texts(response))
    article.refresh_from_db()
    assert article.status == S.APPROVED


def test_unscheduling_never_publishes(editor_client, editor):
    article = reach(ArticleFactory(), S.SCHEDULED, editor)
    when = article.published_at
    response = press(editor_client, article, S.APPROVED)
    article.refresh_from_db()
    assert article.status == S.APPROVED, message_texts(response)
    assert not Article.objects.published(at=when + dt.timedelta(days=365)).exists()
    assert article.first_published_at is None


def test_publishing_a_due_scheduled_article_keeps_its_time(editor_client, editor):
    article = reach(ArticleFactory(), S.SCHEDULED, editor)
    due = timezone.now() - dt.timedelta(minutes=5)
    Article.objects.filter(pk=article.pk).update(published_at=due)  # its time has come
    press(editor_client, article, S.PUBLISHED)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert article.published_at == article.first_published_at == due


# ---------------------------------------------------------------------------------------------
# The unrated-claims gate


def test_unrated_claims_are_listed_and_an_override_reason_is_recorded(client, editor, writer):
    claim = ClaimFactory(slug="unrated-claim", statement="Nobody has checked this yet.")
    article = ArticleFactory(body="It happened [[claim:unrated-claim]].")
    actions.sync_article_references(article=article)
    article = reach(article, S.APPROVED, editor)

    client.force_login(editor)
    html = client.get(admin_url(article, "change")).content.decode()
    assert "cites claims without a verdict" in html
    assert "Nobody has checked this yet." in html
    assert reverse("admin:newsroom_claim_change", args=[claim.pk]) in html
    assert html.count('name="override_reason"') == 2  # publish now, schedule

    response = press(client, article, S.PUBLISHED)
    article.refresh_from_db()
    assert article.status == S.APPROVED
    assert any("unrated-claim" in text for text in message_texts(response))

    press(client, article, S.PUBLISHED, override_reason="Legal cleared it; review follows.")
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    event = article.events.first()
    assert event.override_reason == "Legal cleared it; review follows."
    assert "override: Legal cleared it" in latest_revision().comment


def test_writers_see_no_override_field(client, editor, writer):
    ClaimFactory(slug="unrated-claim")
    article = ArticleFactory(body="[[claim:unrated-claim]]")
    actions.sync_article_references(article=article)
    article = reach(article, S.APPROVED, editor)
    client.force_login(writer)
    html = client.get(admin_url(article, "change")).content.decode()
    assert 'name="override_reason"' not in html


def test_a_rated_claim_needs_no_override(editor_client, editor):
    make_public_claim(editor, slug="rated")
    article = ArticleFactory(body="[[claim:rated]]")
    actions.sync_article_references(article=article)
    article = reach(article, S.APPROVED, editor)
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert "without a verdict" not in html and 'name="override_reason"' not in html
    press(editor_client, article, S.PUBLISHED)
    assert Article.objects.get().status == S.PUBLISHED


# ---------------------------------------------------------------------------------------------
# A live article's changes: substantive updates and copy edits


def test_an_edit_of_a_live_article_is_a_draft_until_an_editor_publishes_it(client, editor, writer):
    article = reach(ArticleFactory(body="First text.", created_by=writer), S.PUBLISHED, editor)
    public_url = article.get_absolute_url()
    client.force_login(writer)
    response = save_article(client, article, body="A writer's rewrite.")
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.body == "First text." and article.has_unpublished_changes
    # The writer sees the draft in the form, and that it is not public.
    html = client.get(admin_url(article, "change")).content.decode()
    assert "A writer&#x27;s rewrite." in html or "A writer's rewrite." in html
    assert "This article has unpublished changes" in html and "An editor publishes them" in html
    # Only an editor may publish it; a writer's crafted POST is refused.
    changes(client, article)
    article.refresh_from_db()
    assert article.body == "First text."
    client.logout()
    assert "rewrite" not in client.get(public_url).content.decode()

    client.force_login(editor)
    assert changes(client, article, note="Tightened.").status_code == 200
    article.refresh_from_db()
    assert (article.body, article.draft_version) == ("A writer's rewrite.", None)
    assert article.events.first().note == "Tightened."
    client.logout()
    assert "rewrite." in client.get(public_url).content.decode()


def test_discarding_changes_keeps_what_readers_see(editor_client, editor):
    article = reach(ArticleFactory(body="Live text."), S.PUBLISHED, editor)
    save_article(editor_client, article, body="Second thoughts.")
    assert changes(editor_client, article, "discard").status_code == 200
    article.refresh_from_db()
    assert (article.body, article.draft_version) == ("Live text.", None)
    assert "Live text." in admin_form_data(editor_client.get(admin_url(article, "change")))["body"]


def test_a_substantive_update_is_stamped_when_the_changes_are_published(editor_client, editor):
    article = reach(ArticleFactory(body="First text."), S.PUBLISHED, editor)
    save_article(editor_client, article, body="First text, without a typo.")
    changes(editor_client, article)
    article.refresh_from_db()
    assert article.body == "First text, without a typo."
    assert article.last_updated_at is None  # a copy edit

    save_article(editor_client, article, body="New facts.")
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert 'name="substantive_update"' in html
    response = changes(editor_client, article, substantive_update="on")
    assert any("Say what changed" in text for text in message_texts(response))
    article.refresh_from_db()
    assert article.body == "First text, without a typo."

    before = timezone.now()
    changes(editor_client, article, substantive_update="on", note="Added the minister's reply.")
    article.refresh_from_db()
    assert article.body == "New facts." and article.last_updated_at >= before
    assert "Added the minister's reply." in latest_revision().comment


def test_no_update_choice_on_a_draft_or_for_a_writer(client, editor, writer):
    draft = ArticleFactory()
    client.force_login(editor)
    assert (
        'name="substantive_update"' not in client.get(admin_url(draft, "change")).content.decode()
    )
    live = reach(ArticleFactory(), S.PUBLISHED, editor)
    client.force_login(writer)
    save_article(client, live, body="A writer's draft.")
    html = client.get(admin_url(live, "change")).content.decode()
    assert "This article has unpublished changes" in html
    assert 'name="substantive_update"' not in html

"""The article lifecycle in the admin: the publishing panel's buttons per role, scheduling in
the newsroom's time zone, the unrated-claims gate, substantive updates, slug changes, share
links, corrections, and image uploads (refusals, EXIF, renditions, deletion warnings)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from reversion.models import Version

from newsroom import actions, imaging
from newsroom.exceptions import WorkflowError
from newsroom.models import (
    Article,
    ArticleStatus,
    ArticleURL,
    Correction,
    Image,
    Rendition,
    ShareLink,
)
from tests.support.admin import (
    admin_form_data,
    admin_url,
    form_errors,
    latest_revision,
    message_texts,
)
from tests.support.content import make_public_claim
from tests.support.factories import ArticleFactory, ClaimFactory, PersonFactory
from tests.support.images import encoded, jpeg_with_gps_and_rotation

pytestmark = pytest.mark.django_db

S = ArticleStatus


# ---------------------------------------------------------------------------------------------
# Helpers


def reach(article: Article, status: str, editor) -> Article:
    """Take a draft ``article`` to ``status`` through the workflow, as ``editor``."""
    paths = {
        S.DRAFT: [],
        S.IN_REVIEW: [S.IN_REVIEW],
        S.APPROVED: [S.IN_REVIEW, S.APPROVED],
        S.SCHEDULED: [S.IN_REVIEW, S.APPROVED, S.SCHEDULED],
        S.PUBLISHED: [S.IN_REVIEW, S.APPROVED, S.PUBLISHED],
        S.UNPUBLISHED: [S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.UNPUBLISHED],
    }
    for step in paths[status]:
        extra = {"publish_at": timezone.now() + dt.timedelta(days=1)} if step == S.SCHEDULED else {}
        article = actions.transition_article(article=article, to_status=step, actor=editor, **extra)
    return article


def move_url(article: Article) -> str:
    return reverse("admin:newsroom_article_move", args=[article.pk])


def press(client, article: Article, to_status: str, **fields):
    """Press the button for ``to_status`` in the publishing panel."""
    return client.post(move_url(article), {"to_status": to_status, **fields})


def panel_moves(response) -> set[str]:
    """The moves whose buttons the change page shows."""
    return set(re.findall(r'id="article-move-([a-z_]+)"', response.content.decode()))


def save_article(client, article: Article, **changes):
    """Submit the article's change form as a browser would, with ``changes``."""
    data = admin_form_data(client.get(admin_url(article, "change")))
    data["change_reason"] = "Editing in a test."
    data.update(changes)
    return client.post(admin_url(article, "change"), data)


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
# Substantive updates and copy edits


def changes(client, article: Article, decision: str = "publish", **fields):
    """Press "Publish changes" (or "Discard changes") in the panel."""
    url = reverse("admin:newsroom_article_changes", args=[article.pk])
    return client.post(url, {"decision": decision, **fields}, follow=True)


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


def test_an_approved_or_scheduled_article_cannot_be_rewritten_after_approval(editor_client, editor):
    for status in (S.APPROVED, S.SCHEDULED):
        article = reach(ArticleFactory(body="Approved text."), status, editor)
        assert save_article(editor_client, article, body="Rewritten.").status_code == 302
        article.refresh_from_db()
        assert article.body == "Approved text." and article.status == status
        with pytest.raises(WorkflowError):  # the shell cannot either
            article.body = "Rewritten in the shell."
            article.save()


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


# ---------------------------------------------------------------------------------------------
# Slug changes keep old addresses


def test_changing_a_live_articles_slug_keeps_the_old_address(editor_client, editor, client):
    article = reach(ArticleFactory(slug="old-slug"), S.PUBLISHED, editor)
    old_url = article.get_absolute_url()
    response = save_article(editor_client, article, slug="new-slug")
    assert response.status_code == 302, form_errors(response)
    assert set(ArticleURL.objects.values_list("slug", flat=True)) == {"old-slug"}
    changes(editor_client, article)
    article.refresh_from_db()
    assert set(ArticleURL.objects.values_list("slug", flat=True)) == {"old-slug", "new-slug"}
    editor_client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_a_drafts_slug_change_records_no_address(editor_client):
    article = ArticleFactory(slug="draft-slug")
    save_article(editor_client, article, slug="other-slug")
    assert not ArticleURL.objects.exists()


# ---------------------------------------------------------------------------------------------
# Share links


def test_share_links_are_made_listed_and_revoked_from_the_article_page(editor_client, editor):
    article = ArticleFactory(headline="Draft for legal")
    share = reverse("admin:newsroom_article_share", args=[article.pk])
    before = timezone.now()
    response = editor_client.post(share, {"lifetime": "86400", "note": "legal"})
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert link.note == "legal" and link.created_by == editor
    assert before + dt.timedelta(days=1) <= link.expires_at <= timezone.now() + dt.timedelta(1)
    assert link.version == Version.objects.get_for_object(article).first()
    token = actions.share_link_token(link)
    full_url = f"http://testserver/preview/{token}/"
    assert any(full_url in text for text in message_texts(response))

    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert full_url in html and "legal" in html and ">Active<" in html

    revoke = reverse("admin:newsroom_article_revoke_share", args=[article.pk, link.pk])
    assert editor_client.get(revoke).status_code == 403
    editor_client.post(revoke)
    link.refresh_from_db()
    assert link.revoked_at is not None
    html = editor_client.get(admin_url(article, "change")).content.decode()
    assert ">Revoked<" in html

    expired = actions.create_share_link(article=article, actor=editor)
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    assert ">Expired<" in editor_client.get(admin_url(article, "change")).content.decode()


def test_a_share_link_lifetime_must_be_one_of_the_choices(editor_client):
    article = ArticleFactory()
    share = reverse("admin:newsroom_article_share", args=[article.pk])
    response = editor_client.post(share, {"lifetime": "99999999"})
    assert not ShareLink.objects.exists()
    assert any("Valid for" in text for text in message_texts(response))


def test_a_link_of_another_article_cannot_be_revoked_through_this_one(editor_client, editor):
    link = actions.create_share_link(article=ArticleFactory(), actor=editor)
    other = ArticleFactory()
    revoke = reverse("admin:newsroom_article_revoke_share", args=[other.pk, link.pk])
    assert editor_client.post(revoke).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


# ---------------------------------------------------------------------------------------------
# Corrections


def test_a_correction_added_on_the_article_page_goes_through_the_workflow(editor_client, editor):
    article = reach(ArticleFactory(), S.PUBLISHED, editor)
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["change_reason"] = "Adds a correction."
    data["corrections-TOTAL_FORMS"] = "1"
    data.update({"corrections-0-kind": "correction", "corrections-0-text": "  It was Sunday. "})
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 302, form_errors(response)
    correction = Correction.objects.get()
    assert (correction.text, correction.created_by) == ("It was Sunday.", editor)
    versions = Version.objects.get_for_object(correction)
    assert versions.count() == 1 and versions.get().revision.user == editor


def test_a_published_correction_cannot_be_edited_by_a_crafted_post(editor_client, editor):
    article = reach(ArticleFactory(), S.PUBLISHED, editor)
    correction = actions.add_correction(
        article=article, actor=editor, kind="correction", text="It was Sunday."
    )
    created_at = correction.created_at
    # Through the article page: the saved correction's fields are disabled.
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["change_reason"] = "Trying to rewrite history."
    data.update(
        {
            "corrections-0-kind": "update",
            "corrections-0-text": "Nothing was wrong.",
            "corrections-0-created_at_0": "2020-01-01",
            "corrections-0-DELETE": "on",
        }
    )
    assert editor_client.post(admin_url(article, "change"), data).status_code == 302
    # Through its own admin: no change, no delete.
    own = admin_url(correction, "change")
    assert (
        editor_client.post(own, {"article": article.pk, "kind": "update", "text": "x"}).status_code
        == 403
    )
    assert (
        editor_client.post(
            admin_url(correction, "delete", correction.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    correction.refresh_from_db()
    assert (correction.kind, correction.text, correction.created_at) == (
        "correction",
        "It was Sunday.",
        created_at,
    )


def test_a_writer_cannot_add_a_correction_by_a_crafted_post(client, editor, writer):
    article = ArticleFactory(created_by=writer)
    client.force_login(writer)
    data = admin_form_data(client.get(admin_url(article, "change")))
    data["change_reason"] = "Writer edit."
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "0",
            "corrections-0-kind": "correction",
            "corrections-0-text": "Sneaked in.",
        }
    )
    client.post(admin_url(article, "change"), data)
    assert not Correction.objects.exists()


# ---------------------------------------------------------------------------------------------
# Images


def image_add(client, data: bytes, name: str, **fields):
    form = admin_form_data(client.get(admin_url(Image, "add")))
    form.update({"alt_text": "The meeting room", **fields})
    form["file"] = SimpleUploadedFile(name, data)
    return client.post(admin_url(Image, "add"), form)


def test_an_upload_is_stored_without_exif_with_renditions_made_once(editor_client):
    response = image_add(editor_client, jpeg_with_gps_and_rotation(), "room.jpg")
    assert response.status_code == 302, form_errors(response)
    image = Image.objects.get()
    assert (image.width, image.height) == (800, 1200)  # upright
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif() and "exif" not in stored.info
    renditions = list(image.renditions.all())
    assert sorted({(r.width, r.format) for r in renditions}) == [
        (320, "jpeg"),
        (320, "webp"),
        (640, "jpeg"),
        (640, "webp"),
        (800, "jpeg"),
        (800, "webp"),
    ]
    for rendition in renditions:
        with PILImage.open(rendition.file.path) as made:
            assert not made.getexif() and "exif" not in made.info

    # Saving again without a new file makes no new renditions.
    before = sorted(Rendition.objects.values_list("pk", "file"))
    data = admin_form_data(editor_client.get(admin_url(image, "change")))
    data["caption"] = "Where they met."
    data["change_reason"] = "Caption."
    response = editor_client.post(admin_url(image, "change"), data)
    assert response.status_code == 302, form_errors(response)
    assert sorted(Rendition.objects.values_list("pk", "file")) == before


def test_a_new_file_replaces_the_renditions(editor_client):
    image_add(editor_client, encoded("PNG", (700, 350)), "wide.png")
    image = Image.objects.get()
    old = set(Rendition.objects.values_list("pk", flat=True))
    data = admin_form_data(editor_client.get(admin_url(image, "change")))
    data["change_reason"] = "New file."
    data["file"] = SimpleUploadedFile("small.png", encoded("PNG", (200, 100)))
    response = editor_client.post(admin_url(image, "change"), data)
    assert response.status_code == 302, form_errors(response)
    image.refresh_from_db()
    assert image.width == 200
    assert not old & set(Rendition.objects.values_list("pk", flat=True))
    assert sorted(image.renditions.values_list("width", "format")) == [
        (200, "jpeg"),
        (200, "webp"),
    ]


@pytest.mark.parametrize(
    ("case", "name", "message"),
    [
        ("renamed", "photo.jpg", "not an image we can read"),
        ("truncated", "cut.jpg", "damaged or incomplete"),
        ("bomb", "bomb.png", "too many pixels to be processed safely"),
        ("over_limit", "big.png", "the limit is"),
        ("svg", "logo.svg", "SVG is not accepted"),
        ("bmp", "old.bmp", "BMP images are not accepted"),
    ],
)
def test_bad_uploads_are_form_errors_on_the_file_field(
    editor_client, monkeypatch, case, name, message
):
    data = {
        "renamed": b"%PDF-1.4 not a picture at all",
        "truncated": encoded("JPEG", (400, 300))[:-400],
        "bomb": encoded("PNG", (100, 100)),
        "over_limit": encoded("PNG", (100, 100)),
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "bmp": encoded("BMP"),
    }[case]
    if case == "bomb":
        monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 2000)
    if case == "over_limit":
        monkeypatch.setattr(imaging, "MAX_PIXELS", 1000)
    response = image_add(editor_client, data, name)
    assert response.status_code == 200
    errors = form_errors(response)
    assert list(errors) == ["file"]
    assert message in " ".join(errors["file"])
    assert not Image.objects.exists() and not Rendition.objects.exists()


def test_deleting_a_lead_image_is_blocked_with_a_clear_list(editor_client, editor):
    image_add(editor_client, encoded("PNG", (100, 50)), "lead.png")
    image = Image.objects.get()
    article = ArticleFactory(headline="Leaders meet", lead_image=image)
    response = editor_client.get(admin_url(image, "delete", image.pk))
    html = response.content.decode()
    assert "This image is in use and cannot be deleted" in html
    assert "Lead image of the article (draft)" in html and "Leaders meet" in html
    assert admin_url(article, "change") in html
    assert 'name="post"' not in html  # no confirm button
    editor_client.post(admin_url(image, "delete", image.pk), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_a_portrait_warns_on_the_confirmation_page(editor_client):
    person = PersonFactory(full_name="Cai Qi")
    image_add(editor_client, encoded("PNG", (100, 50)), "cai.png", portrait_of=str(person.pk))
    image = Image.objects.get()
    assert image.portrait_of == person
    html = editor_client.get(admin_url(image, "delete", image.pk)).content.decode()
    assert "This image is in use" in html
    assert "Portrait on the profile of" in html and "Cai Qi" in html
    assert "their profile will show no portrait" in html
    assert 'name="post"' in html
    response = editor_client.post(admin_url(image, "delete", image.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()


def test_an_unused_image_deletes_without_a_warning(editor_client):
    image_add(editor_client, encoded("PNG", (100, 50)), "unused.png")
    image = Image.objects.get()
    html = editor_client.get(admin_url(image, "delete", image.pk)).content.decode()
    assert "in use" not in html and 'name="post"' in html

"""Recent changes in the admin: every revision across the site, newest first, filtered by
user, model and date, paged by revision id at a fixed cost, for staff only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision, Version

from newsroom.models import Claim
from profiles.models import Person
from tests.support.admin import admin_url
from tests.support.factories import ArticleFactory, ClaimFactory, MembershipFactory, PersonFactory
from tests.support.revisions import save_revision
from tests.support.users import make_user

pytestmark = pytest.mark.django_db


RECENT = "/admin/recent-changes/"


@pytest.fixture
def site_history(editor, writer):
    """Revisions by two users across three models, the oldest ten days ago."""
    person = PersonFactory(full_name="Cai Qi")
    MembershipFactory(person=person)
    claim = ClaimFactory(statement="Cai Qi met the Prime Minister.")
    article = ArticleFactory(headline="Who is Cai Qi?")
    person_rev = save_revision(person, "Person edited.", editor)
    claim_rev = save_revision(claim, "Claim drafted.", writer)
    article_rev = save_revision(article, "Article drafted.", writer)
    old = timezone.now() - dt.timedelta(days=10)
    Revision.objects.filter(pk=person_rev.pk).update(date_created=old)
    return {"person": person, "claim": claim, "article": article} | {
        "person_rev": person_rev,
        "claim_rev": claim_rev,
        "article_rev": article_rev,
    }


def listed(response) -> list[Revision]:
    return [row["revision"] for row in response.context["rows"]]


def test_recent_changes_lists_every_revision_newest_first_with_links(editor_client, site_history):
    response = editor_client.get(RECENT)
    assert response.status_code == 200
    h = site_history
    assert listed(response) == [h["article_rev"], h["claim_rev"], h["person_rev"]]
    html = response.content.decode()
    for name in ("Person edited.", "Claim drafted.", "Article drafted.", "editor", "writer"):
        assert name in html
    # The person's row names the person, not each membership saved with it.
    person_row = response.context["rows"][2]
    assert [o["repr"] for o in person_row["objects"]] == ["Cai Qi"]
    assert person_row["related_rows"] == 1
    person = h["person"]
    assert admin_url(person, "change") in html
    version = Version.objects.get_for_object(person).get()
    compare = admin_url(person, "history_compare", person.pk) + f"?new={version.pk}"
    assert compare in html
    assert editor_client.get(compare).status_code == 200
    # Linked from the admin index.
    assert RECENT in editor_client.get(reverse("admin:index")).content.decode()


def test_recent_changes_filters_by_user_model_and_date(editor_client, editor, writer, site_history):
    h = site_history
    assert listed(editor_client.get(RECENT, {"user": writer.pk})) == [
        h["article_rev"],
        h["claim_rev"],
    ]
    claim_type = ContentType.objects.get_for_model(Claim)
    assert listed(editor_client.get(RECENT, {"model": claim_type.pk})) == [h["claim_rev"]]
    # A followed row's model finds the revisions that saved it.
    membership_type = ContentType.objects.get(model="membership")
    assert listed(editor_client.get(RECENT, {"model": membership_type.pk})) == [h["person_rev"]]
    today = timezone.localdate()
    assert listed(editor_client.get(RECENT, {"since": today.isoformat()})) == [
        h["article_rev"],
        h["claim_rev"],
    ]
    ten_days_ago = (today - dt.timedelta(days=10)).isoformat()
    assert listed(editor_client.get(RECENT, {"since": ten_days_ago, "until": ten_days_ago})) == [
        h["person_rev"]
    ]
    person_type = ContentType.objects.get_for_model(Person)
    assert listed(editor_client.get(RECENT, {"user": writer.pk, "model": person_type.pk})) == []


def test_recent_changes_pages_by_revision_id_without_counting(editor_client, editor, settings):
    person = PersonFactory()
    revisions = [save_revision(person, f"Edit {n}.", editor) for n in range(55)]
    with CaptureQueriesContext(connection) as queries:
        first = editor_client.get(RECENT)
    assert not any("COUNT(" in q["sql"].upper() for q in queries)
    assert listed(first) == revisions[::-1][:50]
    assert first.context["older_url"] == f"?before={revisions[5].pk}"
    assert first.context["newer_url"] == ""

    second = editor_client.get(RECENT + first.context["older_url"])
    assert listed(second) == revisions[4::-1]
    assert second.context["older_url"] == ""
    back = editor_client.get(RECENT + second.context["newer_url"])
    assert listed(back) == revisions[::-1][:50]
    # The filters are kept across pages.
    filtered = editor_client.get(RECENT, {"user": editor.pk})
    assert f"user={editor.pk}" in filtered.context["older_url"]


def test_recent_changes_runs_the_same_queries_for_a_long_page(editor_client, editor):
    people = [PersonFactory() for _ in range(3)]
    for person in people:
        save_revision(person, "x", editor)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(RECENT)
    for n in range(30):
        save_revision(people[n % 3], "y", make_user(f"u{n}") if n % 10 == 0 else editor)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(RECENT)
    assert len(few) == len(many)


def test_recent_changes_is_for_staff_only(client, site_history):
    response = client.get(RECENT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

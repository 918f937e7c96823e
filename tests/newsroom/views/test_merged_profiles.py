"""After a merge, readers reach the survivor: the duplicate's address is a 301, and no public
page names the duplicate any more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from newsroom.actions import merges
from tests.support.content import make_public_claim, make_published_article
from tests.support.factories import (
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_address_redirects_to_the_survivor(client, editor):
    survivor = PersonFactory(slug="cai-qi")
    duplicate = PersonFactory(slug="cai-qi-2")
    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    response = client.get("/people/cai-qi-2/?as_of=2024-01-01")
    assert response.status_code == 301
    assert response["Location"] == "/people/cai-qi/?as_of=2024-01-01"
    assert client.get("/people/cai-qi-2/").status_code == 301
    assert client.get("/people/nobody-here/").status_code == 404


def test_redirect_follows_a_later_merge_and_never_to_a_hidden_page(client, editor):
    first, second, third = (PersonFactory(slug=f"p-{n}") for n in range(3))
    merges.merge_profiles(duplicate=first, survivor=second, actor=editor)
    merges.merge_profiles(duplicate=second, survivor=third, actor=editor)
    assert client.get("/people/p-0/")["Location"] == "/people/p-2/"
    third.is_published = False
    third.save()
    assert client.get("/people/p-0/").status_code == 404


def test_organization_address_redirects(client, editor):
    survivor = OrganizationFactory(slug="mea")
    duplicate = OrganizationFactory(slug="mea-india")
    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    response = client.get("/organizations/mea-india/")
    assert response.status_code == 301 and response["Location"] == "/organizations/mea/"


def test_no_public_page_names_the_duplicate_slug_except_its_redirect(client, editor):
    survivor = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    duplicate = PersonFactory(full_name="Cai Qi", slug="zzdup-cai")
    office = OrganizationFactory(slug="general-office")
    MembershipFactory(person=duplicate, organization=office, role="Director")
    event = EventFactory(slug="tianjin-meeting", is_published=True)
    ParticipationFactory(event=event, person=duplicate)
    claim = make_public_claim(
        editor, statement="Cai spoke.", claimant_person=duplicate, about_people=[duplicate]
    )
    article = make_published_article(
        editor, body=f"[[person:zzdup-cai]] said it: [[claim:{claim.slug}]]."
    )
    source = claim.citations.get().source
    urls = [
        "/",
        "/people/",
        "/people/cai-qi/",
        "/organizations/",
        "/organizations/general-office/",
        "/events/tianjin-meeting/",
        "/claims/",
        f"/claims/{claim.slug}/",
        f"/sources/{source.pk}/",
        "/articles/",
        article.get_absolute_url(),
        "/sitemap.xml",
        "/feeds/rss/",
        "/feeds/atom/",
        "/api/people/",
        "/api/articles/",
        f"/api/claims/{claim.slug}/",
        "/search/?q=Cai",
    ]
    before = {url: client.get(url).content.decode() for url in urls}
    assert any("zzdup-cai" in page for page in before.values())  # the test can fail

    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "zzdup-cai" not in response.content.decode(), url
    response = client.get(reverse("profiles:person_detail", kwargs={"slug": "zzdup-cai"}))
    assert response.status_code == 301 and response["Location"] == "/people/cai-qi/"

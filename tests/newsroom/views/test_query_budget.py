"""Every public page runs at most ten SQL queries, however much it shows.

One newsroom with many related rows of every kind (an article citing 30 claims with 3
citations each, a person with 30 positions, claims about and by them, an event with 30
participants…), then every public page type, fetched as an anonymous reader. The per-page
tests pin each page's exact figure as it grows; this one holds the whole site to the budget.
"""

from __future__ import annotations

import pytest

from newsroom import actions
from tests.support.content import count_queries, make_public_claim, publish
from tests.support.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SectionFactory,
    TagFactory,
)

BUDGET = 10
MANY = 30

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded(editor):
    """A newsroom where every page has many rows to show; returns the article and its link."""
    cai = PersonFactory(slug="cai-qi", full_name="Cai Qi")
    summit = EventFactory(slug="summit", title="The summit")
    body_org = OrganizationFactory(slug="pbsc", name="Standing Committee")
    references = ["[[person:cai-qi]] [[event:summit]] [[org:pbsc]]"]
    for i in range(MANY):
        org = OrganizationFactory(slug=f"org-{i}", parent=body_org if i % 2 else None)
        MembershipFactory(person=cai, organization=org, role=f"Member {i}", rank=i + 1)
        MembershipFactory(person=PersonFactory(slug=f"member-{i}"), organization=body_org)
        ParticipationFactory(event=summit, organization=org)
        EventFactory(slug=f"side-{i}", parent=summit)
        make_public_claim(
            editor,
            slug=f"claim-{i}",
            statement=f"Cai said thing {i}.",
            citations=3,
            claimant_person=cai,
            said_at_event=summit,
            about_people=[cai],
        )
        references.append(f"[[claim:claim-{i}]]")
        if i < 10:
            PersonFactory(slug=f"named-{i}")
            references.append(f"[[person:named-{i}]] [[org:org-{i}]] [[event:side-{i}]]")
    article = ArticleFactory(
        slug="crowded",
        headline="Cai at the summit",
        body=" ".join(references),
        section=SectionFactory(slug="world"),
    )
    article.tags.add(*[TagFactory(slug=f"tag-{i}") for i in range(MANY)])
    article.bylines.add(*[AuthorFactory(slug=f"author-{i}") for i in range(5)])
    article = publish(article, editor)
    for i in range(MANY):
        CorrectionFactory(article=article, text=f"Correction {i}.")
        publish(ArticleFactory(body="[[person:cai-qi]] [[event:summit]]"), editor)
    link = actions.create_share_link(article=article, actor=editor)
    return article, link


def test_every_public_page_stays_within_the_budget(client, crowded):
    article, link = crowded
    claim = article.claims.first()
    source = claim.citations.first().source
    url = article.get_absolute_url()
    pages = [
        "/",
        "/articles/",
        url,  # the request that renders and stores its body
        url,  # and the ones served from it
        f"{url}changes/",
        "/sections/world/",
        "/tags/tag-0/",
        "/authors/author-0/",
        "/claims/",
        claim.get_absolute_url(),
        source.get_absolute_url(),
        "/people/",
        "/people/cai-qi/",
        "/people/cai-qi/?as_of=2024-01-01",
        "/organizations/",
        "/organizations/pbsc/",
        "/events/",
        "/events/summit/",
        "/search/?q=Cai",
        "/search/?q=Cai+Ki",  # a typed name: its candidates are one more query
        "/search/?q=Cai&type=people&page=2",
        "/search/?q=%E8%94%A1",  # 蔡
        "/corrections/",
        "/methodology/",
        "/about/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/corrections/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/api/",
        "/api/articles/",
        "/api/articles/crowded/",
        "/api/claims/",
        f"/api/claims/{claim.slug}/",
        "/api/people/",
        "/api/people/cai-qi/",
        "/api/organizations/pbsc/",
        "/api/events/",
        "/api/events/summit/",
        f"/preview/{actions.share_link_token(link)}/",
    ]
    over = {}
    for page in pages:
        count, _ = count_queries(client, page)
        if count > BUDGET:
            over[page] = count
    assert not over, f"over {BUDGET} queries: {over}"

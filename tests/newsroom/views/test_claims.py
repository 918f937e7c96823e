"""Fact-check pages: a claim with its verdict, the claims list, a source, at fixed query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from newsroom.actions import verify_citation
from newsroom.models import Citation
from tests.support.content import (
    assert_shows,
    count_queries,
    json_ld,
    make_public_claim,
    make_published_article,
    rate,
    rerate,
)
from tests.support.factories import (
    CitationFactory,
    ClaimFactory,
    EventFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# Each page's fixed query count, however many related rows it shows (asserted below and quoted
# in the closing note).
QUERIES = {"claim_list": 2, "claim_detail": 8, "source_detail": 4}


def test_claim_page_shows_verdict_citations_history_and_claim_review(client, editor):
    speaker = PersonFactory(full_name="Wang Yi", slug="wang-yi")
    event = EventFactory(title="The meeting", slug="the-meeting")
    claim = make_public_claim(
        editor,
        slug="said-it",
        statement="The talks were useful.",
        kind="quote",
        claimant_person=speaker,
        said_on=dt.date(2025, 8, 31),
        said_at_event=event,
    )
    CitationFactory(claim=claim, stance="contradicts", excerpt="the talks failed")
    transcript = SourceFactory(
        title="Transcript", url="https://example.org/transcript", published_on=dt.date(2025, 8, 31)
    )
    CitationFactory(claim=claim, source=transcript, role="appearance", excerpt="the talks were")
    claim.about_people.add(speaker)
    claim.refresh_from_db()
    assert claim.status == "reopened"  # new evidence reopened it, by whatever path it came
    from newsroom.actions import rate_claim

    rate_claim(claim=claim, actor=editor, verdict="misleading", rationale="The transcript differs.")
    article = make_published_article(editor, body="[[claim:said-it]]", headline="Cites it")

    response = client.get("/claims/said-it/")
    html = response.content.decode()
    assert "“The talks were useful.”" in html
    assert "Misleading" in html and "The transcript differs." in html
    assert "Sources disagree" in html and "the talks failed" in html and "Contradicts" in html
    assert 'href="/people/wang-yi/"' in html and 'href="/events/the-meeting/"' in html
    assert "31 August 2025" in html
    assert "rated <strong>accurate</strong>" in html and "rated <strong>misleading</strong>" in html
    assert "Changed after its verdict: a citation of" in html
    assert article.get_absolute_url() in html
    (data,) = json_ld(response.content)
    assert data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "The talks were useful."
    assert data["reviewRating"]["ratingValue"] == 2
    assert data["reviewRating"]["alternateName"] == "Misleading"
    assert data["itemReviewed"]["@type"] == "Claim"
    assert data["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Wang Yi",
        "url": "http://testserver/people/wang-yi/",
    }
    # Only the transcript is where it was said; the other two are evidence for and against.
    appearance = {
        "@type": "CreativeWork",
        "headline": "Transcript",
        "url": "https://example.org/transcript",
        "datePublished": "2025-08-31",
        "publisher": {"@type": "Organization", "name": transcript.publisher.name},
    }
    assert data["itemReviewed"]["appearance"] == [appearance]
    assert data["itemReviewed"]["firstAppearance"] == appearance
    assert data["itemReviewed"]["datePublished"] == "2025-08-31"


@pytest.mark.parametrize("steps", [0, 1, 2])
def test_unreviewed_claims_are_404_and_absent(client, editor, steps):
    from newsroom.actions import assign_claim, submit_claim

    claim = ClaimFactory(statement="Not yet checked.", slug="unchecked")
    CitationFactory(claim=claim)
    if steps >= 1:
        submit_claim(claim=claim, actor=editor)
    if steps >= 2:
        assign_claim(claim=claim, actor=editor)
    assert client.get("/claims/unchecked/").status_code == 404
    source = Citation.objects.get(claim=claim).source
    for url in ("/claims/", "/", source.get_absolute_url(), "/sitemap-claims.xml"):
        assert b"Not yet checked." not in client.get(url).content
        assert b"/claims/unchecked/" not in client.get(url).content


def test_claim_list_filters_by_verdict(client, editor):
    make_public_claim(editor, statement="Is true.")
    make_public_claim(editor, statement="Is false.", verdict="false")
    html = client.get("/claims/?verdict=false").content.decode()
    assert "Is false." in html and "Is true." not in html
    assert client.get("/claims/?verdict=bogus").status_code == 200


def test_claim_list_and_detail_query_counts_are_fixed(client, editor):
    claim = make_public_claim(editor, slug="grown")
    listed, detailed = [claim], [citation.source for citation in claim.citations.all()]

    def grow(n):
        for _ in range(n):
            speaker = PersonFactory()
            listed.extend([make_public_claim(editor, claimant_person=speaker), speaker])
            excerpt = f"excerpt {claim.citations.count()}"
            detailed.extend([CitationFactory(claim=claim, excerpt=excerpt).source, f"“{excerpt}”"])
            detailed.extend([PersonFactory(), OrganizationFactory(), EventFactory()])
            claim.about_people.add(detailed[-3])
            claim.about_organizations.add(detailed[-2])
            claim.about_events.add(detailed[-1])
            rerate(claim, editor)
            detailed.append(make_published_article(editor, body="[[claim:grown]]"))

    grow(1)
    list_few, content = count_queries(client, "/claims/")
    assert_shows(content, listed)
    detail_few, content = count_queries(client, "/claims/grown/")
    assert content.count(b'class="citation ') == 2
    assert_shows(content, detailed)
    rated_few = content.count(b"rated <strong>accurate</strong>")
    grow(4)
    list_many, content = count_queries(client, "/claims/")
    assert_shows(content, listed)
    detail_many, content = count_queries(client, "/claims/grown/")
    assert content.count(b'class="citation ') == 6
    assert_shows(content, detailed)
    assert content.count(b"rated <strong>accurate</strong>") == rated_few + 4  # each re-rating
    assert list_few == list_many == QUERIES["claim_list"]
    assert detail_few == detail_many == QUERIES["claim_detail"]


def test_source_page_lists_only_public_claims(client, editor):
    source = SourceFactory(
        title="Readout of the meeting", publisher=OrganizationFactory(name="MEA")
    )
    public = ClaimFactory(statement="Public claim.")
    verify_citation(citation=CitationFactory(claim=public, source=source))
    rate(public, editor)
    draft = ClaimFactory(statement="Draft claim.")
    CitationFactory(claim=draft, source=source)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "Readout of the meeting" in html and "MEA" in html
    assert "Public claim." in html and "Draft claim." not in html


def test_a_source_only_drafts_cite_has_no_page(client, editor):
    source = SourceFactory(title="Leaked memo only a draft cites", url="https://example.org/m")
    draft = ClaimFactory(statement="Draft claim.")
    CitationFactory(claim=draft, source=source)
    response = client.get(source.get_absolute_url())
    assert response.status_code == 404
    assert b"Leaked memo" not in response.content
    # Once a public claim cites it, readers can follow the citation to it.
    public = ClaimFactory(statement="Public claim.")
    verify_citation(citation=CitationFactory(claim=public, source=source))
    rate(public, editor)
    assert client.get(source.get_absolute_url()).status_code == 200


def test_source_detail_query_count_is_fixed(client, editor):
    source = SourceFactory()
    shown = []

    def grow(n):
        for _ in range(n):
            claim = ClaimFactory(claimant_organization=OrganizationFactory())
            verify_citation(citation=CitationFactory(claim=claim, source=source))
            shown.append(rate(claim, editor))

    grow(1)
    few, content = count_queries(client, source.get_absolute_url())
    assert content.count(b'class="claim-card"') == 1
    assert_shows(content, shown)
    grow(4)
    many, content = count_queries(client, source.get_absolute_url())
    assert content.count(b'class="claim-card"') == 5
    assert_shows(content, shown)
    assert few == many == QUERIES["source_detail"]


def test_a_public_claim_never_names_an_unpublished_claimant_or_publisher(client, editor):
    hidden = PersonFactory(full_name="Hidden Speaker", slug="hidden-speaker", is_published=False)
    bureau = OrganizationFactory(name="Hidden Wire", slug="hidden-wire", is_published=False)
    source = SourceFactory(publisher=bureau)
    claim = make_public_claim(
        editor, slug="said", claimant_person=hidden, extra_citations=[{"source": source}]
    )
    claim = rerate(claim, editor)
    for url in (
        claim.get_absolute_url(),
        "/claims/",
        source.get_absolute_url(),
        "/api/claims/said/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "Hidden" not in content and "hidden-" not in content, url
    assert "said by" not in client.get("/claims/").content.decode()


def test_source_page_shows_the_archived_text_folded_with_its_hash_and_the_quoted_excerpt(
    client, editor
):
    source = SourceFactory(
        title="Readout",
        archived_text="Opening line.\n\nThe minister said the talks were useful and constructive."
        " <b>Not markup</b> & more.",
    )
    source.clean()  # as the admin does: the hash and capture time follow the text
    source.save()
    quoted = ClaimFactory(statement="The talks were useful.", said_on=dt.date(2025, 8, 31))
    citation = CitationFactory(claim=quoted, source=source, excerpt="the talks were useful")
    verify_citation(citation=citation)
    rate(quoted, editor)
    source.refresh_from_db()
    html = client.get(source.get_absolute_url()).content.decode()
    archive = html.split('id="archive-heading"')[1].split('id="claims-heading"')[0]
    assert source.archived_sha256 in archive and len(source.archived_sha256) == 64
    captured = timezone.localtime(source.archived_at).isoformat(timespec="seconds")
    assert f'<time datetime="{captured}"' in archive
    # Folded by default, and the quoted words marked where they stand in the text.
    assert '<details id="archived-text" class="archive__text">' in archive
    assert "Opening line." in archive
    mark = f'<mark id="excerpt-{citation.pk}-'
    assert mark in archive and ">the talks were useful</mark> and constructive." in archive
    # The archived text is text: never markup.
    assert "&lt;b&gt;Not markup&lt;/b&gt; &amp; more." in archive and "<b>Not" not in html
    # The claim card links to its excerpt in the text (opening the folded text), and says
    # when the claim was made.
    claims = html.split('id="claims-heading"')[1]
    anchor = archive.split(mark, 1)[1].split('"', 1)[0]
    assert f'href="#excerpt-{citation.pk}-{anchor}">See it in the archived text</a>' in claims
    assert '<time datetime="2025-08-31">31 Aug 2025</time>' in claims


def test_source_page_marks_only_verified_excerpts_and_says_when_there_is_no_copy(client, editor):
    source = SourceFactory(archived_text="The talks were useful, the minister said.")
    claim = ClaimFactory(statement="Useful talks.")
    verify_citation(citation=CitationFactory(claim=claim, source=source, excerpt="talks failed"))
    rate(claim, editor, verdict="unverifiable")
    html = client.get(source.get_absolute_url()).content.decode()
    assert "<mark" not in html and "See it in the archived text" not in html
    assert "Not found in our archived copy." in html

    bare = SourceFactory(archived_text="")
    other = ClaimFactory(statement="Another claim.")
    CitationFactory(claim=other, source=bare, excerpt="anything at all")
    rate(other, editor, verdict="unverifiable")
    html = client.get(bare.get_absolute_url()).content.decode()
    assert "We have no archived copy of this source." in html
    assert "archived-text" not in html


def test_claim_page_folds_citations_open_and_says_the_check_mark_once(client, editor):
    claim = make_public_claim(editor, slug="checked", citations=3)
    html = client.get("/claims/checked/").content.decode()
    evidence = html.split('id="evidence-heading"')[1].split("</section>")[0]
    assert '<details class="evidence" open>' in evidence and "3 sources" in evidence
    assert evidence.count("Excerpt checked against our archived copy.") == 1
    assert evidence.count('class="check" title="Excerpt checked') == 3
    assert claim.citations.count() == 3


def test_claim_cards_say_who_said_it_and_when(client, editor):
    speaker = PersonFactory(full_name="Vikram Misri", slug="vikram-misri")
    make_public_claim(
        editor, statement="A banquet was proposed.", claimant_person=speaker,
        said_on=dt.date(2025, 8, 31),
    )  # fmt: skip
    make_public_claim(editor, statement="Nobody said this.", said_on=dt.date(2025, 9, 1))
    html = client.get("/claims/").content.decode()
    assert (
        'said by <a href="/people/vikram-misri/">Vikram Misri</a> on '
        '<time datetime="2025-08-31">31 Aug 2025</time>' in html
    )
    assert 'said on <time datetime="2025-09-01">1 Sep 2025</time>' in html


def test_where_a_claim_was_made_is_labelled_as_such_not_as_support(client, editor):
    """A reader sees which source is where the claim was said and which sources are evidence
    for or against it, on the claim page and in an article's footnote."""
    claim = make_public_claim(
        editor,
        slug="said-there",
        kind="quote",
        extra_citations=[
            {
                "source": SourceFactory(title="The speech"),
                "role": "appearance",
                "excerpt": "the talks were",
            }
        ],
    )
    Citation.objects.filter(claim=claim, role="evidence").update(stance="contradicts")
    article = make_published_article(editor, body="[[claim:said-there]]", headline="Cites it")

    for page in (f"/claims/{claim.slug}/", article.get_absolute_url()):
        html = client.get(page).content.decode()
        (speech,) = [c for c in html.split('<li class="citation')[1:] if "The speech" in c]
        assert "Where it was said" in speech and "Supports" not in speech
        assert html.count("Where it was said") == 1 and "Contradicts" in html

"""``manage.py load_demo`` (``newsroom.demo.loader``): it loads, it is idempotent, it holds what
the seed reports tell, and its history carries the dates it would have had."""

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest
from django.urls import reverse
from reversion.models import Revision, Version

from events.models import Event, Participation, Place
from newsroom.demo.sources import SOURCES
from newsroom.demo.users import USERS
from newsroom.models import (
    Article,
    ArticleStatus,
    Author,
    Citation,
    Claim,
    ClaimStatus,
    Correction,
    ReviewEvent,
    Section,
    Source,
    Stance,
    Tag,
    Verdict,
)
from newsroom.references import slugs_by_kind
from profiles.models import Membership, Organization, Person

pytestmark = pytest.mark.django_db

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def demo_output(demo):
    return demo


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def normalise(text: str) -> str:
    return " ".join(text.split())


def test_it_runs_and_prints_the_summary_and_logins(demo_output):
    assert "Demo newsroom loaded." in demo_output
    for label in (
        "people",
        "organizations",
        "memberships",
        "events",
        "sources",
        "claims",
        "citations",
        "articles",
        "revisions",
    ):
        assert label in demo_output
    assert "http://127.0.0.1:8000/admin/" in demo_output
    for spec in USERS:
        assert spec["username"] in demo_output and spec["password"] in demo_output
    # Each login is a person, named as the admin names them.
    assert "(editor: Ines Albrecht)" in demo_output
    assert "(writer: Tom Okafor)" in demo_output
    assert "(fact-checker: Priya Raman)" in demo_output


def test_a_second_run_changes_nothing(demo_output, settings):
    settings.DEBUG = True
    before = row_counts()
    revisions, versions = Revision.objects.count(), Version.objects.count()
    cai_qi = Person.objects.get(slug="cai-qi")
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert row_counts() == before
    assert (Revision.objects.count(), Version.objects.count()) == (revisions, versions)
    assert Person.objects.get(slug="cai-qi").updated_at == cai_qi.updated_at
    assert "nothing changed" in out.getvalue()


def test_cai_qi_is_fifth_of_seven_on_the_standing_committee(demo_output):
    cai_qi = Person.objects.get(slug="cai-qi")
    assert (cai_qi.given_name, cai_qi.family_name, cai_qi.short_name) == ("Qi", "Cai", "Cai")
    assert cai_qi.name_order == "family_first" and cai_qi.native_name == "蔡奇"
    assert (cai_qi.birth_date, cai_qi.birth_date_precision) == (dt.date(1955, 12, 5), "day")

    pbsc = cai_qi.memberships.select_related("organization").get(
        organization__slug="ccp-politburo-standing-committee"
    )
    assert pbsc.rank == 5 and pbsc.organization.seats == 7
    assert (pbsc.start_date, pbsc.start_precision, pbsc.end_date) == (
        dt.date(2022, 10, 23),
        "day",
        None,
    )
    assert pbsc.rank_display == "5th of 7"
    assert pbsc.organization.parent.slug == "ccp-politburo"


def test_cai_qi_positions_keep_their_dates_and_precisions(demo_output):
    positions = {
        (m.organization.slug, m.role): m
        for m in Membership.objects.filter(person__slug="cai-qi").select_related("organization")
    }
    secretariat = positions["ccp-secretariat", "First-ranked secretary"]
    assert (secretariat.rank, secretariat.start_date) == (1, dt.date(2022, 10, 23))
    office = positions["ccp-general-office", "Director"]
    assert (office.start_date, office.start_precision) == (dt.date(2022, 10, 1), "month")
    assert "2023-03-20" in office.note
    acting = positions["beijing-municipal-government", "Acting Mayor"]
    assert (acting.start_date, acting.end_date) == (dt.date(2016, 10, 31), dt.date(2017, 1, 20))
    mayor = positions["beijing-municipal-government", "Mayor"]
    assert (mayor.start_date, mayor.end_date) == (dt.date(2017, 1, 20), dt.date(2017, 5, 27))
    secretary = positions["beijing-municipal-party-committee", "Party Secretary"]
    assert (secretary.start_date, secretary.end_date) == (
        dt.date(2017, 5, 27),
        dt.date(2022, 11, 13),
    )
    olympics = positions["beijing-2022-organizing-committee", "President"]
    assert (olympics.start_date, olympics.end_date) == (dt.date(2017, 6, 9), dt.date(2022, 3, 13))
    hangzhou = positions["hangzhou-municipal-government", "Mayor"]
    assert hangzhou.period_display == "2007 – 2010"


def test_the_other_people_hold_their_offices(demo_output):
    current = {
        (m.person.slug, m.organization.slug, m.role): m
        for m in Membership.objects.current().select_related("person", "organization")
    }
    assert current["narendra-modi", "government-of-india", "Prime Minister"].start_date == (
        dt.date(2014, 5, 26)
    )
    assert current["xi-jinping", "ccp", "General Secretary"].start_date == dt.date(2012, 11, 15)
    assert current["xi-jinping", "peoples-republic-of-china", "President"].start_date == (
        dt.date(2013, 3, 14)
    )
    standing = current["xi-jinping", "ccp-politburo-standing-committee", "Member"]
    assert standing.rank == 1
    # A member since October 2007 (month precision); 15 Nov 2012 is when he became General
    # Secretary, not when he joined.
    assert (standing.start_date, standing.start_precision) == (dt.date(2007, 10, 1), "month")
    assert standing.period_display == "since Oct 2007"
    assert current["vikram-misri", "mea", "Foreign Secretary"].start_date == dt.date(2024, 7, 15)


def test_the_banquet_was_cancelled_and_replaced_by_the_meeting(demo_output):
    banquet = Event.objects.select_related("place", "replaced_by__place", "parent").get(
        kind="banquet"
    )
    meeting = banquet.replaced_by
    assert banquet.status == "cancelled" and "scheduling conflict" in banquet.status_reason
    assert meeting.slug == "modi-cai-qi-meeting-tianjin-2025" and meeting.status == "held"
    assert banquet.place.time_zone == meeting.place.time_zone == "Asia/Shanghai"
    assert banquet.local_starts_at.date() == meeting.local_starts_at.date() == dt.date(2025, 8, 31)
    assert banquet.parent.slug == meeting.parent.slug == "sco-summit-tianjin-2025"
    roles = {(p.person.slug, p.role) for p in meeting.participations.select_related("person")}
    assert roles == {("cai-qi", "host"), ("narendra-modi", "guest")}
    host = banquet.participations.get(role="host")
    assert host.person.slug == "cai-qi" and "Xi" in host.note


def test_the_summit_and_the_other_events(demo_output):
    summit = Event.objects.get(slug="sco-summit-tianjin-2025")
    assert (summit.kind, summit.status, summit.organizer.slug) == ("summit", "held", "sco")
    assert summit.when_display == "31 Aug 2025 – 1 Sep 2025"
    children = set(summit.children.values_list("kind", flat=True))
    assert {"bilateral", "meeting", "banquet", "briefing"} <= children
    assert Event.objects.get(kind="briefing").participations.get(role="briefer").person.slug == (
        "vikram-misri"
    )
    assert not Event.objects.filter(is_published=False).exists()
    assert Place.objects.get(slug="tianjin").time_zone == "Asia/Shanghai"


def test_at_least_twenty_claims_each_cited_one_to_three_times(demo_output):
    claims = Claim.objects.all()
    assert claims.count() >= 20
    for claim in claims:
        assert 1 <= claim.citations.count() <= 3, claim.slug
        assert claim.created_by.username == "writer"
    kinds = set(claims.values_list("kind", flat=True))
    assert kinds == {"fact", "quote", "attribution", "assessment"}
    for claim in claims.filter(kind="quote"):
        assert claim.claimant_person_id or claim.claimant_organization_id


def test_every_excerpt_is_found_in_its_sources_archived_text(demo_output):
    citations = Citation.objects.select_related("source")
    assert citations.count() > 0
    for citation in citations:
        assert normalise(citation.excerpt) in normalise(citation.source.archived_text), citation.pk
        assert citation.excerpt_verified is True
        assert citation.locator


def test_sources_hash_their_archived_text(demo_output):
    for source in Source.objects.exclude(archived_text=""):
        assert len(source.archived_sha256) == 64 and source.archived_at is not None
    assert Source.objects.get(url="https://en.wikipedia.org/wiki/Cai_Qi").kind == "reference"


def test_the_review_workflow_was_followed(demo_output):
    statuses = list(Claim.objects.values_list("status", flat=True))
    for status in (ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, ClaimStatus.IN_REVIEW):
        assert statuses.count(status) == 1
    assert statuses.count(ClaimStatus.REVIEWED) >= 20
    for claim in Claim.objects.filter(status=ClaimStatus.REVIEWED):
        assert claim.reviewer.username == "factchecker" and claim.rationale
        moves = list(
            claim.review_events.order_by("created_at", "id").values_list("from_status", "to_status")
        )
        assert moves == [
            ("draft", "submitted"),
            ("submitted", "in_review"),
            ("in_review", "reviewed"),
        ]
        if claim.verdict in (Verdict.ACCURATE, Verdict.MOSTLY_ACCURATE):
            assert claim.citations.filter(stance=Stance.SUPPORTS).exists(), claim.slug
    assert set(Claim.objects.review_queue().values_list("status", flat=True)) == {
        ClaimStatus.SUBMITTED,
        ClaimStatus.IN_REVIEW,
    }


def test_report_b_version_of_the_pledge_is_rated_misleading(demo_output):
    claim = Claim.objects.get(slug="report-b-cai-promised-exchanges-with-xi")
    assert claim.verdict == Verdict.MISLEADING
    contradicting = claim.citations.filter(stance=Stance.CONTRADICTS).select_related("source")
    assert {c.source.title for c in contradicting} == {
        SOURCES["report-a"]["title"],
        SOURCES["misri-briefing"]["title"],
    }
    assert Claim.objects.get(slug="cai-pledged-expanded-bilateral-exchanges").verdict == (
        Verdict.ACCURATE
    )
    assert Claim.objects.get(slug="cai-ties-let-him-influence-india-policy").verdict == (
        Verdict.UNVERIFIABLE
    )


def test_the_complementary_rank_claims_are_both_supported(demo_output):
    one_of_seven = Claim.objects.get(slug="cai-qi-one-of-seven-pbsc-members")
    fifth = Claim.objects.get(slug="cai-qi-ranked-fifth-on-pbsc")
    assert one_of_seven.verdict == fifth.verdict == Verdict.ACCURATE
    membership = Membership.objects.get(
        person__slug="cai-qi", organization__slug="ccp-politburo-standing-committee"
    )
    assert membership in fifth.about_memberships.all()


def test_both_articles_are_published_and_cite_what_their_bodies_reference(demo_output):
    articles = Article.objects.published()
    assert set(articles.values_list("slug", flat=True)) == {
        "modi-meets-cai-qi-in-tianjin",
        "who-is-cai-qi",
    }
    for article in articles:
        wanted = slugs_by_kind(article.body)
        assert set(article.claims.values_list("slug", flat=True)) == set(wanted["claim"])
        assert set(article.related_people.values_list("slug", flat=True)) == set(wanted["person"])
        assert set(article.related_organizations.values_list("slug", flat=True)) == set(
            wanted["org"]
        )
        assert set(article.related_events.values_list("slug", flat=True)) == set(wanted["event"])
        assert not article.claims.filter(verdict="").exists()
        assert article.status == ArticleStatus.PUBLISHED and article.bylines.exists()
        moves = list(
            article.events.order_by("created_at", "id").values_list("to_status", flat=True)
        )
        # A story corrected after publication adds one "changes published" event per change.
        assert moves[:3] == ["in_review", "approved", "published"]
        assert set(moves[3:]) <= {"published"}
    news = articles.get(slug="modi-meets-cai-qi-in-tianjin")
    assert news.published_at == dt.datetime(2025, 8, 31, 20, 0, tzinfo=SHANGHAI)
    assert news.section.name == "World"
    explainer = articles.get(slug="who-is-cai-qi")
    assert explainer.published_at == dt.datetime(2025, 9, 1, 10, 0, tzinfo=SHANGHAI)
    assert explainer.kind == "explainer"


def test_the_news_story_carries_its_correction_and_its_history(demo_output):
    news = Article.objects.get(slug="modi-meets-cai-qi-in-tianjin")
    correction = news.corrections.get()
    assert correction.kind == "correction" and "with Xi Jinping" in correction.text
    assert correction.created_by.username == "editor"
    assert news.last_updated_at is not None
    assert "promised to increase exchanges with" not in news.body
    bodies = [v.field_dict["body"] for v in Version.objects.get_for_object(news)]
    assert any("promised to increase exchanges with" in body for body in bodies)


def test_every_demo_record_has_a_revision_with_a_user_and_comment(demo_output):
    for model in (
        Person,
        Organization,
        Membership,
        Place,
        Event,
        Participation,
        Source,
        Claim,
        Citation,
        Section,
        Tag,
        Author,
        Article,
        Correction,
    ):
        objects = list(model.objects.all())
        assert objects, model
        for obj in objects:
            assert Version.objects.get_for_object(obj).exists(), f"{model.__name__} {obj.pk}"
    demo_users = {spec["username"] for spec in USERS}
    for revision in Revision.objects.select_related("user"):
        assert revision.user.username in demo_users and revision.comment
    assert Revision.objects.filter(comment__startswith="Demo newsroom: ").exists()
    assert not ReviewEvent.objects.exclude(actor__username__in=demo_users).exists()


def test_the_demo_logins_exist_in_their_groups_and_can_log_in(demo_output, client):
    for spec in USERS:
        user = get_user_model().objects.get(username=spec["username"])
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [spec["group"]]
        # django-axes checks every authenticate() against its lockouts, so it needs a request.
        assert client.login(
            request=HttpRequest(), username=spec["username"], password=spec["password"]
        )
        client.logout()


def test_it_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    people = Person.objects.count()
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())
    assert Person.objects.count() == people


def test_force_runs_it_with_debug_off(demo_output, settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "nothing changed" in out.getvalue()


# ---------------------------------------------------------------------------------------------
# The demo's history carries the dates it would have had: Modi arrived in Tianjin on 30 August
# 2025; the explainer, published at 10:00 Tianjin time on 1 September, is its last step.

DEMO_BEGINS = dt.datetime(2025, 8, 30, tzinfo=SHANGHAI)
DEMO_ENDS = dt.datetime(2025, 9, 1, 10, 0, tzinfo=SHANGHAI)
ISO_TIME = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)")
RFC_TIME = re.compile(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}")
LASTMOD = re.compile(r"<lastmod>(\d{4}-\d\d-\d\d)</lastmod>")
YEAR = re.compile(r"(?<![\d-])(20\d\d)(?![\d])")


def assert_in_the_demo_period(when, what):
    assert when is not None, what
    assert DEMO_BEGINS <= when <= DEMO_ENDS, f"{what}: {when.isoformat()}"


def times_on(text: str) -> list[dt.datetime]:
    """Every machine-readable time on a page: ISO 8601 (HTML, JSON-LD, Atom), RFC 2822 (RSS),
    and a sitemap's dates, read as the start of their day in Tianjin."""
    found = [dt.datetime.fromisoformat(match.group(0)) for match in ISO_TIME.finditer(text)]
    found += [parsedate_to_datetime(match.group(0)) for match in RFC_TIME.finditer(text)]
    found += [
        dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), SHANGHAI)
        for day in LASTMOD.findall(text)
    ]
    return found


def test_reviews_publications_and_corrections_are_dated_august_to_september_2025(demo_output):
    for claim in Claim.objects.filter(status=ClaimStatus.REVIEWED):
        assert_in_the_demo_period(claim.reviewed_at, f"{claim.slug} reviewed")
    for event in ReviewEvent.objects.all():
        assert_in_the_demo_period(event.created_at, f"review move {event.pk}")
    for article in Article.objects.all():
        assert_in_the_demo_period(article.first_published_at, f"{article.slug} first published")
        for event in article.events.all():
            assert_in_the_demo_period(event.created_at, f"{article.slug} move {event.pk}")
            if event.live_from is not None:
                assert_in_the_demo_period(event.live_from, f"{article.slug} live from")
    for correction in Correction.objects.select_related("article"):
        assert_in_the_demo_period(correction.created_at, "correction")
        assert correction.created_at > correction.article.first_published_at
    for revision in Revision.objects.all():
        assert_in_the_demo_period(revision.date_created, f"revision {revision.pk}")
    for person in Person.objects.all():
        assert_in_the_demo_period(person.updated_at, f"profile of {person.slug}")
    # The versions hold the same times as the rows: no stamp of the day the demo was loaded.
    this_year = str(dt.date.today().year)
    assert not [v.pk for v in Version.objects.all() if this_year in v.serialized_data]

    news = Article.objects.get(slug="modi-meets-cai-qi-in-tianjin")
    assert news.first_published_at == dt.datetime(2025, 8, 31, 20, 0, tzinfo=SHANGHAI)
    assert news.first_published_at < news.last_updated_at <= DEMO_ENDS


def test_claims_are_rated_before_the_articles_citing_them_are_published(demo_output):
    for article in Article.objects.prefetch_related("claims"):
        for claim in article.claims.all():
            assert claim.reviewed_at < article.first_published_at, (article.slug, claim.slug)
            assert claim.created_at < claim.reviewed_at
    # And a claim is rated from sources captured before it.
    for citation in Citation.objects.select_related("claim", "source").exclude(
        source__archived_at=None
    ):
        assert citation.source.archived_at <= citation.claim.created_at, citation.claim.slug


def test_public_pages_show_only_dates_of_the_demo_period(demo_output, client):
    news = Article.objects.get(slug="modi-meets-cai-qi-in-tianjin")
    claim = Claim.objects.get(slug="report-b-cai-promised-exchanges-with-xi")
    this_year = dt.date.today().year
    pages = [
        news.get_absolute_url(),
        news.get_absolute_url() + "changes/",
        reverse("newsroom:correction_list"),
        claim.get_absolute_url(),
        reverse("newsroom:rss_feed"),
        reverse("newsroom:atom_feed"),
        reverse("newsroom:corrections_feed"),
        reverse("newsroom:sitemap"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        years = {int(year) for year in YEAR.findall(text)}
        assert this_year not in years and 2026 not in years, url
        times = times_on(text)
        assert times, url
        late = [when.isoformat() for when in times if when > DEMO_ENDS]
        assert not late, (url, late)


def test_the_article_is_updated_after_it_was_published_on_every_page(demo_output, client):
    news = Article.objects.get(slug="modi-meets-cai-qi-in-tianjin")
    page = client.get(news.get_absolute_url()).content.decode()
    published = re.search(r'property="article:published_time" content="([^"]+)"', page)
    modified = re.search(r'property="article:modified_time" content="([^"]+)"', page)
    published_at = dt.datetime.fromisoformat(published.group(1))
    modified_at = dt.datetime.fromisoformat(modified.group(1))
    assert published_at == dt.datetime(2025, 8, 31, 20, 0, tzinfo=SHANGHAI)
    assert published_at < modified_at <= DEMO_ENDS
    json_ld = {
        key: dt.datetime.fromisoformat(value)
        for key, value in re.findall(r'"(datePublished|dateModified)": "([^"]+)"', page)
    }
    assert json_ld == {"datePublished": published_at, "dateModified": modified_at}
    # The change log's entries and the correction all come after the first publication.
    changes = client.get(news.get_absolute_url() + "changes/").content.decode()
    logged = times_on(changes)
    assert logged and min(logged) == published_at and max(logged) <= modified_at
    feed = client.get(reverse("newsroom:atom_feed")).content.decode()
    entry = feed[feed.index(news.get_absolute_url()) :]
    entry_published = re.search(r"<published>([^<]+)</published>", entry).group(1)
    entry_updated = re.search(r"<updated>([^<]+)</updated>", entry).group(1)
    assert dt.datetime.fromisoformat(entry_published) < dt.datetime.fromisoformat(entry_updated)


# ---------------------------------------------------------------------------------------------
# The demo says only what its sources say


def test_the_articles_say_of_cai_what_the_cited_claim_says(demo_output):
    claim = Claim.objects.get(slug="cai-rarely-meets-foreign-leaders")
    assert "Cai Qi seldom meets foreign leaders" in claim.statement
    for article in Article.objects.published():
        assert "[[claim:cai-rarely-meets-foreign-leaders]]" in article.body
        assert "of his rank" not in article.body, article.slug
        assert "Cai seldom meets foreign leaders" in article.body, article.slug


def test_the_standfirst_says_after_as_the_sources_do(demo_output):
    news = Article.objects.get(slug="modi-meets-cai-qi-in-tianjin")
    assert "hours after" not in news.standfirst
    assert "after his talks with Xi Jinping" in news.standfirst


# A source a rationale may name, and the demo source that must then be cited.
NAMED_IN_RATIONALES = {
    "Report A": "Report A:",
    "Report B": "Report B:",
    "Foreign Secretary": "Transcript of the Foreign Secretary",
    "official account": "MEA statement",
}


def test_every_rationale_names_only_sources_its_claim_cites(demo_output):
    wrong = []
    for claim in Claim.objects.exclude(rationale="").prefetch_related("citations__source"):
        cited = [citation.source.title for citation in claim.citations.all()]
        for name, title in NAMED_IN_RATIONALES.items():
            if name in claim.rationale and not any(t.startswith(title) for t in cited):
                wrong.append((claim.slug, name))
    assert wrong == []


def test_a_day_inside_a_month_precise_start_is_shown_as_uncertain(demo_output, client):
    html = client.get("/people/cai-qi/?as_of=2022-10-15").content.decode()
    assert "Director" in html
    assert "Uncertain on 15 Oct 2022: Cai may not yet have held it" in html
    # From November the record is sure.
    assert "Uncertain on" not in client.get("/people/cai-qi/?as_of=2022-11-15").content.decode()

"""A property-based leak test: whatever is unpublished is never named on a public surface.

Hypothesis builds random content states — people, organizations, events, sources, claims and
articles, each published (rated, live) or not, linked every way the models allow (positions,
participants, organizers, parent and replacing events, publishers, claimants, claim subjects,
references in article bodies, with and without labels, and live articles edited to add more)
— with every name, title and slug a unique token. Then an anonymous client crawls every
public address: each URL pattern of the project (a new pattern without a way to fill its
arguments fails the test, so new pages are covered), every page of every list (page sizes
shrunk to 2), every address in the sitemap, search for each hidden token and for the words
of the reference syntax, the feeds, every API endpoint and page, article change logs, and
share-preview links with forged and tampered tokens. No response may name an unpublished
record: no token of one appears in any body or ``Location`` header (where the token is in the
address itself, e.g. a search echoing its query, the page may show it no more often than it
shows a token that names nothing).

``LEAK_MAX_EXAMPLES`` (default 4) sets how many content states are tried.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic import ListView
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event, Participation
from newsroom import actions
from newsroom.models import Article, Correction, Verdict
from newsroom.sitemaps import SITEMAPS
from profiles.models import Membership, Organization, Person
from tests.support.content import publish, rate
from tests.support.factories import (
    AuthorFactory,
    CitationFactory,
    ClaimFactory,
    PlaceFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
)
from tests.support.pagecache import new_page_cache

MAX_EXAMPLES = int(os.environ.get("LEAK_MAX_EXAMPLES", "4"))
TOTALS = {"states": 0, "requests": 0, "urls": set(), "hidden_tokens": 0}
OVERRIDE = "Leak test: publishing on purpose with claims still in review."
# A token of the same shape as the others that names nothing: the control for echoed queries.
NOBODY = "zq999nx"

# Named public URL patterns and how to fill their arguments from a content state. A pattern
# missing here (and not in SKIPPED) fails the test, so every new public page gets crawled.
# The media route serves image bytes under content-hashed names (tests/newsroom/test_media.py);
# it names no record, and these content states hold no images.
SKIPPED = {"admin_recent_changes", "media"}


# The query parameters public pages filter by, each crawled on top of the plain address.
FILTERS = {
    "newsroom:claim_list": [f"verdict={v}" for v in Verdict.values] + ["verdict=nonsense"],
    "profiles:person_detail": ["as_of=2020-06-01", "as_of=2024-01-01", "as_of=garbage"],
    "newsroom:api_claims": [f"verdict={v}" for v in Verdict.values] + ["verdict=nonsense"],
}

# The API's lists: crawled two to a page (``page_size``), like the HTML lists (``small_pages``).
API_LISTS = {
    f"newsroom:api_{name}"
    for name in (
        "articles", "claims", "people", "organizations", "memberships", "events", "sources",
        "corrections", "claimreview",
    )
}  # fmt: skip


def _slug_filters(built: Built) -> list[str]:
    """Every API list filtered by every record, public or hidden (a hidden one matches
    nothing, and its slug is echoed no more than a slug that names nothing)."""
    people = [p.slug for p in built.people]
    orgs = [o.slug for o in built.organizations]
    events = [e.slug for e in built.events]
    lists = {
        "claims": {"person": people, "organization": orgs, "event": events},
        "articles": {"person": people, "organization": orgs, "event": events},
        "events": {"person": people, "organization": orgs},
        "people": {"organization": orgs},
        "memberships": {"person": people, "organization": orgs},
        "sources": {"organization": orgs, "claim": [c.slug for c in built.claims]},
    }
    return [
        reverse(f"newsroom:api_{name}") + f"?{param}={slug}"
        for name, params in lists.items()
        for param, slugs in params.items()
        for slug in slugs
    ]


def _article_kwargs(article: Article) -> dict:
    when = article.published_at or dt.datetime.now(dt.UTC)
    return {"year": when.year, "month": when.month, "slug": article.slug}


FILLERS = {
    # Any other address under /api/ is a JSON 404 that names nothing.
    "newsroom:api_not_found": lambda s: [{"rest": "no-such-endpoint/"}],
    "newsroom:article_detail": lambda s: [_article_kwargs(a) for a in s.articles],
    "newsroom:article_changes": lambda s: [_article_kwargs(a) for a in s.articles],
    "newsroom:api_article": lambda s: [{"slug": a.slug} for a in s.articles],
    "newsroom:claim_detail": lambda s: [{"slug": c.slug} for c in s.claims],
    "newsroom:api_claim": lambda s: [{"slug": c.slug} for c in s.claims],
    "newsroom:source_detail": lambda s: [{"pk": source.pk} for source in s.sources],
    # Every section of the sitemap index, and one that is not (a 404).
    "newsroom:sitemap_section": lambda s: [
        {"section": section} for section in [*SITEMAPS, "no-such-section"]
    ],
    "newsroom:section_detail": lambda s: [{"slug": s.section.slug}],
    "newsroom:tag_detail": lambda s: [{"slug": s.tag.slug}],
    "newsroom:author_detail": lambda s: [{"slug": s.author.slug}],
    "newsroom:share_preview": lambda s: [{"token": token} for token in s.bad_tokens],
    "profiles:person_detail": lambda s: [{"slug": p.slug} for p in s.people],
    "newsroom:api_person": lambda s: [{"slug": p.slug} for p in s.people],
    "profiles:organization_detail": lambda s: [{"slug": o.slug} for o in s.organizations],
    "newsroom:api_organization": lambda s: [{"slug": o.slug} for o in s.organizations],
    "events:event_detail": lambda s: [{"slug": e.slug} for e in s.events],
    "newsroom:api_event": lambda s: [{"slug": e.slug} for e in s.events],
    "newsroom:api_source": lambda s: [{"pk": source.pk} for source in s.sources],
    "newsroom:api_membership": lambda s: [
        {"pk": pk} for pk in Membership.objects.values_list("pk", flat=True)
    ],
    "newsroom:api_correction": lambda s: [
        {"pk": pk} for pk in Correction.objects.values_list("pk", flat=True)
    ],
}


def _public_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace=""):
    """(full name, pattern, list view class or None) for every named non-admin pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _public_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            view_class = getattr(entry.callback, "view_class", None)
            is_list = isinstance(view_class, type) and issubclass(view_class, ListView)
            yield f"{namespace}{entry.name}", entry, view_class if is_list else None


# ---------------------------------------------------------------------------------------------
# Content states


@st.composite
def content_states(draw):
    """Which records exist, which are public, and how they are linked (indexes only)."""
    flags = st.booleans()
    n_people, n_orgs, n_events, n_sources = (draw(st.integers(1, 3)) for _ in range(4))
    person, org, event, source = (
        st.integers(0, n - 1) for n in (n_people, n_orgs, n_events, n_sources)
    )
    maybe = st.one_of(st.none(), st.just(True))
    claimant = st.one_of(
        st.none(), st.tuples(st.just("person"), person), st.tuples(st.just("org"), org)
    )
    claims = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "status": st.sampled_from(["draft", "submitted", "public", "public"]),
                    "claimant": claimant,
                    "said_at": st.one_of(st.none(), event),
                    "people": st.sets(person, max_size=2),
                    "orgs": st.sets(org, max_size=2),
                    "events": st.sets(event, max_size=2),
                    "sources": st.sets(source, min_size=1, max_size=2),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    n_claims = len(claims)
    reference = st.one_of(
        st.tuples(st.just("person"), person, flags),
        st.tuples(st.just("org"), org, flags),
        st.tuples(st.just("event"), event, flags),
        st.tuples(st.just("claim"), st.integers(0, n_claims - 1), flags),
    )
    return {
        "people": draw(st.lists(flags, min_size=n_people, max_size=n_people)),
        "orgs": draw(
            st.lists(st.tuples(flags, maybe), min_size=n_orgs, max_size=n_orgs)
        ),  # (published, has an acronym)
        "events": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "published": flags,
                        "parent": st.one_of(st.none(), event),
                        "replaced_by": st.one_of(st.none(), event),
                        "organizer": st.one_of(st.none(), org),
                    }
                ),
                min_size=n_events,
                max_size=n_events,
            )
        ),
        "memberships": draw(st.sets(st.tuples(person, org, flags), max_size=4)),
        "participations": draw(
            st.dictionaries(st.tuples(event, person), st.one_of(st.none(), org), max_size=4)
        ),
        "sources": draw(
            st.lists(st.one_of(st.none(), org), min_size=n_sources, max_size=n_sources)
        ),
        "claims": claims,
        "articles": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "status": st.sampled_from(
                            ["draft", "published", "published", "unpublished"]
                        ),
                        "refs": st.lists(reference, max_size=4),
                        "later_refs": st.lists(reference, max_size=2),
                    }
                ),
                min_size=1,
                max_size=3,
            )
        ),
    }


@dataclass
class Built:
    people: list = field(default_factory=list)
    organizations: list = field(default_factory=list)
    events: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    bad_tokens: list = field(default_factory=list)
    hidden: set = field(default_factory=set)
    public_urls: set = field(default_factory=set)
    hidden_urls: set = field(default_factory=set)
    section: object = None
    tag: object = None
    author: object = None


def build(spec: dict, editor) -> Built:
    """Make the records ``spec`` describes, through the actions where a workflow is involved.
    Every name, title and slug is a token ``zq<nnn><kind>x``; ``hidden`` collects the tokens of
    whatever readers may not see."""
    numbers = itertools.count(1)
    built = Built(section=SectionFactory(), tag=TagFactory(), author=AuthorFactory())

    def token(kind: str) -> str:
        return f"zq{next(numbers):03d}{kind}x"

    def record(obj, tokens: list[str], public: bool, url: str | None = None) -> None:
        if not public:
            built.hidden.update(tokens)
        (built.public_urls if public else built.hidden_urls).add(url or obj.get_absolute_url())

    for published in spec["people"]:
        given, family, slug = token("g"), token("f"), token("p")
        person = Person.objects.create(
            given_name=given,
            family_name=family,
            full_name=f"{given} {family}",
            slug=slug,
            is_published=published,
        )
        built.people.append(person)
        record(person, [given, family, slug], published)
    for published, has_acronym in spec["orgs"]:
        name, slug = token("o"), token("s")
        acronym = token("a") if has_acronym else ""
        org = Organization.objects.create(
            name=name, slug=slug, acronym=acronym, is_published=published
        )
        built.organizations.append(org)
        record(org, [name, slug, *([acronym] if acronym else [])], published)
    place = PlaceFactory()
    for item in spec["events"]:
        title, slug = token("t"), token("e")
        event = Event.objects.create(
            title=title,
            slug=slug,
            place=place,
            starts_at=dt.datetime(2025, 8, 31, 7, 0, tzinfo=dt.UTC),
            is_published=item["published"],
            organizer=built.organizations[item["organizer"]]
            if item["organizer"] is not None
            else None,
        )
        built.events.append(event)
        record(event, [title, slug], item["published"])
    for event, item in zip(built.events, spec["events"], strict=True):
        for link in ("parent", "replaced_by"):
            if item[link] is not None and built.events[item[link]] != event:
                setattr(event, link, built.events[item[link]])
        event.save()
    for person, org, ended in spec["memberships"]:
        Membership.objects.create(
            person=built.people[person],
            organization=built.organizations[org],
            role="Member",
            rank=2,
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2021, 1, 1) if ended else None,
        )
    for (event, person), org in spec["participations"].items():
        Participation.objects.create(
            event=built.events[event],
            person=built.people[person],
            role="guest",
            organization=built.organizations[org] if org is not None else None,
        )
    for publisher in spec["sources"]:
        title = token("r")
        built.sources.append(
            SourceFactory(
                title=title,
                url=f"https://example.org/{title}",
                publisher=built.organizations[publisher] if publisher is not None else None,
            )
        )
    public_sources: set[int] = set()
    for item in spec["claims"]:
        slug, word = token("c"), token("w")
        kind, index = item["claimant"] or (None, None)
        claim = ClaimFactory(
            slug=slug,
            statement=f"The statement {word} holds.",
            claimant_person=built.people[index] if kind == "person" else None,
            claimant_organization=built.organizations[index] if kind == "org" else None,
            said_at_event=built.events[item["said_at"]] if item["said_at"] is not None else None,
        )
        claim.about_people.set(built.people[i] for i in item["people"])
        claim.about_organizations.set(built.organizations[i] for i in item["orgs"])
        claim.about_events.set(built.events[i] for i in item["events"])
        for i in sorted(item["sources"]):
            actions.verify_citation(citation=CitationFactory(claim=claim, source=built.sources[i]))
        public = item["status"] == "public"
        if public:
            claim = rate(claim, editor)
            public_sources.update(item["sources"])
        elif item["status"] == "submitted":
            actions.submit_claim(claim=claim, actor=editor)
        built.claims.append(claim)
        record(claim, [slug, word], public)
    for i, source in enumerate(built.sources):
        record(source, [source.title], i in public_sources)

    def body(refs) -> str:
        targets = {
            "person": built.people,
            "org": built.organizations,
            "event": built.events,
            "claim": built.claims,
        }
        parts = [
            f"[[{kind}:{targets[kind][index].slug}{'|someone' if labelled else ''}]]"
            for kind, index, labelled in refs
        ]
        return "Reported: " + ", ".join(parts) + "." if parts else "Nothing referenced."

    for item in spec["articles"]:
        headline, slug = token("h"), token("l")
        article = Article.objects.create(
            headline=headline,
            slug=slug,
            standfirst=f"About {headline}.",
            body=body(item["refs"]),
            section=built.section,
        )
        article.tags.add(built.tag)
        article.bylines.add(built.author)
        live = item["status"] != "draft"
        if live:
            article = publish(article, editor, override_reason=OVERRIDE)
            if item["later_refs"]:
                article.body += "\n\nUpdate. " + body(item["later_refs"])
                actions.save_article_draft(article=article, actor=editor, m2m={})
                article = actions.publish_changes(
                    article=article, actor=editor, override_reason=OVERRIDE
                )
            actions.add_correction(
                article=article, actor=editor, kind="update", text="We added a detail."
            )
        if item["status"] == "unpublished":
            article = actions.unpublish_article(article=article, actor=editor, note="Withdrawn.")
            live = False
        article.refresh_from_db()
        if not live:
            link = actions.create_share_link(article=article, actor=editor)
            good = actions.share_link_token(link)
            # A forged token, a tampered one and one cut short: none shows the draft.
            built.bad_tokens += ["forged", good[:-3] + "abc", good[:-1]]
        built.articles.append(article)
        url = reverse("newsroom:article_detail", kwargs=_article_kwargs(article))
        record(article, [headline, slug], live, url)
    return built


# ---------------------------------------------------------------------------------------------
# The crawl


def _addresses(built: Built) -> tuple[list[str], list[str]]:
    """Every public address for this state: (plain URLs, list URLs to page through)."""
    urls: list[str] = []
    lists: list[str] = []
    unfilled = []
    for name, pattern, list_view in _public_patterns():
        if name.split(":")[-1] in SKIPPED:
            continue
        if not re.search(r"[<(]", str(pattern.pattern)):
            url = reverse(name)
            if name in API_LISTS:
                url += "?page_size=2"
            (lists if list_view or name in API_LISTS else urls).append(url)
            sep = "&" if "?" in url else "?"
            urls += [f"{url}{sep}{query}" for query in FILTERS.get(name, [])]
            continue
        if name not in FILLERS:
            unfilled.append(name)
            continue
        for kwargs in FILLERS[name](built):
            url = reverse(name, kwargs=kwargs)
            (lists if list_view else urls).append(url)
            urls += [f"{url}?{query}" for query in FILTERS.get(name, [])]
    assert not unfilled, f"public URL patterns the leak test cannot fill yet: {unfilled}"
    urls += _slug_filters(built)
    words = ["person", "org", "event", "claim", "someone", "zq"]
    urls += [f"{reverse('newsroom:search')}?q={quote(q)}" for q in [*sorted(built.hidden), *words]]
    urls.append(f"{reverse('newsroom:search')}?q={NOBODY}")
    return urls, lists


class Crawler:
    def __init__(self, built: Built):
        self.client = Client()
        self.built = built
        self.seen: dict[str, tuple[int, str]] = {}

    def get(self, url: str) -> tuple[int, str]:
        if url not in self.seen:
            response = self.client.get(url)
            TOTALS["requests"] += 1
            TOTALS["urls"].add(re.sub(r"zq\d+", "zq#", url))
            text = response.content.decode("utf-8", "replace") + response.get("Location", "")
            self.seen[url] = (response.status_code, text.lower())
            assert response.status_code < 500, (url, response.status_code)
        return self.seen[url]

    def check(self, url: str) -> None:
        status, text = self.get(url)
        address = url.lower()
        for hidden in self.built.hidden:
            if hidden not in text:
                continue
            assert hidden in address, f"{url} names the unpublished {hidden!r}"
            # The address holds the token (a search's query, a hidden record's address): the
            # page may echo it no more often than it echoes a token that names nothing.
            control = url.replace(hidden, NOBODY)
            _, control_text = self.get(control)
            assert text.count(hidden) <= control_text.count(NOBODY), (
                f"{url} names the unpublished {hidden!r} beyond echoing the address"
            )

    def crawl(self) -> int:
        urls, lists = _addresses(self.built)
        for url in lists:
            self.check(url)
            first = self.get(url)
            for page in range(2, 40):
                paged = f"{url}{'&' if '?' in url else '?'}page={page}"
                self.check(paged)
                # Past the last page (404), or a view that takes no page at all.
                if self.get(paged)[0] == 404 or self.get(paged) == first:
                    break
        for url in urls:
            self.check(url)
        for url in self.sitemap_locations():
            self.check(url)
        return len(self.seen)

    def sitemap_locations(self) -> list[str]:
        """Every address the sitemaps list: those of the index's sitemaps, and the news one's."""
        _, index = self.get(reverse("newsroom:sitemap"))
        _, text = self.get(reverse("newsroom:news_sitemap"))
        for sitemap in re.findall(r"<loc>([^<]+)</loc>", index):
            address = urlsplit(html.unescape(sitemap))
            status, listed = self.get(f"{address.path}?{address.query}".rstrip("?"))
            assert status == 200, (sitemap, status)
            text += listed
        locations = re.findall(r"<loc>([^<]+)</loc>", text)
        return sorted({urlsplit(loc).path for loc in locations})


# ---------------------------------------------------------------------------------------------


@pytest.fixture
def small_pages(monkeypatch):
    """Every list two to a page, so the crawl walks their pagination."""
    for _, _, list_view in _public_patterns():
        if list_view is not None:
            monkeypatch.setattr(list_view, "paginate_by", 2)


@pytest.fixture(scope="module", autouse=True)
def _report_totals():
    """Print what the crawl tried (``-s`` shows it)."""
    yield
    print(
        f"\nleak test: {TOTALS['states']} content states, {TOTALS['requests']} requests, "
        f"{len(TOTALS['urls'])} distinct URL shapes, {TOTALS['hidden_tokens']} hidden tokens"
    )


@pytest.mark.django_db
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(spec=content_states())
def test_nothing_unpublished_is_named_on_any_public_surface(spec, editor, small_pages):
    with transaction.atomic():
        new_page_cache()
        built = build(spec, editor)
        crawler = Crawler(built)
        crawler.crawl()
        # The crawl saw the state as built: public records answer, hidden ones are not found.
        for url in built.public_urls:
            assert crawler.get(url)[0] == 200, url
        for url in built.hidden_urls:
            assert crawler.get(url)[0] == 404, url
        TOTALS["states"] += 1
        TOTALS["hidden_tokens"] += len(built.hidden)
        transaction.set_rollback(True)

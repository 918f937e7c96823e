"""The in-process half of ``make bench``: pages through Django's test client, in this process.

Every public page type, the admin changelists (as the demo editor), search and the history of
a record with 1,000 revisions, each requested ``runs`` times after one warm-up request: the
SQL queries of one request and p50/p95 of the times. Run it with the page cache off
(``NEWSROOM_PAGE_CACHE=0``), or every request after the first is a cache hit and says nothing
about rendering. Needs the demo loaded; scale data makes the pages realistic.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

# Realistic reader searches: a name, a place, a topic, an office, two words that rarely meet,
# a name mistyped.
SEARCHES = ["Cai Qi", "Tianjin", "summit", "General Office", "banquet cancelled", "Modhi"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values`` (seconds) in milliseconds."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1] * 1000


def _pick(queryset, slug: str):
    """The demo's record ``slug``, or the first one readers see if the demo changed."""
    return queryset.filter(slug=slug).first() or queryset.first()


def public_pages() -> list[tuple[str, str]]:
    """(row, address) for each public page type, on the demo's records."""
    from events.models import Event
    from newsroom.models import Article, Claim, Source
    from profiles.models import Organization, Person

    article = _pick(Article.objects.published(), "modi-meets-cai-qi-in-tianjin")
    source = Source.objects.public().order_by("pk").first()
    pages = [
        ("home", reverse("newsroom:home")),
        ("article", article.get_absolute_url()),
        ("person", _pick(Person.objects.published(), "cai-qi").get_absolute_url()),
        (
            "organization",
            _pick(
                Organization.objects.published(), "ccp-politburo-standing-committee"
            ).get_absolute_url(),
        ),
        ("claim", _pick(Claim.objects.public(), "cai-qi-ranked-fifth-on-pbsc").get_absolute_url()),
        (
            "event",
            _pick(Event.objects.published(), "modi-cai-qi-meeting-tianjin-2025").get_absolute_url(),
        ),
        ("source", reverse("newsroom:source_detail", args=[source.pk])),
        ("search", f"{reverse('newsroom:search')}?q=Cai+Qi"),
        ("list: articles", reverse("newsroom:article_list")),
        ("list: claims", reverse("newsroom:claim_list")),
        ("list: people", reverse("profiles:person_list")),
        ("list: organizations", reverse("profiles:organization_list")),
        ("list: events", reverse("events:event_list")),
        ("feed (RSS)", reverse("newsroom:rss_feed")),
        ("sitemap", reverse("newsroom:sitemap")),
        ("API article", reverse("newsroom:api_article", args=[article.slug])),
    ]
    return pages


def time_page(client: Client, url: str, runs: int) -> dict:
    """Queries of one request and p50/p95 of ``runs`` requests (after one to warm up).

    Raises AssertionError on any answer but 200: a bench of error pages measures nothing.
    """
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return {
        "queries": queries,
        "p50": percentile(timings, 50),
        "p95": percentile(timings, 95),
        "url": url,
    }


def measure(*, runs: int, history_revisions: int = 1_000) -> dict[str, dict]:
    """Every in-process figure of the table, keyed by row name (see ``report.ROWS``)."""
    from django.contrib.auth import get_user_model

    figures: dict[str, dict] = {}
    figures["bytes per article revision"] = article_revision_bytes()
    person, built = build_history(history_revisions)

    reader = Client()
    for row, url in public_pages():
        figures[row] = time_page(reader, url, runs)

    searches = [time_page(reader, f"/search/?q={q.replace(' ', '+')}", runs) for q in SEARCHES]
    figures["search, several queries"] = {
        "queries": max(s["queries"] for s in searches),
        "p50": statistics.median(s["p50"] for s in searches),
        "p95": max(s["p95"] for s in searches),
        "note": f"{len(SEARCHES)} queries: " + ", ".join(SEARCHES),
    }

    editor = Client()
    editor.force_login(get_user_model().objects.get(username="editor"))
    claims = reverse("admin:newsroom_claim_changelist")
    figures["admin: claims"] = time_page(editor, claims, runs)
    # A fact-checker's landing page: the claims waiting, oldest first.
    figures["admin: review queue"] = time_page(editor, f"{claims}?queue=waiting", runs)
    figures["admin: articles"] = time_page(
        editor, reverse("admin:newsroom_article_changelist"), runs
    )
    history = reverse("admin:profiles_person_history", args=[person.pk])
    figures["history page"] = {**time_page(editor, history, runs), "note": built}
    return figures


def article_revision_bytes() -> dict:
    """What one revision of the demo explainer stores: its own serialized row, and the whole
    revision with the rows saved alongside (bylines, events…)."""
    from reversion.models import Version

    from newsroom.models import Article

    explainer = Article.objects.filter(kind="explainer").order_by("pk").first()
    versions = list(Version.objects.get_for_object(explainer).select_related("revision"))
    stored = [len(v.serialized_data.encode()) for v in versions]
    whole = [
        sum(len(row.serialized_data.encode()) for row in v.revision.version_set.all())
        for v in versions
    ]
    return {
        "value": statistics.mean(stored),
        "note": f"{explainer.slug}, {len(stored)} versions; body {len(explainer.body.encode()):,}"
        f" B; whole revision {statistics.mean(whole):,.0f} B",
    }


def demo_sentences() -> list[str]:
    """Sentences from the demo's articles and sources, as realistic text to edit."""
    from newsroom.models import Article, Source

    texts = [*Article.objects.values_list("body", flat=True)]
    texts += Source.objects.values_list("archived_text", flat=True)
    sentences = [
        part.strip().replace("\n", " ")
        for text in texts
        for part in text.split(". ")
        if len(part.split()) >= 5
    ]
    return sentences or ["Cai Qi met the Prime Minister in Tianjin on the sidelines of the summit"]


def build_history(count: int):
    """Gives the demo's Cai Qi ``count`` more revisions, bulk-inserted: his biography grows and
    changes a sentence or a word at a time, as an editor's days would, over two years.

    Each copies his latest real revision (with the positions saved alongside it), so the
    history and compare pages read realistic versions. Returns (person, description).
    """
    from django.contrib.auth import get_user_model
    from reversion.models import Revision, Version

    from profiles.models import Person

    rng = random.Random(2025)
    users = list(get_user_model().objects.all())
    person = Person.objects.get(slug="cai-qi")
    latest = Version.objects.get_for_object(person).select_related("revision").first()
    alongside = [
        {
            "content_type_id": v.content_type_id,
            "object_id": v.object_id,
            "db": v.db,
            "format": v.format,
            "serialized_data": v.serialized_data,
            "object_repr": v.object_repr,
            "is_person": v.pk == latest.pk,
        }
        for v in latest.revision.version_set.all()
    ]
    sentences = demo_sentences()
    data = json.loads(latest.serialized_data)
    biography = [s for s in (data[0]["fields"].get("biography") or "").split(". ") if s]
    now = timezone.now()
    span = dt.timedelta(days=730).total_seconds()
    revisions = Revision.objects.bulk_create(
        Revision(
            date_created=now - dt.timedelta(seconds=span * (1 - (index + 1) / (count + 1))),
            user=rng.choice(users),
            comment=f"Biography edit {index + 1}.",
        )
        for index in range(count)
    )
    versions = []
    for revision in revisions:
        # Add a sentence, rewrite one, or fix a word; it stays around 40 sentences (6,000
        # characters), a long biography.
        roll = rng.random()
        if roll < 0.4 and len(biography) < 40:
            biography.insert(rng.randrange(len(biography) + 1), rng.choice(sentences))
        elif roll < 0.7 and biography:
            biography[rng.randrange(len(biography))] = rng.choice(sentences)
        elif biography:
            at = rng.randrange(len(biography))
            words = biography[at].split()
            words[rng.randrange(len(words))] = rng.choice(rng.choice(sentences).split())
            biography[at] = " ".join(words)
        data[0]["fields"]["biography"] = ". ".join(biography)
        stored = json.dumps(data)
        for template in alongside:
            row = {k: v for k, v in template.items() if k != "is_person"}
            if template["is_person"]:
                row["serialized_data"] = stored
            versions.append(Version(**row, revision_id=revision.pk))
    Version.objects.bulk_create(versions, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a live database would have
    total = Version.objects.get_for_object(person).count()
    return person, (
        f"{person}: {total:,} revisions; site {Revision.objects.count():,} revisions, "
        f"{Version.objects.count():,} versions"
    )

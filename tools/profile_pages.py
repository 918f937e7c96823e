"""Query counts, in-process timings and pyinstrument profiles of the public pages.

Runs on the database the settings point at (the demo: ``make run`` once, or
``manage.py migrate && manage.py load_demo``), with production-like settings unless
DJANGO_DEBUG is set, so the figures are what a reader costs without the debug toolbar of
recorded queries. Anonymous GETs through Django's test client; nothing is written except one
share link for the preview page, made and rolled back inside a transaction.

    .venv/bin/python tools/profile_pages.py                 # the table: queries, p50, p95
    .venv/bin/python tools/profile_pages.py --profile article  # plus that page's profile
    .venv/bin/python tools/profile_pages.py --rounds 50 --only article person
    .venv/bin/python tools/profile_pages.py --admin --only "admin: claims"   # as the editor
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-pages-only-not-a-real-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")


def page_addresses() -> dict[str, str]:
    """One address per public page type, picked from what the database holds."""
    from django.contrib.auth import get_user_model

    from events.models import Event
    from newsroom.actions import create_share_link, share_link_token
    from newsroom.models import Article, Claim, Source
    from profiles.models import Organization, Person

    article = (
        Article.objects.published().order_by("-published_at").first()
        if not os.environ.get("PROFILE_ARTICLE")
        else Article.objects.get(slug=os.environ["PROFILE_ARTICLE"])
    )
    person = Person.objects.published().order_by("pk").first()
    claim = Claim.objects.public().order_by("pk").first()
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "person": person.get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "event": Event.objects.published().order_by("pk").first().get_absolute_url(),
        "organization": Organization.objects.published().order_by("pk").first().get_absolute_url(),
        "source": Source.objects.order_by("pk").first().get_absolute_url(),
        "article list": "/articles/",
        "claim list": "/claims/",
        "people list": "/people/",
        "event list": "/events/",
        "search": "/search/?q=Cai",
        "rss": "/feeds/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap: articles": "/sitemap-articles.xml",
        "sitemap: claims p2": "/sitemap-claims.xml?p=2",
        "api article": f"/api/articles/{article.slug}/",
        "robots.txt": "/robots.txt",
    }
    editor = get_user_model().objects.filter(is_superuser=True).first() or (
        get_user_model().objects.filter(username="editor").first()
    )
    if editor is not None:
        link = create_share_link(article=article, actor=editor)
        pages["share preview"] = f"/preview/{share_link_token(link)}/"
    return pages


def admin_addresses() -> dict[str, str]:
    """The admin changelists an editor opens most: claims, the review queue, articles."""
    return {
        "admin: claims": "/admin/newsroom/claim/",
        "admin: queue": "/admin/newsroom/claim/?queue=waiting",
        "admin: claims by verdict": "/admin/newsroom/claim/?verdict__exact=false&o=-9",
        "admin: articles": "/admin/newsroom/article/",
        "admin: sources": "/admin/newsroom/source/",
    }


def _breakdown_targets() -> list[tuple[str, object]]:
    """(label, function): the functions whose cumulative time says where a request goes."""
    from django.db.backends.utils import CursorWrapper
    from django.db.models import Model
    from django.db.models.query import prefetch_related_objects
    from django.db.models.sql.compiler import SQLCompiler
    from django.template.loader_tags import IncludeNode
    from django.template.response import SimpleTemplateResponse
    from django.test import Client
    from django.urls import reverse

    from newsroom import markdown

    return [
        ("whole request", Client.request),
        ("building SQL (as_sql)", SQLCompiler.as_sql),
        ("running SQL (cursor.execute)", CursorWrapper.execute),
        ("making model instances", Model.from_db.__func__),
        ("prefetching (all of it)", prefetch_related_objects),
        ("rendering templates", SimpleTemplateResponse.render),
        ("  {% include %}", IncludeNode.render),
        ("  reverse()", reverse),
        ("Markdown + sanitising", markdown.render_markdown),
    ]


def breakdown(client, url: str, rounds: int) -> None:
    """Cumulative time per request in SQL building, SQL running, templates and Markdown
    (under cProfile, so slower than real, but in proportion)."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(rounds):
        client.get(url)
    profile.disable()
    stats = pstats.Stats(profile).stats
    for label, function in _breakdown_targets():
        code = function.__code__
        key = (code.co_filename, code.co_firstlineno, code.co_name)
        _, calls, _, cumulative, _ = stats.get(key, (0, 0, 0, 0.0, {}))
        print(f"{label:<32}{cumulative / rounds * 1000:>8.1f} ms{calls / rounds:>9.0f} calls")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="page names to run (default: all)")
    parser.add_argument("--profile", nargs="*", default=[], help="page names to profile")
    parser.add_argument(
        "--admin", action="store_true", help="the admin changelists too, as the demo editor"
    )
    parser.add_argument(
        "--breakdown", nargs="*", default=[], help="page names to split into SQL / templates"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command

    # Production settings serve hashed static names, which need the manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # As Django's test runner does: each request would otherwise drop the connection, and with
    # it the transaction that holds the share link.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    client = Client()
    with transaction.atomic():
        pages = page_addresses()
        editor = None
        if args.admin:
            from django.contrib.auth import get_user_model

            pages.update(admin_addresses())
            editor = get_user_model().objects.get(username="editor")

        def sign_in(name: str) -> None:
            """The admin pages as the editor, the public ones anonymously."""
            if name.startswith("admin:"):
                client.force_login(editor)
            else:
                client.logout()

        print(f"{'page':<26}{'status':>7}{'queries':>9}{'p50 ms':>9}{'p95 ms':>9}{'KB':>7}")
        for name, url in pages.items():
            if args.only and name not in args.only:
                continue
            sign_in(name)
            client.get(url)  # warm up: template loading, url resolver
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            query_count = len(queries)  # now: the next request resets the log
            timings = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            timings.sort()
            p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
            print(
                f"{name:<26}{response.status_code:>7}{query_count:>9}"
                f"{statistics.median(timings):>9.1f}{p95:>9.1f}{len(response.content) / 1024:>7.0f}"
            )
        for name in args.profile:
            from pyinstrument import Profiler
            from pyinstrument.renderers import ConsoleRenderer

            sign_in(name)
            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(args.rounds):
                client.get(pages[name])
            profiler.stop()
            print(f"\n=== profile: {name} ({args.rounds} requests) ===")
            print(profiler.output_text(unicode=False, color=False, show_all=False))
            flat = ConsoleRenderer(flat=True, time="percent_of_total", flat_time="total")
            print("\n".join(profiler.output(flat).splitlines()[:60]))
        for name in args.breakdown:
            sign_in(name)
            print(f"\n=== where {name}'s time goes (cProfile, per request) ===")
            breakdown(client, pages[name], args.rounds)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()

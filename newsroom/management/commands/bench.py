"""``make bench``: time the revision-history pages on a large history, in a throwaway database.

Builds, from the demo newsroom, one person with 1,000 revisions and 200,000 revisions across
the site (bulk-inserted copies of the demo's real stored versions), then prints the median
time of several requests to the real admin views through Django's test client, logged in as
the demo editor, the queries each page ran, the query plans of recent changes, and the bytes
stored per article revision. Figures only: nothing is asserted.

Runs once on SQLite (a temporary file) and, when ``DATABASE_URL`` points at PostgreSQL, once
more there, in ``test_<name>``, created and dropped by Django's test machinery. Each backend
runs in a child process, since a process's database settings are fixed at start-up.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.utils import timezone

SITE_REVISIONS = 200_000
PERSON_REVISIONS = 1_000
BATCH = 5_000
RUNS = 7


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


class Command(BaseCommand):
    help = "Time the history, compare and recent-changes pages on 200,000 revisions."

    def add_arguments(self, parser):
        parser.add_argument("--child", action="store_true", help="Run in this process.")
        parser.add_argument("--revisions", type=int, default=SITE_REVISIONS)

    def handle(self, *args, **options):
        if options["child"]:
            return self.run_here(options["revisions"])
        url = os.environ.get("DATABASE_URL", "")
        with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
            targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")]
            if url.startswith(("postgres://", "postgresql://")):
                targets.append(("PostgreSQL", url))
            for label, database_url in targets:
                self.stdout.write(f"\n== {label} ==")
                self.stdout.flush()
                env = {**os.environ, "DATABASE_URL": database_url}
                done = subprocess.run(
                    [
                        sys.executable,
                        "manage.py",
                        "bench",
                        "--child",
                        f"--revisions={options['revisions']}",
                    ],
                    env=env,
                    cwd=settings.BASE_DIR,
                )
                if done.returncode:
                    raise CommandError(f"The {label} run failed.")

    # -- one backend, in this process

    def run_here(self, site_revisions: int) -> None:
        setup_test_environment(debug=False)
        if connection.vendor == "sqlite":
            # A file rather than memory, so the timings include real reads.
            connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"]
        started = time.monotonic()
        old_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        try:
            # A throwaway database: the demo's published passwords are no risk here.
            call_command("load_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
            article_bytes = self.article_bytes()
            person, built = self.build(site_revisions)
            self.say(f"built in {time.monotonic() - started:.0f} s: {built}")
            self.measure(person)
            self.say(article_bytes)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def build(self, site_revisions: int):
        from django.contrib.auth import get_user_model
        from reversion.models import Revision, Version

        from profiles.models import Person

        rng = random.Random(2025)
        users = list(get_user_model().objects.all())
        templates = []  # each demo revision's versions, as field dicts
        for revision in Revision.objects.prefetch_related("version_set"):
            templates.append(
                [
                    {
                        "content_type_id": v.content_type_id,
                        "object_id": v.object_id,
                        "db": v.db,
                        "format": v.format,
                        "serialized_data": v.serialized_data,
                        "object_repr": v.object_repr,
                    }
                    for v in revision.version_set.all()
                ]
            )
        now = timezone.now()
        span = dt.timedelta(days=730).total_seconds()

        # One person edited 1,000 times: the biography grows and changes a word at a time.
        person = Person.objects.get(slug="cai-qi")
        person_version = Version.objects.get_for_object(person).first()
        person_revision = [
            dict(t)
            for t in next(
                versions
                for versions in templates
                if any(v["serialized_data"] == person_version.serialized_data for v in versions)
            )
        ]
        sentences = demo_sentences()
        data = json.loads(person_version.serialized_data)
        biography = [s for s in (data[0]["fields"].get("biography") or "").split(". ") if s]
        created = 0
        for start in range(0, PERSON_REVISIONS, BATCH):
            revisions = []
            for index in range(start, min(start + BATCH, PERSON_REVISIONS)):
                seconds = span * (1 - (index + 1) / (PERSON_REVISIONS + 1))
                revisions.append(
                    Revision(
                        date_created=now - dt.timedelta(seconds=seconds),
                        user=rng.choice(users),
                        comment=f"Biography edit {index + 1}.",
                    )
                )
            revisions = Revision.objects.bulk_create(revisions)
            versions = []
            for revision in revisions:
                # An editor's day: add a sentence, rewrite one, or fix a word; a long
                # biography stays around 40 sentences (some 6,000 characters).
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
                for template in person_revision:
                    row = dict(template, revision_id=revision.pk)
                    if template["serialized_data"] == person_version.serialized_data:
                        row["serialized_data"] = stored
                    versions.append(Version(**row))
            Version.objects.bulk_create(versions, batch_size=1000)
            created += len(versions)

        # The rest of the site: copies of the demo's revisions, spread over two years.
        site_versions = 0
        for start in range(0, site_revisions, BATCH):
            count = min(BATCH, site_revisions - start)
            chosen = [rng.choice(templates) for _ in range(count)]
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        date_created=now - dt.timedelta(seconds=rng.random() * span),
                        user=rng.choice(users),
                        comment=rng.choice(["", "Typo.", "Added a source.", "Updated rank."]),
                    )
                    for _ in range(count)
                ]
            )
            versions = [
                Version(**template, revision_id=revision.pk)
                for revision, group in zip(revisions, chosen, strict=True)
                for template in group
                if not (
                    template["content_type_id"] == person_version.content_type_id
                    and template["object_id"] == str(person.pk)
                )
            ]
            Version.objects.bulk_create(versions, batch_size=1000)
            site_versions += len(versions)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as a live database would have
        return person, (
            f"{Revision.objects.count():,} revisions, {Version.objects.count():,} versions "
            f"({PERSON_REVISIONS:,} revisions of {person}, {created:,} versions with positions)"
        )

    def measure(self, person) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.contenttypes.models import ContentType
        from reversion.models import Version

        from newsroom.models import Article

        client = Client()
        client.force_login(get_user_model().objects.get(username="editor"))
        writer = get_user_model().objects.get(username="writer")
        article_type = ContentType.objects.get_for_model(Article)
        since = (timezone.localdate() - dt.timedelta(days=90)).isoformat()
        versions = Version.objects.get_for_object(person).order_by("-pk")
        newest, previous = list(versions.values_list("pk", flat=True)[:2])
        oldest = versions.order_by("pk").values_list("pk", flat=True).first()
        history = f"/admin/profiles/person/{person.pk}/history/"
        compare = f"{history}compare/"
        pages = [
            ("recent changes, first page", "/admin/recent-changes/"),
            ("recent changes, second page", None),
            (
                "recent changes, user + model + 90 days",
                f"/admin/recent-changes/?user={writer.pk}&model={article_type.pk}&since={since}",
            ),
            ("recent changes, model (people)", None),
            (f"history of {person} (1,000 revisions), page 1", history),
            ("history, page 20 of 20", f"{history}?p=20"),
            ("compare, latest with previous", f"{compare}?new={newest}&old={previous}"),
            ("compare, version 1 with 1,000", f"{compare}?new={newest}&old={oldest}"),
        ]
        first = client.get("/admin/recent-changes/")
        pages[1] = (pages[1][0], "/admin/recent-changes/" + first.context["older_url"])
        person_type = ContentType.objects.get_for_model(type(person))
        pages[3] = (pages[3][0], f"/admin/recent-changes/?model={person_type.pk}")

        self.say(f"\n{'page':<48} {'median':>9} {'min':>9} {'queries':>8}")
        plans = []
        for label, url in pages:
            client.get(url)  # warm caches (content types, sessions, templates)
            timings = []
            for _ in range(RUNS):
                with CaptureQueriesContext(connection) as queries:
                    began = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - began)
                assert response.status_code == 200, (url, response.status_code)
            self.say(
                f"{label:<48} {statistics.median(timings) * 1000:>7.1f}ms "
                f"{min(timings) * 1000:>7.1f}ms {len(queries):>8}"
            )
            if url.startswith("/admin/recent-changes/"):
                sql = next(
                    q["sql"]
                    for q in queries.captured_queries
                    if 'FROM "reversion_revision"' in q["sql"]
                )
                plans.append((label, sql))

        self.say(
            "\nQuery plans of the recent-changes page query (SQLite: a SCAN without "
            "'TEMP B-TREE' walks the rowid, i.e. primary key, index in order and stops at the "
            "page's LIMIT):"
        )
        for label, sql in plans:
            self.say(f"  {label}:")
            for line in self.explain(sql):
                self.say(f"    {line}")

    def article_bytes(self) -> str:
        """What one revision of the demo explainer stores, before the bulk copies exist."""
        from reversion.models import Version

        from newsroom.models import Article

        explainer = Article.objects.get(kind="explainer")
        versions = list(Version.objects.get_for_object(explainer))
        stored = [len(v.serialized_data.encode()) for v in versions]
        whole = [
            sum(len(row.serialized_data.encode()) for row in v.revision.version_set.all())
            for v in versions
        ]
        return (
            f"\nBytes stored per article revision ({explainer.slug}, {len(stored)} versions): "
            f"{statistics.mean(stored):,.0f} B of serialized data on average "
            f"(its body is {len(explainer.body.encode()):,} B; the whole revision, with any "
            f"rows saved alongside, {statistics.mean(whole):,.0f} B)"
        )

    def explain(self, sql: str) -> list[str]:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                return [row[-1] for row in cursor.fetchall()]
            cursor.execute("EXPLAIN " + sql)
            return [row[0] for row in cursor.fetchall()]

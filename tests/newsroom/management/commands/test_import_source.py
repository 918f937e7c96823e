"""``manage.py import_source``: the seed reports, our own fixture, and every refusal."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from newsroom.models import Claim, ClaimKind, ImportCandidate, Source
from newsroom.quotations import _MARKS
from profiles.models import Organization, Person
from tests.support.imports import FIXTURE, load_demo_profiles, seeds_dir, serving

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("import_source", *args, stdout=out)
    return out.getvalue()


def counts():
    return Source.objects.count(), Claim.objects.count(), ImportCandidate.objects.count()


@pytest.fixture
def profiles():
    return load_demo_profiles()


@pytest.fixture
def seed_reports():
    folder = seeds_dir()
    reports = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if len(reports) < 2:
        pytest.skip(
            f"the seed reports are not in {folder} (set NEWSROOM_SEEDS_DIR to their folder): "
            "they are third-party text, kept out of the repository"
        )
    return reports


def test_both_seed_reports_import_with_the_right_speakers(profiles, seed_reports):
    assert not Source.objects.exists()  # the demo's people and organizations, not its sources
    for path in seed_reports:
        run(str(path), "--user", "writer")
    quotes = Claim.objects.filter(import_candidates__isnull=False).select_related(
        "claimant_person", "claimant_organization"
    )
    assert quotes and all(claim.kind == ClaimKind.QUOTE for claim in quotes)
    misri = Person.objects.get(slug="vikram-misri")
    mea = Organization.objects.get(slug="mea")
    [long_quote] = [c for c in quotes if c.statement.startswith("The PM had a separate meeting")]
    assert long_quote.claimant_person == misri
    assert "between the Prime Minister and the President." in long_quote.statement
    assert long_quote.citations.get().excerpt_verified is True
    vision = [c for c in quotes if c.statement.startswith("shared his vision for the relationship")]
    assert len(vision) == 2  # one line, two reports
    assert all(claim.claimant_organization == mea for claim in vision)
    mentioned = set(
        Person.objects.filter(claims__in=quotes).distinct().values_list("slug", flat=True)
    )
    assert {"cai-qi", "narendra-modi", "xi-jinping"} <= mentioned
    # Every candidate is words between quotation marks in its report.
    for claim in quotes:
        citation = claim.citations.get()
        text = citation.source.archived_text
        at = text.index(citation.excerpt)
        assert text[at - 1] in _MARKS, claim.statement
        assert text[at + len(citation.excerpt)] in _MARKS, claim.statement


def test_our_fixture_imports_with_publisher_url_and_date(profiles):
    output = run(
        str(FIXTURE),
        "--publisher",
        "indian-news-outlet-report-a",
        "--url",
        "https://news.example.org/modi-cai",
        "--published",
        "2025-09-01",
    )
    source = Source.objects.get()
    assert source.publisher.slug == "indian-news-outlet-report-a"
    assert source.url == "https://news.example.org/modi-cai"
    assert str(source.published_on) == "2025-09-01"
    assert "7 candidate claim(s)" in output
    assert "Vikram Misri" in output


def test_the_same_text_twice_is_refused_naming_the_source(profiles):
    run(str(FIXTURE))
    before = counts()
    with pytest.raises(CommandError, match=r"already archived as source #\d+, “Modi and Cai"):
        run(str(FIXTURE))
    assert counts() == before


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "empty.txt", "empty"),
        (b"%PDF-1.4\x00\x01", "report.pdf", "binary file"),
        (b"\xff\xfe\x00\x00garbage", "odd.txt", "binary"),
        (b"Caf\xe9 au lait, \xe9t\xe9", "latin1.txt", "cannot be read as utf-8"),
    ],
)
def test_bad_files_are_refused_and_create_nothing(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError) as refusal:
        run(str(path))
    assert message in str(refusal.value).lower()
    assert counts() == (0, 0, 0)


@override_settings(NEWSROOM_IMPORT_MAX_BYTES=2 * 1024 * 1024)
def test_a_file_over_2_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (2 * 1024 * 1024 // 5 + 1))
    with pytest.raises(CommandError, match="the most that can be imported is 2.0 MB"):
        run(str(path))
    assert counts() == (0, 0, 0)


def test_bad_options_are_refused(tmp_path):
    with pytest.raises(CommandError, match="not a file"):
        run(str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="No organization"):
        run(str(FIXTURE), "--publisher", "nobody")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(str(FIXTURE), "--published", "31/08/2025")
    with pytest.raises(CommandError, match="private or local address"):
        run("http://127.0.0.1:9/report.txt")
    with pytest.raises(CommandError, match="Enter a valid URL"):
        run(str(FIXTURE), "--url", "not an address")
    assert counts() == (0, 0, 0)


@override_settings(NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS=True)
def test_a_url_is_fetched(profiles):
    with serving({"/r.txt": (200, "text/plain; charset=utf-8", FIXTURE.read_bytes())}) as base:
        output = run(f"{base}/r.txt")
    assert "7 candidate claim(s)" in output
    assert Source.objects.get().url == f"{base}/r.txt"

"""Importing a report: the source, the candidate claims, refusals, and deciding candidates."""

import pytest
import reversion
from django.test import override_settings
from reversion.models import Version

from newsroom.actions import imports
from newsroom.exceptions import DuplicateImport, ImportRefused
from newsroom.history.models import Deletion
from newsroom.models import (
    CandidateStatus,
    Citation,
    Claim,
    ClaimKind,
    ClaimStatus,
    ImportCandidate,
    Source,
    SourceImport,
)
from profiles.models import Organization, Person
from tests.support.imports import FIXTURE, load_demo_profiles, serving

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles():
    return load_demo_profiles()


@pytest.fixture
def imported(profiles):
    report = imports.read_upload(FIXTURE.read_bytes(), name=FIXTURE.name)
    return imports.import_report(report=report, actor=profiles.users["writer"])


def candidate_saying(result, words):
    return next(c for c in result.candidates if c.quotation.startswith(words))


def test_a_report_becomes_a_source_with_its_text_hash_and_capture_time(imported):
    source = imported.source
    assert source.title == "Modi and Cai meet in Tianjin, a banquet set aside"
    assert source.archived_text == FIXTURE.read_text(encoding="utf-8").strip() + "\n"
    source.clean()  # the model's own hash, recomputed, matches the stored one
    assert Source.objects.get(pk=source.pk).archived_sha256 == source.archived_sha256
    assert source.archived_at is not None
    assert str(source.published_on) == "2025-08-31"
    assert SourceImport.objects.get().origin == FIXTURE.name


def test_each_quotation_is_a_draft_quote_with_a_verified_citation(imported):
    assert len(imported.candidates) == 7
    for candidate in imported.candidates:
        claim = candidate.claim
        assert (claim.kind, claim.status, claim.verdict) == (ClaimKind.QUOTE, ClaimStatus.DRAFT, "")
        [citation] = claim.citations.all()
        assert citation.locator == f"para {candidate.paragraph}"
        assert citation.excerpt_verified is True
        assert citation.excerpt in imported.source.archived_text
    assert not Claim.objects.public().exists()


def test_speakers_are_linked_when_known(imported):
    misri = Person.objects.get(slug="vikram-misri")
    mea = Organization.objects.get(slug="mea")
    assert candidate_saying(imported, "The Prime Minister also met").claim.claimant_person == misri
    assert candidate_saying(imported, "Both sides").claim.claimant_person == misri
    for words in ("set out", "as the two", "a candid", "laid out", "in keeping"):
        assert candidate_saying(imported, words).claim.claimant_organization == mea, words


def test_known_people_in_the_paragraph_are_the_subjects_but_not_the_speaker(imported):
    claim = candidate_saying(imported, "set out").claim
    assert {p.slug for p in claim.about_people.all()} == {"narendra-modi", "cai-qi", "xi-jinping"}
    assert not claim.about_organizations.filter(slug="mea").exists()
    misri_quote = candidate_saying(imported, "The Prime Minister also met").claim
    assert not misri_quote.about_people.filter(slug="vikram-misri").exists()


def test_the_import_is_one_revision_by_the_importer(imported, profiles):
    [version] = Version.objects.get_for_object(imported.source)
    revision = version.revision
    assert revision.user == profiles.users["writer"]
    assert revision.comment == f"Imported from {FIXTURE.name}."
    claims = {c.claim for c in imported.candidates}
    assert {v.object for v in revision.version_set.all() if isinstance(v.object, Claim)} == claims
    assert all(c.claim.created_by == profiles.users["writer"] for c in imported.candidates)


def test_the_same_text_twice_creates_nothing_new(imported, profiles):
    counts = (Source.objects.count(), Claim.objects.count(), ImportCandidate.objects.count())
    report = imports.read_text(FIXTURE.read_text(encoding="utf-8"))
    with pytest.raises(DuplicateImport) as refusal:
        imports.import_report(report=report, actor=profiles.users["writer"])
    assert f"source #{imported.source.pk}" in str(refusal.value)
    assert imported.source.title in str(refusal.value)
    assert counts == (
        Source.objects.count(),
        Claim.objects.count(),
        ImportCandidate.objects.count(),
    )


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"", "empty.txt", "empty"),
        (b"  \n\n ", "blank.txt", "empty"),
        (b"%PDF-1.7 binary", "report.pdf", "binary"),
        (b"\x89PNG\r\n\x1a\n....", "photo.txt", "binary"),
        (b"text\x00with nul", "odd.txt", "binary"),
        ("Caf\u00e9 au lait".encode("latin-1"), "latin.txt", "cannot be read as utf-8"),
        (b"<html><body><script>x()</script></body></html>", "page.html", "No text was found"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data, name, message):
    with pytest.raises(ImportRefused) as refusal:
        imports.read_upload(data, name=name)
    assert message.lower() in str(refusal.value).lower()


@override_settings(NEWSROOM_IMPORT_MAX_BYTES=100)
def test_oversized_input_is_refused():
    with pytest.raises(ImportRefused, match="most that can be imported is"):
        imports.read_upload(b"x " * 51)
    with pytest.raises(ImportRefused, match="most that can be imported is"):
        imports.read_text("x " * 51)


def test_html_is_reduced_to_its_main_text_with_headline_and_date():
    html = b"""<!doctype html><html><head><title>Site | Ties</title>
    <meta property="og:title" content="Modi meets Cai in Tianjin">
    <meta property="article:published_time" content="2025-08-31T09:00:00+08:00">
    <script>var tracking = "do not keep me";</script></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Modi meets Cai in Tianjin</h1>
    <p>The meeting was short. Foreign Secretary Vikram Misri said,
    \xe2\x80\x9cThe talks went well for both sides.\xe2\x80\x9d</p>
    <p>A banquet had been proposed for the evening but was set aside for a brief meeting.</p>
    </article><footer>Copyright 2025. All rights reserved.</footer></body></html>"""
    report = imports.read_upload(html, name="page.html")
    assert report.headline == "Modi meets Cai in Tianjin"
    assert str(report.published_on) == "2025-08-31"
    assert "do not keep me" not in report.text
    assert "All rights reserved" not in report.text
    paragraphs = report.text.strip().split("\n\n")
    assert "The talks went well for both sides." in paragraphs[1]
    assert paragraphs[2].startswith("A banquet had been proposed")


# -- fetching


@override_settings(NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS=True)
def test_a_url_is_fetched_and_imported(profiles):
    body = FIXTURE.read_bytes()
    with serving({"/report.txt": (200, "text/plain; charset=utf-8", body)}) as base:
        report = imports.fetch_url(f"{base}/report.txt")
    result = imports.import_report(report=report, actor=profiles.users["editor"])
    assert result.source.url == f"{base}/report.txt"
    assert len(result.candidates) == 7


@override_settings(NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS=True, NEWSROOM_IMPORT_MAX_BYTES=1000)
def test_a_fetch_stops_at_the_size_cap_and_answers_errors_clearly():
    pages = {
        "/big": (200, "text/plain", b"word " * 1000),
        "/gone": (404, "text/plain", b"no"),
    }
    with serving(pages) as base:
        with pytest.raises(ImportRefused, match="most that can be imported"):
            imports.fetch_url(f"{base}/big")
        with pytest.raises(ImportRefused, match="404"):
            imports.fetch_url(f"{base}/gone")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/report",
        "http://localhost/report",
        "http://10.0.0.8/report",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/report",
    ],
)
def test_private_and_loopback_addresses_are_refused(url):
    with pytest.raises(ImportRefused, match="private or local address"):
        imports.fetch_url(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(ImportRefused, match="Only http:// and https://"):
        imports.fetch_url(url)


@override_settings(NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS=True)
def test_a_redirect_is_checked_like_the_address_itself(monkeypatch):
    checked = []
    real_check = imports.check_url
    monkeypatch.setattr(imports, "check_url", lambda url: (checked.append(url), real_check(url)))
    pages = {
        "/go": (302, "text/plain", b"/report.txt"),
        "/report.txt": (200, "text/plain", FIXTURE.read_bytes()),
        "/elsewhere": (302, "text/plain", b"file:///etc/passwd"),
    }
    with serving(pages) as base:
        report = imports.fetch_url(f"{base}/go")
        with pytest.raises(ImportRefused, match="not allowed"):
            imports.fetch_url(f"{base}/elsewhere")
    assert checked[:2] == [f"{base}/go", f"{base}/report.txt"]
    assert "Vikram Misri" in report.text


# -- deciding candidates


def test_accept_as_is_keeps_the_draft(imported, profiles):
    candidate = candidate_saying(imported, "Both sides")
    imports.accept_candidate(candidate=candidate, actor=profiles.users["writer"])
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED
    assert candidate.decided_by == profiles.users["writer"]
    assert candidate.claim.status == ClaimStatus.DRAFT
    assert candidate.claim.statement == "Both sides want steady ties"


def test_accept_edited_changes_the_statement_and_claimant(imported, profiles):
    candidate = candidate_saying(imported, "a candid")
    modi = Person.objects.get(slug="narendra-modi")
    imports.accept_candidate(
        candidate=candidate,
        actor=profiles.users["editor"],
        statement="The leaders had a candid and useful exchange",
        claimant_person=modi,
        set_claimant=True,
    )
    claim = Claim.objects.get(pk=candidate.claim_id)
    assert claim.statement == "The leaders had a candid and useful exchange"
    assert (claim.claimant_person, claim.claimant_organization) == (modi, None)
    assert ImportCandidate.objects.get(pk=candidate.pk).status == CandidateStatus.ACCEPTED


def test_merge_moves_citations_and_subjects_and_removes_the_other_claim(imported, profiles):
    first = candidate_saying(imported, "set out")
    second = candidate_saying(imported, "laid out")
    second_claim = second.claim
    kept = imports.merge_candidates(candidate=second, into=first, actor=profiles.users["writer"])
    assert kept.pk == first.pk
    assert not Claim.objects.filter(pk=second_claim.pk).exists()
    assert Deletion.objects.filter(
        content_type__model="claim", object_id=str(second_claim.pk)
    ).exists()
    locators = sorted(Citation.objects.filter(claim=first.claim).values_list("locator", flat=True))
    assert locators == ["para 2", "para 7"]
    second.refresh_from_db()
    assert (second.status, second.merged_into, second.claim) == (
        CandidateStatus.MERGED,
        first,
        None,
    )
    assert ImportCandidate.objects.get(pk=first.pk).status == CandidateStatus.PENDING


def test_discard_deletes_the_draft_claim_through_the_deletion_log(imported, profiles):
    candidate = candidate_saying(imported, "as the two")
    claim_pk = candidate.claim_id
    imports.discard_candidate(candidate=candidate, actor=profiles.users["writer"])
    candidate.refresh_from_db()
    assert (candidate.status, candidate.claim) == (CandidateStatus.DISCARDED, None)
    assert not Claim.objects.filter(pk=claim_pk).exists()
    deletion = Deletion.objects.get(content_type__model="claim", object_id=str(claim_pk))
    assert deletion.deleted_by == profiles.users["writer"]


def test_a_decided_candidate_cannot_be_decided_again(imported, profiles):
    candidate = candidate_saying(imported, "as the two")
    imports.discard_candidate(candidate=candidate, actor=profiles.users["writer"])
    with pytest.raises(ImportRefused, match="already discarded"):
        imports.accept_candidate(candidate=candidate, actor=profiles.users["writer"])
    with pytest.raises(ImportRefused, match="already discarded"):
        imports.merge_candidates(
            candidate=candidate,
            into=candidate_saying(imported, "set out"),
            actor=profiles.users["writer"],
        )


def test_fact_checkers_neither_import_nor_decide(imported, profiles):
    checker = profiles.users["factchecker"]
    with pytest.raises(ImportRefused, match="editors and writers"):
        imports.import_report(
            report=imports.read_text("A “new report here” said X."), actor=checker
        )
    with pytest.raises(ImportRefused, match="editors and writers"):
        imports.discard_candidate(candidate=imported.candidates[0], actor=checker)
    assert ImportCandidate.objects.filter(status=CandidateStatus.PENDING).count() == 7


def test_candidates_are_versioned():
    assert reversion.is_registered(SourceImport)
    assert reversion.is_registered(ImportCandidate)

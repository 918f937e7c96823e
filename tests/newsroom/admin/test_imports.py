"""The admin's "Import a report" page and the review of an import's candidates."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from newsroom.models import CandidateStatus, Claim, ImportCandidate, Source, SourceImport
from tests.support.factories import PersonFactory
from tests.support.imports import FIXTURE, serving

pytestmark = pytest.mark.django_db

ADD = reverse("admin:newsroom_sourceimport_add")


def review_url(source_import):
    return reverse("admin:newsroom_sourceimport_change", args=[source_import.pk])


def decide_url(candidate):
    return reverse(
        "admin:newsroom_sourceimport_decide", args=[candidate.source_import_id, candidate.pk]
    )


def upload(name="report.txt", content=None, content_type="text/plain"):
    data = FIXTURE.read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type=content_type)


def counts():
    return Source.objects.count(), Claim.objects.count(), ImportCandidate.objects.count()


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def misri():
    return PersonFactory(full_name="Vikram Misri", given_name="Vikram", family_name="Misri")


@pytest.fixture
def imported(client, writer, misri):
    client.force_login(writer)
    response = client.post(ADD, {"file": upload(), "kind": "news_report"})
    assert response.status_code == 302, response.content
    return SourceImport.objects.get()


def test_a_writer_uploads_a_report_and_lands_on_its_review(client, writer, misri):
    client.force_login(writer)
    page = client.get(ADD)
    assert page.status_code == 200
    assert b"Import a report" in page.content
    response = client.post(ADD, {"file": upload(), "kind": "news_report"}, follow=True)
    source_import = SourceImport.objects.get()
    assert response.redirect_chain[-1][0] == review_url(source_import)
    assert "7 candidate claims to review" in " ".join(messages_of(response))
    assert source_import.created_by == writer
    content = response.content.decode()
    assert "Foreign Secretary Vikram Misri" in content
    assert content.count('name="move" value="accept"') == 7
    misri_claim = Claim.objects.get(statement__startswith="The Prime Minister also met")
    assert misri_claim.claimant_person == misri


def test_pasted_text_imports_too(editor_client):
    response = editor_client.post(
        ADD, {"text": FIXTURE.read_text(encoding="utf-8"), "kind": "analysis", "title": "Mine"}
    )
    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.title, source.kind) == ("Mine", "analysis")
    assert SourceImport.objects.get().origin == "pasted text"


@override_settings(NEWSROOM_IMPORT_ALLOW_PRIVATE_URLS=True)
def test_an_address_is_fetched_by_the_server(editor_client):
    with serving({"/r.txt": (200, "text/plain; charset=utf-8", FIXTURE.read_bytes())}) as base:
        response = editor_client.post(ADD, {"fetch_url": f"{base}/r.txt", "kind": "news_report"})
    assert response.status_code == 302
    assert Source.objects.get().url == f"{base}/r.txt"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"file": upload("empty.txt", b"")}, "The submitted file is empty."),
        ({"text": "   \n  "}, "The report is empty"),
        ({"file": upload("r.pdf", b"%PDF-1.7\x00\x00", "application/pdf")}, "binary file"),
        ({"file": upload("r.txt", b"Caf\xe9 \xe9t\xe9")}, "cannot be read as utf-8"),
        ({"fetch_url": "http://127.0.0.1/secret"}, "private or local address"),
        ({"fetch_url": "file:///etc/passwd"}, "Only http:// and https://"),
        ({}, "Give the report one way"),
        ({"text": "Some text “with words”.", "fetch_url": "https://x.org/"}, "one way"),
    ],
)
def test_bad_input_is_refused_on_the_page_and_creates_nothing(editor_client, data, message):
    response = editor_client.post(ADD, {"kind": "news_report", **data})
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert counts() == (0, 0, 0)


def test_a_file_over_2_mb_is_refused(editor_client):
    big = upload("big.txt", b"word " * (2 * 1024 * 1024 // 5 + 1))
    response = editor_client.post(ADD, {"file": big, "kind": "news_report"})
    assert response.status_code == 200
    assert "the most that can be imported is 2.0 MB" in response.content.decode()
    assert counts() == (0, 0, 0)


def test_the_same_text_twice_names_the_existing_source(editor_client):
    editor_client.post(ADD, {"file": upload(), "kind": "news_report"})
    before = counts()
    response = editor_client.post(ADD, {"file": upload("again.txt"), "kind": "news_report"})
    source = Source.objects.get()
    content = response.content.decode()
    assert f"already archived as source #{source.pk}" in content
    assert reverse("admin:newsroom_source_change", args=[source.pk]) in content
    assert counts() == before


# -- the review screen


def test_accept_edited_from_the_review_screen(client, imported, misri):
    candidate = imported.candidates.get(quotation__startswith="a candid")
    prefix = f"c{candidate.pk}"
    response = client.post(
        decide_url(candidate),
        {
            "move": "accept",
            f"{prefix}-statement": "The leaders had a candid and useful exchange",
            f"{prefix}-claimant_person": misri.pk,
        },
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.ACCEPTED
    assert candidate.claim.statement == "The leaders had a candid and useful exchange"
    assert candidate.claim.claimant_person == misri


def test_merge_and_discard_from_the_review_screen(client, imported):
    first = imported.candidates.get(quotation__startswith="set out")
    second = imported.candidates.get(quotation__startswith="laid out")
    third = imported.candidates.get(quotation__startswith="as the two")
    response = client.post(
        decide_url(second),
        {
            "move": "merge",
            f"c{second.pk}-statement": second.claim.statement,
            f"c{second.pk}-into": first.pk,
        },
        follow=True,
    )
    assert any("Merged" in m for m in messages_of(response))
    response = client.post(decide_url(third), {"move": "discard"}, follow=True)
    assert any("Discarded" in m for m in messages_of(response))
    statuses = dict(imported.candidates.values_list("pk", "status"))
    assert statuses[second.pk] == CandidateStatus.MERGED
    assert statuses[third.pk] == CandidateStatus.DISCARDED
    assert first.claim.citations.count() == 2
    assert Claim.objects.count() == 5
    # Decided candidates lose their buttons.
    assert response.content.decode().count('name="move" value="accept"') == 5


def test_merge_without_a_target_and_a_second_decision_are_refused(client, imported):
    candidate = imported.candidates.first()
    response = client.post(
        decide_url(candidate),
        {"move": "merge", f"c{candidate.pk}-statement": "x y"},
        follow=True,
    )
    assert "Choose the candidate to merge it into." in messages_of(response)
    client.post(decide_url(candidate), {"move": "discard"})
    response = client.post(decide_url(candidate), {"move": "discard"}, follow=True)
    assert any("already discarded" in m for m in messages_of(response))
    assert client.get(decide_url(candidate)).status_code == 405


def test_fact_checkers_read_the_review_but_cannot_import_or_decide(client, imported, fact_checker):
    client.force_login(fact_checker)
    assert client.get(ADD).status_code == 403
    page = client.get(review_url(imported))
    assert page.status_code == 200
    assert "a candid and useful exchange" in page.content.decode()
    assert b'name="move"' not in page.content
    candidate = imported.candidates.first()
    assert client.post(decide_url(candidate), {"move": "discard"}).status_code == 403
    assert ImportCandidate.objects.filter(status=CandidateStatus.PENDING).count() == 7

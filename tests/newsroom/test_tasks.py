"""Slow work runs in django-tasks' database worker, not in the editor's request: the queue is
a table written in the request's transaction, so a task exists only if the change committed,
and nothing happens until a worker runs it (``manage.py db_worker``, as ``make serve`` starts
it). The rest of the suite runs tasks at once (the immediate backend, tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django_tasks_db.models import DBTaskResult

from newsroom import actions
from newsroom.models import Image
from tests.support.admin import form_errors
from tests.support.content import claim_in
from tests.support.factories import PersonFactory
from tests.support.images import encoded, image_add, media_files, picture_sources

# Committed for real, as in production: the worker reads what the request's transaction wrote
# (and closes its connection between tasks, which a test's open transaction would not survive).
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_an_upload_is_saved_at_once_and_its_renditions_follow_from_the_worker(
    database_queue, editor_client
):
    reader = Client()
    person = PersonFactory(is_published=True)
    response = image_add(
        editor_client, encoded("JPEG", (1300, 650)), "summit.jpg", portrait_of=person.pk
    )
    assert response.status_code == 302, form_errors(response)
    image = Image.objects.get()
    assert not image.renditions.exists()  # the request made none
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    before = reader.get(person.get_absolute_url()).content.decode()
    assert image.file.url in before  # readers see the original meanwhile
    assert picture_sources(before) == {}

    run_worker()
    assert sorted(set(image.renditions.values_list("width", flat=True))) == [320, 640, 1024, 1300]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    after = reader.get(person.get_absolute_url()).content.decode()
    assert set(picture_sources(after)) == {"webp", "jpeg"}


def test_an_upload_rolled_back_leaves_no_task_and_no_file(database_queue):
    image = Image(alt_text="Delegations at the table")
    with (
        pytest.raises(RuntimeError),
        actions.media_kept_only_if_saved(),
        transaction.atomic(),
    ):
        actions.store_image(
            image=image, upload=SimpleUploadedFile("a.png", encoded("PNG", (700, 350)))
        )
        raise RuntimeError("the rest of the save failed")
    assert not DBTaskResult.objects.exists()
    assert media_files() == []


def test_an_assignment_mail_is_queued_on_commit_and_sent_by_the_worker(
    database_queue, editor, fact_checker, mailoutbox
):
    claim = claim_in("submitted", editor)
    actions.assign_claim(claim=claim, actor=editor, assignee=fact_checker)
    assert mailoutbox == []  # the editor's request sent nothing
    run_worker()
    assert [m.to for m in mailoutbox] == [[fact_checker.email]]
    assert claim.slug in mailoutbox[0].subject

"""Work that need not hold up an editor's request, run by django-tasks' database worker.

``make serve`` and ``make run`` start the worker (``manage.py db_worker``) beside the web
server; production runs it as a process of its own (README). A task is enqueued inside the
request's transaction, so the database backend stores it only if that transaction commits
(a rolled-back upload makes no renditions) and the worker can only see it afterwards. Tests
run every task at once, in the caller (the immediate backend, ``tests/conftest.py``).

Arguments are ids and plain strings: a task reads the rows fresh when it runs. Each task is
idempotent — it may run late, or twice — and leaves its rules to ``newsroom.actions``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def make_renditions(image_id: int) -> int:
    """The standard renditions of an uploaded image (``actions.ensure_renditions``); how many
    it has. An image deleted before the worker got to it needs none."""
    from newsroom.actions.images import ensure_renditions
    from newsroom.models import Image

    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0
    return len(ensure_renditions(image=image))


@task()
def send_email(subject: str, body: str, recipients: list[str]) -> int:
    """One e-mail from ``DEFAULT_FROM_EMAIL``; the number sent (0 or 1). A mail server that
    refuses fails the task, which the worker records, instead of an editor's save."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)

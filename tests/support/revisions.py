"""Revisions made the way a script would (a save inside ``reversion.create_revision``), and
history aged all together, for the history and retention tests."""

import datetime as dt

import reversion
from django.db.models import F
from reversion.models import Revision, Version

from newsroom.models import ArticleEvent, Correction, ReviewEvent
from tests.support.admin import latest_revision


def save_revision(obj, comment: str, user=None) -> Revision:
    with reversion.create_revision():
        reversion.set_comment(comment)
        reversion.set_user(user)
        obj.save()
    return latest_revision()


def edit(obj, user, **fields):
    """Save ``fields`` on a fresh copy of ``obj``, one revision by ``user``; return its version."""
    fresh = type(obj).objects.get(pk=obj.pk)
    with reversion.create_revision():
        reversion.set_user(user)
        for name, value in fields.items():
            setattr(fresh, name, value)
        fresh.save()
    return Version.objects.get_for_object(fresh).first()


def age_everything(days=400):
    """Move all history back in time together, as if it had happened ``days`` ago."""
    shift = dt.timedelta(days=days)
    Revision.objects.update(date_created=F("date_created") - shift)
    ArticleEvent.objects.update(created_at=F("created_at") - shift)
    ArticleEvent.objects.filter(live_from__isnull=False).update(live_from=F("live_from") - shift)
    ReviewEvent.objects.update(created_at=F("created_at") - shift)
    Correction.objects.update(created_at=F("created_at") - shift)

"""Preview links: a signed, expiring address that shows someone outside the newsroom an
article as it was when the link was made (its latest revision), published or not.

The token is signed with ``SHARE_LINK_SALT`` (unguessable and tamper-evident); the link row
pins the revision and can be revoked at once. ``newsroom.views`` serves the preview.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from newsroom.actions.common import record_revision
from newsroom.exceptions import InvalidArticleTransition
from newsroom.models import Article, ShareLink

SHARE_LINK_SALT = "newsroom.share-link"
DEFAULT_SHARE_LINK_LIFETIME = dt.timedelta(days=3)


@transaction.atomic
def create_share_link(
    *,
    article: Article,
    actor: AbstractBaseUser,
    lifetime: dt.timedelta = DEFAULT_SHARE_LINK_LIFETIME,
    note: str = "",
) -> ShareLink:
    """Make a preview link to the article as it is now (its latest revision).

    Saves a revision first when the article has none, so there is always a version to pin.
    """
    if not actor.has_perm("newsroom.change_article"):
        raise InvalidArticleTransition("You cannot share this article.")
    if lifetime <= dt.timedelta(0) or lifetime > dt.timedelta(days=30):
        raise InvalidArticleTransition("A share link lasts between a minute and 30 days.")
    version = Version.objects.get_for_object(article).first()
    if version is None:
        record_revision(article, actor=actor, comment="Revision saved for a share link.")
        version = Version.objects.get_for_object(article).first()
    return ShareLink.objects.create(
        article=article,
        version=version,
        note=note,
        created_by=actor,
        expires_at=timezone.now() + lifetime,
    )


def share_link_token(link: ShareLink) -> str:
    """The signed token that goes in the link's URL; unguessable, and tamper-evident."""
    return signing.dumps(link.pk, salt=SHARE_LINK_SALT)


def resolve_share_link(token: str) -> ShareLink | None:
    """The active link ``token`` names, or None if it is forged, expired or revoked."""
    try:
        pk = signing.loads(token, salt=SHARE_LINK_SALT)
    except signing.BadSignature:
        return None
    return (
        ShareLink.objects.active()
        .select_related("article", "version", "version__revision")
        .filter(pk=pk)
        .first()
    )


def revoke_share_link(*, link: ShareLink, actor: AbstractBaseUser) -> ShareLink:
    """Stop a link from working, at once."""
    if not actor.has_perm("newsroom.change_article"):
        raise InvalidArticleTransition("You cannot revoke this link.")
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    return link

"""Articles in the database: a publication time is required; published() agrees with is_live."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsroom.models import Article, ArticleStatus
from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_article_needs_a_publication_time():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(article).objects.filter(pk=article.pk).update(status="published")


@pytest.mark.parametrize("status", ArticleStatus.values)
@pytest.mark.parametrize("days", [-1, 1], ids=["past", "future"])
def test_published_article_statuses_are_consistent(status, days):
    # The public queryset must agree with Article.is_live on every status, past and future
    # (it only listed three status names, which could not fail).
    article = ArticleFactory()
    when = timezone.now() + dt.timedelta(days=days)
    Article.objects.filter(pk=article.pk).update(status=status, published_at=when)
    article.refresh_from_db()
    assert Article.objects.published().filter(pk=article.pk).exists() is article.is_live
    assert article.is_live is (status in ("published", "scheduled") and days < 0)

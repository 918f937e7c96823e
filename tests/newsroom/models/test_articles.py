"""Articles in the database: a published one needs a publication time."""

import pytest
from django.db import IntegrityError, transaction

from tests.support.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_article_needs_a_publication_time():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(article).objects.filter(pk=article.pk).update(status="published")

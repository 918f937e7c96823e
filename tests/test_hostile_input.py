"""Hostile input never answers 5xx: random data posted to every admin add and change form by an
editor (every registered admin, with its inlines), and every public address requested with
hostile query parameters.

Hypothesis draws the input; ``FUZZ_MAX_EXAMPLES`` (default 2) sets how many rounds, each of
which posts to every form and requests every address once. ``-s`` prints how many inputs ran.
"""

from __future__ import annotations

import os
import re
import time
import traceback

import pytest
from django.contrib import admin
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.admin import admin_form_data
from tests.support.content import make_public_claim, make_published_article
from tests.support.factories import (
    AuthorFactory,
    CorrectionFactory,
    EventFactory,
    ImageFactory,
    MembershipFactory,
    ParticipationFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "2"))

# What an attacker types: ids that are not ids, numbers beyond any column, NUL bytes, markup.
NASTY = [
    "abc",
    "-1",
    "0",
    "1.5",
    "1e99",
    "99999999999999999999",
    "9" * 400,
    "\x00",
    "a\x00b",
    '"',
    "'; --",
    "<script>",
    "１２",
    "2025-02-30",
    "0000-00-00",
    "[]",
    "x" * 3000,
]
hostile = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
)
PARAMETERS = ["q", "page", "p", "as_of", "verdict", "since", "o", "before", "after", "new", "old"]
TOTAL_FORMS = re.compile(r"-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$")


@pytest.fixture
def content(editor):
    """One row of every kind the admin edits, public where it can be, linked up."""
    claim = make_public_claim(editor)
    article = make_published_article(editor, tags=[TagFactory()], bylines=[AuthorFactory()])
    CorrectionFactory(article=article)
    membership = MembershipFactory()
    event = EventFactory(is_published=True)
    ParticipationFactory(event=event, person=membership.person)
    ImageFactory()
    return {"claim": claim, "article": article, "person": membership.person, "event": event}


def admin_forms(client) -> list[tuple[str, dict]]:
    """Each registered admin's add form and one change form, with the data they submit."""
    forms = []
    for model in admin.site._registry:
        opts = model._meta
        urls = [f"/admin/{opts.app_label}/{opts.model_name}/add/"]
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/")
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            if response.status_code == 200 and "adminform" in response.context:
                forms.append((url, admin_form_data(response)))
    return forms


def public_urls(content) -> list[str]:
    article, claim = content["article"], content["claim"]
    return [
        "/",
        "/articles/",
        article.get_absolute_url(),
        article.get_absolute_url() + "changes/",
        "/claims/",
        claim.get_absolute_url(),
        claim.citations.first().source.get_absolute_url(),
        "/people/",
        content["person"].get_absolute_url(),
        "/organizations/",
        "/events/",
        content["event"].get_absolute_url(),
        "/corrections/",
        "/search/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/corrections/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/api/",
        "/api/articles/",
        f"/api/articles/{article.slug}/",
        "/api/claims/",
        f"/api/claims/{claim.slug}/",
        "/api/people/",
        f"/api/people/{content['person'].slug}/",
        "/api/events/",
        f"/api/events/{content['event'].slug}/",
        "/preview/not-a-token/",
    ]


def hostile_post(draw, data: dict) -> dict:
    """The form's own data with some fields replaced by hostile values, some management-form
    fields dropped or set to random counts, and a field the form does not have."""
    data = dict(data)
    names = sorted(data)
    for name in draw(st.lists(st.sampled_from(names), max_size=6, unique=True)) if names else []:
        if TOTAL_FORMS.search(name):
            choice = draw(st.sampled_from(["drop", "count", "nasty"]))
            if choice == "drop":
                del data[name]
            else:
                data[name] = (
                    str(draw(st.integers(-5, 5000))) if choice == "count" else draw(hostile)
                )
        else:
            data[name] = draw(st.one_of(hostile, st.lists(hostile, max_size=3)))
    data[draw(st.sampled_from(["_save", "_continue", "bogus-0-id", "reason"]))] = draw(hostile)
    return data


def check(failures: list, send, url: str, data: dict) -> None:
    """Send one request; record it if it answered 5xx or its view raised."""
    try:
        status = send(url, data).status_code
    except Exception as error:  # noqa: BLE001 — the view's exception, recorded as its 500
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if "-packages" not in f.filename]
        status = f"500 {type(error).__name__}: {error} at {ours[-1:]}"
    if isinstance(status, str) or status >= 500:
        failures.append((send.__name__.upper(), url, status, data))


def test_hostile_input_never_answers_5xx(content, editor):
    client = Client()  # an exception in a view raises here, so the failure names it
    client.force_login(editor)
    forms = admin_forms(client)
    urls = public_urls(content)
    assert len(forms) >= 20  # every admin that an editor may add to or change
    anonymous = Client()
    tried, failures = [0], []
    started = time.monotonic()

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def round_of_requests(data):
        for url, form in forms:
            post = hostile_post(data.draw, form)
            tried[0] += 1
            check(failures, client.post, url, post)
        for url in urls:
            keys = data.draw(st.lists(st.sampled_from(PARAMETERS), max_size=3, unique=True))
            query = {key: data.draw(hostile) for key in keys}
            tried[0] += 1
            check(failures, anonymous.get, url, query)

    round_of_requests()
    print(
        f"\nhostile input: {tried[0]} requests ({len(forms)} admin forms, {len(urls)} public "
        f"addresses, {MAX_EXAMPLES} rounds) in {time.monotonic() - started:.1f} s, "
        f"{len(failures)} answered 5xx"
    )
    assert not failures, failures[:5]

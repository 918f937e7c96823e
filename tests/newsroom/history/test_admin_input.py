"""Garbage ids in admin relation fields, history views and the autocomplete view give form
errors, 403 or 404, never a 500."""

from __future__ import annotations

import pytest
from django.contrib import admin

from newsroom.history.admin_input import SafeRelationsMixin
from tests.support.admin import admin_form_data, admin_url, form_errors
from tests.support.content import make_published_article
from tests.support.factories import MembershipFactory, TagFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def test_every_admin_and_inline_handles_garbage_relation_ids():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in ("profiles", "events", "newsroom"):
            continue
        assert isinstance(model_admin, SafeRelationsMixin), model
        for inline in model_admin.inlines:
            assert issubclass(inline, SafeRelationsMixin), inline


@pytest.mark.parametrize("value", ["abc", HUGE, "a\x00b"])
def test_garbage_in_an_inline_autocomplete_field_is_a_form_error(editor_client, value):
    membership = MembershipFactory()
    person = membership.person
    data = admin_form_data(editor_client.get(admin_url(person, "change")))
    data["memberships-0-organization"] = value
    data["change_reason"] = "Test."
    response = editor_client.post(admin_url(person, "change"), data)
    assert response.status_code == 200
    assert "memberships-0-organization" in form_errors(response)


@pytest.mark.parametrize("value", ["abc", HUGE])
def test_garbage_in_a_many_to_many_autocomplete_field_is_a_form_error(editor_client, editor, value):
    article = make_published_article(editor, tags=[TagFactory()])
    data = admin_form_data(editor_client.get(admin_url(article, "change")))
    data["tags"] = [value]
    data["change_reason"] = "Test."
    response = editor_client.post(admin_url(article, "change"), data)
    assert response.status_code == 200
    assert "tags" in form_errors(response)


def test_a_revert_of_a_non_numeric_record_id_is_not_found(editor_client):
    response = editor_client.get("/admin/profiles/person/abc/history/1/")
    assert response.status_code in (302, 404)


@pytest.mark.parametrize(
    "query",
    [
        "app_label=profiles&model_name=person&field_name=memberships",
        "app_label=newsroom&model_name=claim&field_name=citations",
        "app_label=profiles&model_name=person&field_name=bogus",
        "app_label=bogus&model_name=person&field_name=x",
    ],
)
def test_autocomplete_refuses_reverse_relations_and_bogus_fields(editor_client, query):
    assert editor_client.get(f"/admin/autocomplete/?{query}").status_code == 403


def test_autocomplete_still_answers_for_a_forward_relation(editor_client):
    MembershipFactory(organization__name="Politburo")
    response = editor_client.get(
        "/admin/autocomplete/?app_label=profiles&model_name=membership"
        "&field_name=organization&term=Polit"
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Politburo"]

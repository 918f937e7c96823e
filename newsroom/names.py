"""Readable names for the rows the admin lists that Django names by class and id.

- Users by their full name ("Ines Albrecht"), falling back to the username: Django's ``User``
  is named by its username wherever ``str(user)`` is used (assignee columns and selects,
  read-only foreign keys, messages, revision comments), and there is no setting for it.
- The rows of auto-created many-to-many tables (a claim's ``about_events``, an article's
  ``tags``) by the two records they join: Django names them "Claim_about_events object (4)"
  on delete confirmations and in reversion's lists.

``install()`` runs once, from ``NewsroomConfig.ready``.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import models

from newsroom.roles import EDITORIAL_APPS


def user_name(user) -> str:
    """A user as people know them: the full name, else the username."""
    return user.get_full_name() or user.get_username()


def joined_rows_name(row: models.Model) -> str:
    """A many-to-many row as the two records it joins: "“Modi met Cai …” — Tianjin meeting"."""
    left, right = (getattr(row, field.name) for field in row._meta.fields if field.is_relation)
    return f"{left} — {right}"


def install() -> None:
    if get_user_model() is User:
        User.__str__ = user_name
    for model in apps.get_models(include_auto_created=True):
        if (
            model._meta.auto_created
            and model._meta.app_label in EDITORIAL_APPS
            and model.__str__ is models.Model.__str__
        ):
            model.__str__ = joined_rows_name

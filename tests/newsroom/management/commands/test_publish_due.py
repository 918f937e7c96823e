"""The publish_due command: safe to run when nothing is due."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_publish_due_command_is_safe_to_run_with_nothing_due(capsys):
    call_command("publish_due")
    assert "0 article(s) published." in capsys.readouterr().out

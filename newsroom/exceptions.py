"""Errors the workflows raise; views, the admin and commands turn them into messages."""

from reversion.errors import RevertError


class WorkflowError(Exception):
    """A move the workflow refuses. ``str(error)`` is written for the person who tried it."""


class InvalidClaimTransition(WorkflowError):
    """A claim cannot make this move now (wrong status, missing evidence, four-eyes rule)."""


class InvalidArticleTransition(WorkflowError):
    """An article cannot make this move now (wrong status, role, or unrated claims)."""


class TwoFactorError(Exception):
    """A two-factor step refused (wrong or reused code, too many tries, nothing to confirm).
    ``str(error)`` is written for the person who tried it."""


class ImportRefused(WorkflowError):
    """A report that cannot be imported (empty, binary, too large, undecodable, unreachable, or
    already imported); nothing was created."""


class DuplicateImport(ImportRefused):
    """The report's text is already a source's archived text: ``source`` is that source."""

    def __init__(self, message: str, *, source):
        super().__init__(message)
        self.source = source


class MergeRefused(WorkflowError, RevertError):
    """A profile merge, or its undoing, that cannot be made; nothing was changed. Also a
    ``RevertError``, so reversion's own revert view shows it as a message."""

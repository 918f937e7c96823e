"""Errors the workflows raise; views, the admin and commands turn them into messages."""


class WorkflowError(Exception):
    """A move the workflow refuses. ``str(error)`` is written for the person who tried it."""


class InvalidClaimTransition(WorkflowError):
    """A claim cannot make this move now (wrong status, missing evidence, four-eyes rule)."""


class InvalidArticleTransition(WorkflowError):
    """An article cannot make this move now (wrong status, role, or unrated claims)."""


class TwoFactorError(Exception):
    """A two-factor step refused (wrong or reused code, too many tries, nothing to confirm).
    ``str(error)`` is written for the person who tried it."""

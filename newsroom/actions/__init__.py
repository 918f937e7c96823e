"""The fact-check and publishing workflows: the only code that changes a claim's or an
article's status.

The admin, the management commands and the API call these functions. They check who may make
each move and the workflow's invariants, write the audit rows and record revisions; callers
check their own input (is there a rationale in the form) and turn ``WorkflowError`` into a
message. Import from here: ``from newsroom import actions``.
"""

from newsroom.actions.articles import (
    add_correction,
    article_move_problem,
    available_article_moves,
    create_share_link,
    discard_changes,
    draft_of,
    mark_substantive_update,
    publication_blockers,
    publish_changes,
    publish_due_articles,
    record_article_url,
    resolve_claim_slugs,
    resolve_share_link,
    revoke_share_link,
    save_article_draft,
    share_link_token,
    sync_article_references,
    transition_article,
    unrated_claims,
    unschedule_articles_citing,
)
from newsroom.actions.claims import (
    CLAIM_MOVE_PERMISSIONS,
    assign_claim,
    available_claim_moves,
    check_claim_content,
    claim_content,
    claim_move_problem,
    describe_content_changes,
    is_too_close_to_review,
    rate_claim,
    reopen_claim,
    reverify_source_citations,
    submit_claim,
    transition_claim,
    unassign_claim,
    verify_citation,
    withdraw_claim,
)
from newsroom.actions.context import editing
from newsroom.actions.images import ensure_renditions, store_image
from newsroom.actions.revert import revert_to_version

__all__ = [
    "CLAIM_MOVE_PERMISSIONS",
    "add_correction",
    "article_move_problem",
    "assign_claim",
    "available_article_moves",
    "available_claim_moves",
    "check_claim_content",
    "claim_content",
    "claim_move_problem",
    "create_share_link",
    "describe_content_changes",
    "discard_changes",
    "draft_of",
    "editing",
    "ensure_renditions",
    "is_too_close_to_review",
    "mark_substantive_update",
    "publication_blockers",
    "publish_changes",
    "publish_due_articles",
    "rate_claim",
    "record_article_url",
    "reopen_claim",
    "resolve_claim_slugs",
    "resolve_share_link",
    "reverify_source_citations",
    "revert_to_version",
    "revoke_share_link",
    "save_article_draft",
    "share_link_token",
    "store_image",
    "submit_claim",
    "sync_article_references",
    "transition_article",
    "transition_claim",
    "unassign_claim",
    "unrated_claims",
    "unschedule_articles_citing",
    "verify_citation",
    "withdraw_claim",
]

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
    mark_substantive_update,
    publish_due_articles,
    record_article_url,
    resolve_share_link,
    revoke_share_link,
    share_link_token,
    sync_article_references,
    transition_article,
    unrated_claims,
)
from newsroom.actions.claims import (
    CLAIM_MOVE_PERMISSIONS,
    EvidenceChange,
    assign_claim,
    available_claim_moves,
    claim_move_problem,
    describe_verification_change,
    evidence_changed,
    rate_claim,
    recheck_source_citations,
    reopen_claim,
    reverify_source_citations,
    submit_claim,
    transition_claim,
    verify_citation,
)
from newsroom.actions.images import ensure_renditions, store_image

__all__ = [
    "CLAIM_MOVE_PERMISSIONS",
    "EvidenceChange",
    "describe_verification_change",
    "evidence_changed",
    "recheck_source_citations",
    "add_correction",
    "create_share_link",
    "ensure_renditions",
    "store_image",
    "mark_substantive_update",
    "publish_due_articles",
    "record_article_url",
    "resolve_share_link",
    "revoke_share_link",
    "share_link_token",
    "article_move_problem",
    "assign_claim",
    "available_article_moves",
    "available_claim_moves",
    "claim_move_problem",
    "rate_claim",
    "reopen_claim",
    "reverify_source_citations",
    "submit_claim",
    "sync_article_references",
    "transition_article",
    "transition_claim",
    "unrated_claims",
    "verify_citation",
]

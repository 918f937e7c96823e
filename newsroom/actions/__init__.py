"""The fact-check and publishing workflows: the only code that changes a claim's or an
article's status.

The admin, the management commands and the API call these functions. They check who may make
each move and the workflow's invariants, write the audit rows and record revisions; callers
check their own input (is there a rationale in the form) and turn ``WorkflowError`` into a
message. Import from here: ``from newsroom import actions``. What a user may do now, for the
admin to render: ``actions.claims.available_moves`` and ``actions.articles.available_moves``.

- ``claims``: the fact-check moves (``CLAIM_MOVES``) and what happens when rated content changes;
- ``articles``: the publishing moves (``ARTICLE_MOVES``), the gate, drafts of live articles;
- ``evidence``: citations checked against their sources, and what a verdict rates;
- ``share_links``: preview links to unpublished articles;
- ``rendered_bodies``: stored article HTML, marked stale when what it shows changes;
- ``revert``, ``images``; ``common`` (the one recorder of moves), ``context`` (who is acting).
"""

from newsroom.actions.articles import (
    ARTICLE_MOVES,
    ArticleMove,
    add_correction,
    approve_article,
    article_move,
    article_move_problem,
    available_article_moves,
    discard_changes,
    draft_of,
    mark_substantive_update,
    publication_blockers,
    publish_article,
    publish_changes,
    publish_due_articles,
    record_article_url,
    resolve_claim_slugs,
    return_article_to_draft,
    save_article_draft,
    schedule_article,
    submit_article,
    sync_article_references,
    transition_article,
    unpublish_article,
    unrated_claims,
    unschedule_article,
    unschedule_articles_citing,
    withdraw_article,
)
from newsroom.actions.claims import (
    CLAIM_MOVES,
    ClaimMove,
    assign_claim,
    available_claim_moves,
    check_claim_content,
    claim_move,
    claim_move_problem,
    eligible_reviewers,
    four_eyes_problem,
    is_too_close_to_review,
    rate_claim,
    reopen_claim,
    submit_claim,
    transition_claim,
    unassign_claim,
    withdraw_claim,
)
from newsroom.actions.context import editing
from newsroom.actions.evidence import (
    claim_content,
    describe_content_changes,
    reverify_source_citations,
    verify_citation,
)
from newsroom.actions.images import ensure_renditions, media_kept_only_if_saved, store_image
from newsroom.actions.rendered_bodies import (
    mark_bodies_stale,
    refresh_rendered_bodies,
    stored_body,
)
from newsroom.actions.revert import revert_to_version
from newsroom.actions.share_links import (
    create_share_link,
    resolve_share_link,
    revoke_share_link,
    share_link_token,
)

__all__ = [
    "ARTICLE_MOVES",
    "CLAIM_MOVES",
    "ArticleMove",
    "ClaimMove",
    "add_correction",
    "approve_article",
    "article_move",
    "article_move_problem",
    "assign_claim",
    "available_article_moves",
    "available_claim_moves",
    "check_claim_content",
    "claim_content",
    "claim_move",
    "claim_move_problem",
    "create_share_link",
    "describe_content_changes",
    "discard_changes",
    "draft_of",
    "editing",
    "eligible_reviewers",
    "ensure_renditions",
    "four_eyes_problem",
    "is_too_close_to_review",
    "mark_bodies_stale",
    "mark_substantive_update",
    "media_kept_only_if_saved",
    "publication_blockers",
    "publish_article",
    "publish_changes",
    "publish_due_articles",
    "rate_claim",
    "record_article_url",
    "refresh_rendered_bodies",
    "reopen_claim",
    "resolve_claim_slugs",
    "resolve_share_link",
    "return_article_to_draft",
    "reverify_source_citations",
    "revert_to_version",
    "revoke_share_link",
    "save_article_draft",
    "schedule_article",
    "share_link_token",
    "store_image",
    "stored_body",
    "submit_article",
    "submit_claim",
    "sync_article_references",
    "transition_article",
    "transition_claim",
    "unassign_claim",
    "unpublish_article",
    "unrated_claims",
    "unschedule_article",
    "unschedule_articles_citing",
    "verify_citation",
    "withdraw_article",
    "withdraw_claim",
]

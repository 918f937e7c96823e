"""The editorial core. Import models from here, never from a submodule."""

from newsroom.models.articles import (
    ARTICLE_WORKFLOW_FIELDS,
    Article,
    ArticleEvent,
    ArticleKind,
    ArticleStatus,
    Author,
    Correction,
    CorrectionKind,
    Section,
    Tag,
    published_q,
)
from newsroom.models.claims import (
    CLAIM_WORKFLOW_FIELDS,
    POSITIVE_VERDICTS,
    Citation,
    Claim,
    ClaimKind,
    ClaimStatus,
    ReviewEvent,
    Stance,
    Verdict,
    public_q,
)
from newsroom.models.images import Image
from newsroom.models.sources import Source, SourceKind

__all__ = [
    "ARTICLE_WORKFLOW_FIELDS",
    "CLAIM_WORKFLOW_FIELDS",
    "POSITIVE_VERDICTS",
    "Article",
    "ArticleEvent",
    "ArticleKind",
    "ArticleStatus",
    "Author",
    "Citation",
    "Claim",
    "ClaimKind",
    "ClaimStatus",
    "Correction",
    "CorrectionKind",
    "Image",
    "ReviewEvent",
    "Section",
    "Source",
    "SourceKind",
    "Stance",
    "Tag",
    "Verdict",
    "public_q",
    "published_q",
]

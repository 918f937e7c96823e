"""Who may make which move: the role × transition matrix of DESIGN.md, enforced by the
workflow module itself, so the admin, commands and API all refuse the same things."""

import pytest
from django.core.exceptions import FieldError
from django.forms import modelform_factory

from newsroom import actions
from newsroom.exceptions import InvalidArticleTransition, InvalidClaimTransition
from newsroom.models import Article, Claim, ClaimStatus
from tests.support.factories import ArticleFactory, CitationFactory, ClaimFactory
from tests.support.users import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(db):
    # The claim's author is a separate writer, so four-eyes never hides a role's own rights.
    return {
        "author": make_user("author", "writer"),
        "editor": make_user("ed", "editor"),
        "writer": make_user("wr", "writer"),
        "fact-checker": make_user("fc", "fact-checker"),
        "nobody": make_user("staff-without-role"),
    }


def claim_in(status: str, author) -> Claim:
    claim = ClaimFactory(created_by=author, statement_edited_by=author)
    actions.verify_citation(citation=CitationFactory(claim=claim))
    fields = {"status": status}
    if status in (ClaimStatus.REVIEWED, ClaimStatus.REOPENED):
        fields["verdict"] = "accurate"
    Claim.objects.filter(pk=claim.pk).update(**fields)
    claim.refresh_from_db()
    return claim


CLAIM_MOVES = [
    ("draft", "submitted"),
    ("submitted", "draft"),
    ("submitted", "in_review"),
    ("in_review", "submitted"),
    ("in_review", "reviewed"),
    ("reviewed", "reopened"),
    ("reopened", "reviewed"),
]
ALLOWED_CLAIM_MOVES = {
    "editor": set(CLAIM_MOVES),
    "writer": {("draft", "submitted"), ("submitted", "draft")},
    "fact-checker": set(CLAIM_MOVES),
    "nobody": set(),
}


@pytest.mark.parametrize("role", ["editor", "writer", "fact-checker", "nobody"])
@pytest.mark.parametrize(("start", "target"), CLAIM_MOVES)
def test_claim_permission_matrix(users, role, start, target):
    user = users[role]
    claim = claim_in(start, users["author"])
    if start in ("in_review", "reopened"):
        Claim.objects.filter(pk=claim.pk).update(assignee=user)
        claim.refresh_from_db()
    kwargs = {"verdict": "accurate", "rationale": "Checked.", "note": "New evidence."}
    allowed = (start, target) in ALLOWED_CLAIM_MOVES[role]
    assert (target in actions.available_claim_moves(claim, user)) is allowed
    if allowed:
        moved = actions.transition_claim(claim=claim, to_status=target, actor=user, **kwargs)
        assert moved.status == target
    else:
        with pytest.raises(InvalidClaimTransition) as excinfo:
            actions.transition_claim(claim=claim, to_status=target, actor=user, **kwargs)
        assert "fact-checkers and editors" in str(excinfo.value) or "permission" in str(
            excinfo.value
        )
        claim.refresh_from_db()
        assert claim.status == start


def test_only_the_assignee_rates_and_assignment_mails_them(
    users, mailoutbox, django_capture_on_commit_callbacks
):
    author, editor, checker = users["author"], users["editor"], users["fact-checker"]
    claim = claim_in("submitted", author)
    with django_capture_on_commit_callbacks(execute=True):
        actions.assign_claim(claim=claim, actor=editor, assignee=checker)
    assert [m.to for m in mailoutbox] == [[checker.email]]
    assert claim.slug in mailoutbox[0].subject
    with pytest.raises(InvalidClaimTransition, match="assigned to fc"):
        actions.rate_claim(claim=claim, actor=editor, verdict="false", rationale="No.")
    rated = actions.rate_claim(claim=claim, actor=checker, verdict="false", rationale="No.")
    assert rated.reviewer == checker


def test_a_writer_cannot_be_assigned_a_claim(users):
    claim = claim_in("submitted", users["author"])
    with pytest.raises(InvalidClaimTransition, match="not a fact-checker"):
        actions.assign_claim(claim=claim, actor=users["editor"], assignee=users["writer"])


def test_four_eyes_applies_to_editors_too(users):
    editor = users["editor"]
    claim = claim_in("submitted", editor)
    assert "in_review" not in actions.available_claim_moves(claim, editor)
    with pytest.raises(InvalidClaimTransition, match="wrote or last edited"):
        actions.assign_claim(claim=claim, actor=editor)


ARTICLE_MOVES = [
    ("draft", "in_review", {"editor", "writer"}),
    ("in_review", "draft", {"editor", "writer"}),
    ("in_review", "approved", {"editor"}),
    ("approved", "published", {"editor"}),
    ("published", "unpublished", {"editor"}),
    ("unpublished", "draft", {"editor"}),
]


@pytest.mark.parametrize("role", ["editor", "writer", "fact-checker"])
@pytest.mark.parametrize(("start", "target", "allowed_roles"), ARTICLE_MOVES)
def test_article_permission_matrix(users, role, start, target, allowed_roles):
    from django.utils import timezone

    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(status=start, published_at=timezone.now())
    article.refresh_from_db()
    user = users[role]
    if role in allowed_roles:
        assert (
            actions.transition_article(article=article, to_status=target, actor=user).status
            == target
        )
    else:
        with pytest.raises(InvalidArticleTransition, match="Only editors"):
            actions.transition_article(article=article, to_status=target, actor=user)


def test_status_cannot_be_set_from_a_form():
    # Workflow fields are not editable, so no ModelForm (admin or other) can carry them.
    with pytest.raises(FieldError):
        modelform_factory(Claim, fields=["statement", "status"])
    with pytest.raises(FieldError):
        modelform_factory(Article, fields=["headline", "status"])

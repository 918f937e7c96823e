"""Merging duplicate profiles (``newsroom.actions.merges``), as the shell would call it."""

from __future__ import annotations

import pytest
from reversion.models import Version

from newsroom import actions
from newsroom.actions import merges
from newsroom.exceptions import MergeRefused
from newsroom.models import (
    Article,
    ArticleEvent,
    ArticleStatus,
    Claim,
    ClaimStatus,
    ProfileMerge,
    RenderedBody,
    Source,
)
from profiles.models import Membership, Person
from tests.support.content import edit_live, make_public_claim, make_published_article
from tests.support.factories import (
    ArticleFactory,
    ClaimFactory,
    EventFactory,
    ImageFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    survivor = PersonFactory(full_name="Cai Qi", slug="cai-qi")
    duplicate = PersonFactory(full_name="Cai Qi (duplicate)", slug="cai-qi-2")
    return duplicate, survivor


def snapshot(person):
    return {
        "memberships": sorted(person.memberships.values_list("pk", flat=True)),
        "participations": sorted(person.participations.values_list("pk", flat=True)),
        "claims_said": sorted(
            Claim.objects.filter(claimant_person=person).values_list("pk", flat=True)
        ),
        "claims_about": sorted(person.claims.values_list("pk", flat=True)),
    }


def test_merge_moves_everything_and_keeps_verdicts(pair, editor):
    duplicate, survivor = pair
    office = OrganizationFactory(name="General Office")
    position = MembershipFactory(person=duplicate, organization=office, role="Director")
    attended = ParticipationFactory(event=EventFactory(), person=duplicate)
    said = make_public_claim(
        editor, statement="Cai said the talks went well.", claimant_person=duplicate
    )
    about = make_public_claim(editor, statement="Cai ranks fifth.", about_people=[duplicate])
    both = ClaimFactory(statement="About both records.")
    both.about_people.add(duplicate, survivor)
    portrait = ImageFactory(portrait_of=duplicate)

    merge = merges.merge_profiles(
        duplicate=duplicate, survivor=survivor, actor=editor, note="Same man."
    )

    position.refresh_from_db()
    attended.refresh_from_db()
    assert position.person == survivor and attended.person == survivor
    assert Claim.objects.get(pk=said.pk).claimant_person == survivor
    assert list(Claim.objects.get(pk=about.pk).about_people.all()) == [survivor]
    assert list(Claim.objects.get(pk=both.pk).about_people.all()) == [survivor]
    portrait.refresh_from_db()
    assert portrait.portrait_of == survivor
    # An identity fix is not a change of what was rated: both verdicts still stand.
    for claim in (said, about):
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.REVIEWED and claim.verdict_is_current
        actions.check_claim_content(claim_id=claim.pk, actor=editor)
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.REVIEWED
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor and not duplicate.is_published
    assert snapshot(duplicate) == {
        "memberships": [],
        "participations": [],
        "claims_said": [],
        "claims_about": [],
    }
    # One revision records it in both histories, with the merge as its meta.
    for record in (duplicate, survivor):
        latest = Version.objects.get_for_object(record).first()
        assert latest.revision == merge.revision
        assert latest.revision.user == editor
        assert (
            latest.revision.get_comment() == "Merged “Cai Qi (duplicate)” into “Cai Qi”. Same man."
        )
    assert ProfileMerge.objects.get(revision=merge.revision) == merge


def test_articles_are_rewritten_through_the_publishing_actions(pair, editor):
    duplicate, survivor = pair
    live = make_published_article(
        editor, headline="Cai in Tianjin", body="[[person:cai-qi-2|The director]] met Modi."
    )
    RenderedBody.objects.filter(article=live).update(is_stale=False)
    draft = ArticleFactory(body="Draft about [[person:cai-qi-2]].")
    other = ArticleFactory(body="About [[person:cai-qi-22]], someone else.")
    PersonFactory(slug="cai-qi-22")
    pending = make_published_article(editor, body="Old text on [[person:cai-qi-2]].")
    pending.body = "New text on [[person:cai-qi-2]], not yet public."
    actions.save_article_draft(article=pending, actor=editor, m2m={})

    merge = merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    live.refresh_from_db()
    assert live.body == "[[person:cai-qi|The director]] met Modi."
    assert list(live.related_people.all()) == [survivor]
    assert live.status == ArticleStatus.PUBLISHED and live.draft_version_id is None
    published = ArticleEvent.objects.filter(article=live).order_by("-pk").first()
    assert published.actor == editor
    assert published.revision.get_comment().startswith("Changes published.")
    assert "now names “Cai Qi”" in published.note
    assert RenderedBody.objects.get(article=live).is_stale
    draft.refresh_from_db()
    assert draft.body == "Draft about [[person:cai-qi]]."
    assert Version.objects.get_for_object(draft).first().revision.user == editor
    other.refresh_from_db()
    assert other.body == "About [[person:cai-qi-22]], someone else."
    pending.refresh_from_db()
    assert pending.body == "Old text on [[person:cai-qi]]."
    assert actions.draft_of(pending).body == "New text on [[person:cai-qi]], not yet public."
    assert {record["id"] for record in merge.moved["articles"]} == {live.pk, draft.pk, pending.pk}


def test_reverting_the_merge_revision_undoes_it(pair, editor):
    duplicate, survivor = pair
    MembershipFactory(person=duplicate, role="Director")
    MembershipFactory(person=survivor, role="Member")
    said = make_public_claim(editor, statement="Cai said so.", claimant_person=duplicate)
    shared = ClaimFactory(statement="About both.")
    shared.about_people.add(duplicate, survivor)
    article = make_published_article(editor, body="[[person:cai-qi-2]] and [[person:cai-qi]].")
    before = {"duplicate": snapshot(duplicate), "survivor": snapshot(survivor)}
    merge = merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    version = Version.objects.get_for_object(duplicate).first()

    actions.revert_to_version(version=version, actor=editor, reason="Not the same man.")

    assert {"duplicate": snapshot(duplicate), "survivor": snapshot(survivor)} == before
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None and duplicate.is_published
    article.refresh_from_db()
    assert article.body == "[[person:cai-qi-2]] and [[person:cai-qi]]."
    assert set(article.related_people.all()) == {duplicate, survivor}
    said.refresh_from_db()
    assert said.status == ClaimStatus.REVIEWED
    merge.refresh_from_db()
    assert merge.is_undone and merge.undone_by == editor
    undo = Version.objects.get_for_object(survivor).first().revision
    assert undo.get_comment().startswith("Undid the merge of “Cai Qi (duplicate)” into “Cai Qi”.")
    with pytest.raises(MergeRefused, match="already undone"):
        merges.undo_merge(merge=merge, actor=editor)


def test_undo_is_refused_when_a_rewritten_article_was_edited_since(pair, editor):
    duplicate, survivor = pair
    article = make_published_article(
        editor, headline="Cai story", body="[[person:cai-qi-2]] spoke."
    )
    merge = merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    edit_live(Article.objects.get(pk=article.pk), editor, body="[[person:cai-qi]] spoke at length.")

    with pytest.raises(MergeRefused, match="“Cai story”"):
        merges.undo_merge(merge=merge, actor=editor)

    merge.refresh_from_db()
    duplicate.refresh_from_db()
    assert not merge.is_undone and duplicate.merged_into == survivor


def test_restoring_the_duplicate_to_an_older_version_is_refused(pair, editor):
    duplicate, survivor = pair
    with actions.editing(actor=editor):
        import reversion

        with reversion.create_revision():
            reversion.add_to_revision(duplicate)
    old = Version.objects.get_for_object(duplicate).first()
    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    with pytest.raises(MergeRefused, match="Undo the merge instead"):
        old.revision.revert()

    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor and not duplicate.is_published


def test_organization_merge_moves_sources_events_bodies_and_claims(editor):
    survivor = OrganizationFactory(name="Ministry of External Affairs", slug="mea")
    duplicate = OrganizationFactory(name="MEA", slug="mea-india")
    source = SourceFactory(publisher=duplicate)
    event = EventFactory(organizer=duplicate)
    child = OrganizationFactory(parent=duplicate)
    said = ClaimFactory(claimant_organization=duplicate)
    member = MembershipFactory(organization=duplicate)
    article = ArticleFactory(body="A statement by [[org:mea-india]].")

    merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    assert Source.objects.get(pk=source.pk).publisher == survivor
    event.refresh_from_db()
    child.refresh_from_db()
    assert event.organizer == survivor and child.parent == survivor
    assert Claim.objects.get(pk=said.pk).claimant_organization == survivor
    assert Membership.objects.get(pk=member.pk).organization == survivor
    article.refresh_from_db()
    assert article.body == "A statement by [[org:mea]]."
    assert list(article.related_organizations.all()) == [survivor]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "cannot be merged into itself"),
        ("across", "A person can only be merged into another person"),
        ("hidden", "is hidden from readers"),
        ("clash", "hold the same current position"),
        ("twice", "was already merged"),
    ],
)
def test_refusals_change_nothing(pair, editor, case, message):
    duplicate, survivor = pair
    office = OrganizationFactory()
    MembershipFactory(person=duplicate, organization=office, role="Member")
    target = {
        "itself": duplicate,
        "across": office,
        "hidden": PersonFactory(is_published=False),
        "clash": survivor,
        "twice": survivor,
    }[case]
    if case == "clash":
        MembershipFactory(person=survivor, organization=office, role="Member")
    if case == "twice":
        merges.merge_profiles(duplicate=duplicate, survivor=PersonFactory(), actor=editor)
    before = (snapshot(duplicate), Person.objects.get(pk=duplicate.pk).merged_into_id)
    merges_before = ProfileMerge.objects.count()

    with pytest.raises(MergeRefused, match=message):
        merges.merge_profiles(
            duplicate=Person.objects.get(pk=duplicate.pk), survivor=target, actor=editor
        )

    assert (snapshot(duplicate), Person.objects.get(pk=duplicate.pk).merged_into_id) == before
    assert ProfileMerge.objects.count() == merges_before


@pytest.mark.parametrize("role", ["writer", "fact_checker"])
def test_only_roles_that_may_publish_can_merge(pair, role, request):
    duplicate, survivor = pair
    actor = request.getfixturevalue(role)
    with pytest.raises(MergeRefused, match="Only editors"):
        merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=actor)
    assert Person.objects.get(pk=duplicate.pk).merged_into is None


def test_a_merge_is_refused_whole_when_an_article_cannot_be_republished(pair, editor):
    duplicate, survivor = pair
    claim = make_public_claim(editor, statement="Cai said it.")
    article = make_published_article(editor, body=f"[[person:cai-qi-2]]: [[claim:{claim.slug}]]")
    actions.reopen_claim(claim=claim, actor=editor, note="New evidence.")
    membership = MembershipFactory(person=duplicate)

    with pytest.raises(MergeRefused, match="cannot be republished"):
        merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)

    article.refresh_from_db()
    assert "[[person:cai-qi-2]]" in article.body
    assert Membership.objects.get(pk=membership.pk).person == duplicate
    assert not ProfileMerge.objects.exists()


def test_undo_skips_what_was_deleted_since(pair, editor):
    duplicate, survivor = pair
    gone = ClaimFactory(statement="Deleted later.")
    gone.about_people.add(duplicate)
    kept = ClaimFactory(statement="Still here.")
    kept.about_people.add(duplicate)
    article = ArticleFactory(body="[[person:cai-qi-2]] again.")
    merge = merges.merge_profiles(duplicate=duplicate, survivor=survivor, actor=editor)
    with actions.editing(actor=editor):
        Claim.objects.get(pk=gone.pk).delete()
        Article.objects.get(pk=article.pk).delete()

    merges.undo_merge(merge=merge, actor=editor)

    assert list(duplicate.claims.all()) == [kept]
    assert Person.objects.get(pk=duplicate.pk).merged_into is None

"""Comparing versions: text as a word diff, numbers, dates, foreign keys, many-to-many and
inline rows, and versions whose stored fields no longer fit the model."""

import datetime as dt
import json

import pytest
import reversion
from reversion.models import Version

from newsroom.history.compare import compare, previous_version, word_diff
from tests.support.factories import (
    ArticleFactory,
    CitationFactory,
    ClaimFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def save_revision(obj, comment="edit"):
    with reversion.create_revision():
        reversion.set_comment(comment)
        obj.save()
    return Version.objects.get_for_object(obj).first()


def by_name(comparison):
    return {change.name: change for change in comparison.fields}


def test_word_diff_marks_insertions_and_deletions_and_escapes_html():
    html = word_diff("Cai is <b>fifth</b> ranked", "Cai is fifth-ranked of seven")
    assert html == (
        "Cai is <del>&lt;b&gt;fifth&lt;/b&gt;</del><ins>fifth-ranked</ins> "
        "<del>ranked</del><ins>of seven</ins>"
    )
    assert word_diff("same text", "same text") == "same text"


def test_text_numbers_dates_and_foreign_keys():
    beijing = OrganizationFactory(name="Beijing Municipal Committee")
    pbsc = OrganizationFactory(name="Politburo Standing Committee", seats=7)
    person = PersonFactory(biography="He rose quickly.", full_name="Cai Qi")
    membership = MembershipFactory(person=person, organization=beijing, rank=None)
    first = save_revision(membership)
    membership.organization = pbsc
    membership.rank = 5
    membership.start_date = dt.date(2022, 11, 13)
    second = save_revision(membership)
    changes = by_name(compare(first, second))
    assert (changes["organization"].old, changes["organization"].new) == (
        "Beijing Municipal Committee",
        "Politburo Standing Committee",
    )
    assert (changes["rank"].old, changes["rank"].new) == ("—", "5")
    assert (changes["start_date"].old, changes["start_date"].new) == ("2022-10-23", "2022-11-13")
    assert set(changes) == {"organization", "rank", "start_date"}

    v1 = save_revision(person)
    person.biography = "He rose quickly through the ranks."
    v2 = save_revision(person)
    bio = by_name(compare(v1, v2))["biography"]
    assert bio.diff == "He rose <del>quickly.</del><ins>quickly through the ranks.</ins>"


def test_choices_are_shown_by_label():
    membership = MembershipFactory(start_precision="day")
    first = save_revision(membership)
    membership.start_precision = "month"
    second = save_revision(membership)
    change = by_name(compare(first, second))["start_precision"]
    assert (change.old, change.new) == ("Day", "Month")


def test_inline_rows_added_removed_and_changed_are_listed_exactly():
    claim = ClaimFactory()
    kept = CitationFactory(claim=claim, excerpt="the talks were useful")
    dropped = CitationFactory(claim=claim, excerpt="constructive")
    first = save_revision(claim)
    kept.excerpt = "the talks were useful and constructive"
    kept.save()
    dropped.delete()
    added = CitationFactory(claim=claim, source=SourceFactory(title="MEA statement"))
    second = save_revision(claim)
    rows = {(r.change, r.row) for r in compare(first, second).rows}
    assert ("removed", str(dropped)) in rows
    assert ("added", str(added)) in rows
    changed = [r for r in compare(first, second).rows if r.change == "changed"]
    assert len(changed) == 1
    assert [f.name for f in changed[0].fields] == ["excerpt"]
    assert len(compare(first, second).rows) == 3


def test_many_to_many_changes_show_what_was_added_and_removed():
    cai, modi = PersonFactory(full_name="Cai Qi"), PersonFactory(full_name="Narendra Modi")
    claim = ClaimFactory()
    with reversion.create_revision():
        claim.save()
        claim.about_people.set([cai])
    first = Version.objects.get_for_object(claim).first()
    with reversion.create_revision():
        claim.save()
        claim.about_people.set([modi])
    second = Version.objects.get_for_object(claim).first()
    change = by_name(compare(first, second))["about_people"]
    assert change.added == ["Narendra Modi"] and change.removed == ["Cai Qi"]


def test_a_version_that_no_longer_fits_the_model_is_shown_raw():
    person = PersonFactory(full_name="Cai Qi")
    first = save_revision(person)
    person.full_name = "CAI Qi"
    second = save_revision(person)
    # Simulate a field that has since been removed from the model.
    data = json.loads(first.serialized_data)
    data[0]["fields"]["party_nickname"] = "Old field value"
    Version.objects.filter(pk=first.pk).update(serialized_data=json.dumps(data))
    first.refresh_from_db()
    changes = by_name(compare(first, second))
    assert changes["party_nickname"].raw
    assert changes["party_nickname"].old == "Old field value"
    assert changes["full_name"].new == "CAI Qi"


def test_previous_version():
    person = PersonFactory()
    first = save_revision(person)
    second = save_revision(person)
    assert previous_version(second) == first
    assert previous_version(first) is None


def test_auto_updated_timestamps_are_not_listed_as_changes():
    person = PersonFactory(summary="Before")
    first = save_revision(person)
    person.summary = "After"
    second = save_revision(person)
    assert set(by_name(compare(first, second))) == {"summary"}


def test_the_same_related_rows_in_another_order_are_no_change(db):
    article = ArticleFactory()
    tags = [TagFactory(), TagFactory()]
    article.tags.set(tags)
    for order in (tags, tags[::-1]):
        with reversion.create_revision():
            reversion.add_to_revision(article)
        version = Version.objects.get_for_object(article).first()
        data = version.serialized_data.replace(
            str([t.pk for t in tags]), str([t.pk for t in order])
        )
        Version.objects.filter(pk=version.pk).update(serialized_data=data)
    new, old = Version.objects.get_for_object(article)[:2]
    assert not compare(old, new).has_changes

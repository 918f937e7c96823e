"""Finding a citation's excerpt in its source: harmless differences, whole words, ellipses."""

import pytest

from newsroom import actions
from newsroom.verification import find_excerpt, normalise
from tests.support.factories import CitationFactory, SourceFactory

SOURCE = (
    "Foreign Secretary Vikram Misri said: \u201cThe PM had a separate meeting with Cai Qi,\n"
    "member of the CCP Politburo Standing Committee. There was originally a proposal from the "
    "Chinese side for Mr. Cai to host a banquet \u2014 on behalf of President Xi Jinping.\u201d"
)


@pytest.mark.parametrize(
    "excerpt",
    [
        "The PM had a separate meeting with Cai Qi, member of the CCP Politburo Standing "
        "Committee.",
        # straight quotes where the source has curly ones, and case
        '"the pm had a separate meeting',
        # a line break in the source, a double space in the excerpt
        "Cai Qi,  member of the CCP",
        # a hyphen where the source has an em dash
        "host a banquet - on behalf of President Xi Jinping",
        # an ellipsis standing for omitted words, in both spellings
        "The PM had a separate meeting\u2026 to host a banquet",
        "originally a proposal ... on behalf of President Xi Jinping",
    ],
)
def test_excerpts_copied_with_harmless_differences_are_found(excerpt):
    assert find_excerpt(excerpt, SOURCE).found


def test_a_one_word_change_is_not_found_and_the_closest_passage_is_offered():
    match = find_excerpt("There was originally a proposal from the Indian side", SOURCE)
    assert not match.found
    assert "proposal from the" in match.closest_passage
    assert "Chinese side" in match.closest_passage


def test_ellipsis_pieces_must_appear_in_order():
    assert not find_excerpt("to host a banquet \u2026 The PM had a separate meeting", SOURCE).found


def test_spans_point_into_the_original_text():
    match = find_excerpt("separate meeting with Cai Qi, member", SOURCE)
    ((start, end),) = match.spans
    assert SOURCE[start:end] == "separate meeting with Cai Qi,\nmember"


def test_empty_inputs_are_not_found():
    assert not find_excerpt("", SOURCE).found
    assert not find_excerpt("anything", "").found


def test_normalise_collapses_whitespace_and_folds_quotes():
    assert normalise("  A\u00a0\u201cB\u201d\n\tC ").text == 'a "b" c'


# ---------------------------------------------------------------------------------------------
# Whole words, and what an ellipsis may join

PROFILE = (
    "Cai Qi is one of only seven members of the Politburo Standing Committee, the party\u2019s "
    "top decision-making body.\n"
    "\n"
    "He is not often seen abroad: he rarely meets foreign leaders and usually works behind the "
    "scenes.\n"
    "\n"
    "A close confidant of Xi, Cai rose quickly through the ranks, once serving as Party "
    "Secretary of Beijing."
)


def test_an_excerpt_stitched_from_three_paragraphs_is_not_found():
    # "Cai Qi is … not … a close confidant of Xi" says the opposite of the source.
    match = find_excerpt("Cai Qi is \u2026 not \u2026 a close confidant of Xi", PROFILE)
    assert not match.found
    assert match.reason == "a fragment has fewer than two words: \u201cnot\u201d"
    # With two words in each fragment it is still three paragraphs.
    match = find_excerpt("Cai Qi is \u2026 not often seen \u2026 a close confidant of Xi", PROFILE)
    assert not match.found
    assert match.reason == "the fragments are in different paragraphs of the text"
    # The reviewer is shown where each fragment really is.
    assert [PROFILE[start:end] for start, end in match.spans] == [
        "Cai Qi is",
        "not often seen",
        "A close confidant of Xi",
    ]
    assert match.closest_passage.startswith("Cai Qi is one of only seven")
    assert match.closest_passage.endswith("A close confidant of Xi")


def test_an_ellipsis_within_one_paragraph_is_found_and_reports_the_omitted_words():
    match = find_excerpt(
        "Cai Qi is one of only \u2026 the Politburo Standing Committee \u2026 decision-making body",
        PROFILE,
    )
    assert match.found, match.reason
    assert match.omitted == ("seven members of", ", the party\u2019s top")
    assert match.passage == (
        "Cai Qi is one of only seven members of the Politburo Standing Committee, the party\u2019s "
        "top decision-making body"
    )
    assert [PROFILE[start:end] for start, end in match.spans] == [
        "Cai Qi is one of only",
        "the Politburo Standing Committee",
        "decision-making body",
    ]


def test_a_contiguous_excerpt_may_run_across_a_paragraph_break():
    match = find_excerpt("top decision-making body. He is not often seen abroad", PROFILE)
    assert match.found, match.reason
    assert match.omitted == ()


@pytest.mark.parametrize(
    ("excerpt", "found"),
    [
        ("rose quickly through the ranks", True),
        ("rose quickly through the rank", False),
        ("Cai rose quickly through", True),
        ("ai rose quickly through", False),
        # Words joined by a hyphen or an apostrophe are one word.
        ("top decision-making body", True),
        ("making body", False),
        ("Committee, the party", False),
    ],
)
def test_a_word_cut_short_is_not_found(excerpt, found):
    match = find_excerpt(excerpt, PROFILE)
    assert match.found is found
    if not found:
        assert match.reason.endswith("is in the text only as part of longer words")


def test_an_unspaced_en_dash_joins_words_and_an_em_dash_does_not():
    text = "The India\u2013China talks\u2014held in Tianjin\u2014went well."
    assert find_excerpt("India-China talks", text).found
    assert not find_excerpt("China talks", text).found
    assert find_excerpt("held in Tianjin", text).found
    assert find_excerpt("talks - held in Tianjin - went well", text).found


@pytest.mark.parametrize("excerpt", ["C", "a", "Cai", "ranks", "\u2026 Xi \u2026"])
def test_an_excerpt_of_fewer_than_two_words_is_not_found(excerpt):
    match = find_excerpt(excerpt, PROFILE)
    assert not match.found
    assert match.reason == "the excerpt has fewer than two words"


def test_each_fragment_around_an_ellipsis_needs_two_words():
    assert find_excerpt("Cai Qi is one of only \u2026 members of the Politburo", PROFILE).found
    match = find_excerpt(
        "Cai Qi is one of only \u2026 seven \u2026 members of the Politburo", PROFILE
    )
    assert not match.found
    assert match.reason == "a fragment has fewer than two words: \u201cseven\u201d"
    match = find_excerpt("Cai \u2026 members of the Politburo", PROFILE)
    assert match.reason == "a fragment has fewer than two words: \u201cCai\u201d"


def _with_gap(words: int) -> str:
    filler = " ".join(f"word{number}" for number in range(words))
    return f"The minister said that {filler} and the talks ended there."


@pytest.mark.parametrize(("gap", "found"), [(40, True), (41, False)])
def test_an_ellipsis_leaves_out_at_most_forty_words(gap, found):
    match = find_excerpt("The minister said that \u2026 and the talks ended", _with_gap(gap))
    assert match.found is found
    if found:
        (omitted,) = match.omitted
        assert len(omitted.split()) == 40
    else:
        assert match.reason == "the gap of 41 words between two fragments exceeds 40"


def test_the_gap_is_measured_at_the_closest_places_of_the_fragments():
    filler = " ".join(f"word{number}" for number in range(60))
    # The first fragment is also 60 words before the second; the later place is the one.
    text = f"The minister said that {filler}. The minister said that in the end it was over."
    match = find_excerpt("The minister said that \u2026 it was over", text)
    assert match.found, match.reason
    assert match.omitted == ("in the end",)


@pytest.mark.parametrize(
    "excerpt",
    [
        # a changed letter
        "once serving as Party Secretary of Beijinq",
        "A close confidant of Xu",
        # an added letter
        "A close confidant of Xii",
        "once serving as Party Secretary off Beijing",
        # a missing letter
        "A close confidant of i",
        "he rarely met foreign leaders",
    ],
)
def test_a_changed_added_or_missing_letter_is_not_found(excerpt):
    match = find_excerpt(excerpt, PROFILE)
    assert not match.found
    assert match.reason


@pytest.mark.parametrize(
    ("excerpt", "found"),
    [
        # Punctuation at a fragment's edge is the quoter's framing...
        ("\u201cA close confidant of Xi.\u201d", True),
        ("seen abroad, he", False),
        ("the Politburo Standing Committee.", True),
        ("(Cai Qi is one of only seven members", True),
        # ...but inside a fragment it must match, as words do.
        ("A close confidant of Xi Cai rose", False),
        ("A close confidant of Xi; Cai rose", False),
        ("A close confidant of Xi ,Cai rose", True),
    ],
)
def test_punctuation_must_match_inside_a_fragment_but_not_at_its_edges(excerpt, found):
    assert find_excerpt(excerpt, PROFILE).found is found


def test_a_question_mark_at_a_fragments_end_must_agree_with_the_text():
    text = "Who runs the General Office? Cai Qi does, and has since 2022."
    assert find_excerpt("Who runs the General Office?", text).found
    assert find_excerpt("\u201cwho runs the general office?\u201d", text).found
    for excerpt in ("Who runs the General Office.", "Who runs the General Office"):
        match = find_excerpt(excerpt, text)
        assert not match.found
        assert "question or exclamation mark" in match.reason
    assert not find_excerpt("Cai Qi does?", text).found


def test_without_blank_lines_each_line_is_a_paragraph_unless_a_sentence_runs_on():
    lines = "Modi met Cai Qi in Tianjin on Sunday.\nThe banquet planned for him was cancelled."
    match = find_excerpt("Modi met Cai Qi \u2026 planned for him", lines)
    assert match.reason == "the fragments are in different paragraphs of the text"
    wrapped = (
        "Modi met Cai Qi in Tianjin on Sunday, after\nthe banquet planned for him was cancelled."
    )
    assert find_excerpt("Modi met Cai Qi \u2026 planned for him", wrapped).found


def test_blank_lines_make_single_line_breaks_mere_wrapping():
    text = "Modi met Cai Qi in Tianjin.\nThe banquet was cancelled.\n\nLater, Modi flew home."
    assert find_excerpt("Modi met Cai Qi \u2026 banquet was cancelled", text).found
    assert not find_excerpt("Modi met Cai Qi \u2026 Modi flew home", text).found


def test_excerpts_with_accents_and_other_scripts_match_whole_words():
    namaste, duniya = "\u0928\u092e\u0938\u094d\u0924\u0947", "\u0926\u0941\u0928\u093f\u092f\u093e"
    text = f"Le caf\u00e9 est ferm\u00e9. {namaste} {duniya}"
    # A decomposed accent is the same letter as a composed one; a missing accent is not.
    assert find_excerpt("le cafe\u0301 est", text).found
    assert not find_excerpt("le cafe est", text).found
    # Devanagari vowel signs are combining marks, part of the word (Python's \w leaves them out).
    assert find_excerpt(f"{namaste} {duniya}", text).found
    assert not find_excerpt(f"{namaste[:3]} {duniya}", text).found


def test_spans_skip_characters_that_fold_to_several():
    text = "\ufb01rst \u2026 then the \ufb01nal meeting was held"
    match = find_excerpt("the final meeting", text)
    ((start, end),) = match.spans
    assert text[start:end] == "the \ufb01nal meeting"


@pytest.mark.django_db
def test_verify_citation_stores_a_stitched_excerpt_as_not_verified():
    source = SourceFactory(archived_text=PROFILE)
    citation = CitationFactory(
        source=source, excerpt="Cai Qi is \u2026 not often seen \u2026 a close confidant of Xi"
    )
    actions.verify_citation(citation=citation)
    citation.refresh_from_db()
    assert citation.excerpt_verified is False
    assert "He is not often seen abroad" in citation.closest_passage

    honest = CitationFactory(source=source, excerpt="He is not often seen \u2026 foreign leaders")
    actions.verify_citation(citation=honest)
    honest.refresh_from_db()
    assert honest.excerpt_verified is True

import pytest

from newsroom.verification import find_excerpt, normalise

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

"""Quotations and their speakers, read from a report in our own words with the shapes the seed
reports use (curly and straight, single and double, nested, across an ellipsis; "X explained,",
"according to X", "X’s statement said", "a statement issued by X", "X told reporters")."""

from pathlib import Path

import pytest

from newsroom.quotations import find_names, find_quotations, paragraphs

FIXTURE = Path(__file__).parent / "fixtures" / "report_own_words.txt"


@pytest.fixture(scope="module")
def quotations():
    return find_quotations(FIXTURE.read_text(encoding="utf-8"))


def by_start(quotations, words):
    return next(q for q in quotations if q.statement.startswith(words))


def test_every_quotation_is_found_with_its_speaker_and_paragraph(quotations):
    found = [(q.paragraph, q.statement[:30], q.speaker, q.attribution) for q in quotations]
    mea = "the Ministry of External Affairs"
    assert found == [
        (2, "set out his view of the partne", mea, "according to"),
        (2, "as the two leaders agreed", mea, "according to"),
        (4, "The Prime Minister also met Mr", "Foreign Secretary Vikram Misri", "said"),
        (5, "Both sides want steady ties", "Misri", "said"),
        (6, "a candid and useful exchange", "The Ministry of External Affairs", "statement by"),
        (7, "laid out his vision for ties", mea, "statement by"),
        (7, "in keeping with the consensus ", mea, "statement by"),
    ]


def test_a_quotation_runs_across_ellipses_and_keeps_its_nested_quote(quotations):
    misri = by_start(quotations, "The Prime Minister also met")
    assert "Chinese side... but" in misri.text
    assert "‘short meeting’" in misri.text
    assert misri.text.endswith("between the two sides.")


def test_offsets_point_at_the_words_in_the_report(quotations):
    text = FIXTURE.read_text(encoding="utf-8")
    for quotation in quotations:
        assert text[quotation.start : quotation.end] == quotation.text


def test_statement_drops_the_punctuation_the_closing_mark_covers(quotations):
    assert by_start(quotations, "set out").text == "set out his view of the partnership,"
    assert by_start(quotations, "set out").statement == "set out his view of the partnership"


def test_no_sentence_without_quotation_marks_becomes_a_quote(quotations):
    statements = " ".join(q.text for q in quotations)
    assert "nobody quoted anyone" not in statements
    assert "rarely put him" not in statements
    # One scare-quoted word is not a statement anyone made.
    assert all(q.statement != "reset" for q in quotations)


@pytest.mark.parametrize(
    "text",
    [
        "China’s officials and the ministers’ aides met at Modi's hotel.",
        "It's the side's view, isn't it?",
        "An unclosed “quotation that never ends in its paragraph.\n\nNext one.”",
    ],
)
def test_apostrophes_and_unclosed_marks_are_not_quotations(text):
    assert find_quotations(text) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We agree on the border,” Mr. Wang said.", "Mr. Wang"),
        ("“We agree on the border,” said Dr. Lee.", "Dr. Lee"),
        ("Ms. Rao told reporters: “We agree on the border.”", "Ms. Rao"),
        ('"We agree on the border", according to Xinhua.', "Xinhua"),
        ("The plan is “good for both sides”.", ""),
    ],
)
def test_attribution_shapes(text, speaker):
    [quotation] = find_quotations(text)
    assert quotation.speaker == speaker


def test_words_inside_one_quotation_never_attribute_another():
    text = "“It was, according to Xinhua, fine,” she said. The plan was “good for all”."
    first, second = find_quotations(text)
    assert second.speaker == ""


def test_paragraphs_are_blocks_between_blank_lines_or_lines():
    assert len(paragraphs("One.\n\nTwo\nstill two.\n\n\nThree.")) == 3
    assert len(paragraphs("One.\nTwo.\nThree.")) == 3


def test_names_match_whole_words_longest_first():
    names = {"Cai Qi": "cai", "Cai": "cai", "Xi Jinping": "xi", "Xi": "xi", "MEA": "mea"}
    hits = find_names("Cai Qi met Xi’s aides; Caine and the mea did not; the MEA did.", names)
    assert [(hit.key, hit.name) for hit in hits] == [
        ("cai", "Cai Qi"),
        ("xi", "Xi"),
        ("mea", "MEA"),
    ]

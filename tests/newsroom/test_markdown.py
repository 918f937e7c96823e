"""The article body renderer: Markdown, sanitising, references."""

from __future__ import annotations

from types import SimpleNamespace

from newsroom.markdown import render_markdown
from newsroom.references import Reference


def obj(**kwargs):
    kwargs.setdefault("is_published", True)
    return SimpleNamespace(get_absolute_url=lambda: f"/x/{kwargs.get('slug', 'x')}/", **kwargs)


def test_markdown_basics_and_heading_demotion():
    html = render_markdown("# Title\n\n## Sub\n\n*em* and **strong**\n\n- a\n- b").html
    assert "<h2>Title</h2>" in html and "<h2>Sub</h2>" in html and "<h1" not in html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html and "<li>a</li>" in html


def test_raw_html_and_dangerous_links_are_neutralised():
    html = render_markdown(
        "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        "[ok](https://example.org)"
    ).html
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.org">ok</a>' in html


def test_claims_become_numbered_footnote_markers_in_order():
    claims = {"a": obj(slug="a"), "b": obj(slug="b")}
    result = render_markdown("One [[claim:b]]. Two [[claim:a]]. Again [[claim:b]].", claims=claims)
    assert [note.claim.slug for note in result.footnotes] == ["b", "a"]
    assert [note.number for note in result.footnotes] == [1, 2]
    assert result.footnotes[0].marker_ids == ["fnref-1", "fnref-1-2"]
    assert result.html.count('href="#fn-1"') == 2 and result.html.count('href="#fn-2"') == 1


def test_profile_references_become_links_or_their_label_or_nothing():
    people = {
        "cai-qi": obj(slug="cai-qi", full_name="Cai Qi"),
        "hidden": obj(slug="hidden", full_name="Hidden <Name>", is_published=False),
    }
    events = {"meeting": obj(slug="meeting", title="The meeting")}
    result = render_markdown(
        "[[person:cai-qi]], [[person:hidden]], [[person:no-one]], [[event:meeting]], "
        "[[org:unknown-org]], [[claim:missing]], [[person:cai-qi|the director]], "
        "[[person:hidden|an <official>]], [[claim:missing|it was said]].",
        people=people,
        events=events,
    )
    assert '<a class="ref ref-person" href="/x/cai-qi/">Cai Qi</a>' in result.html
    assert '<a class="ref ref-event" href="/x/meeting/">The meeting</a>' in result.html
    assert '<a class="ref ref-person" href="/x/cai-qi/">the director</a>' in result.html
    # What readers may not see is never named: not its name, not its slug.
    assert "Hidden" not in result.html and "hidden" not in result.html
    assert "no one" not in result.html and "no-one" not in result.html
    assert "unknown" not in result.html and "missing" not in result.html
    assert "an &lt;official&gt;, it was said." in result.html
    assert "[[" not in result.html and not result.footnotes
    assert set(result.unresolved) == {
        Reference("person", "hidden"),
        Reference("person", "no-one"),
        Reference("org", "unknown-org"),
        Reference("claim", "missing"),
    }


def test_a_claim_reference_with_a_label_keeps_the_words_before_its_marker():
    result = render_markdown("[[claim:a|Cai directs the office]].", claims={"a": obj(slug="a")})
    assert 'Cai directs the office<sup class="fn-ref" id="fnref-1">' in result.html


def test_references_in_code_stay_literal():
    result = render_markdown("`[[claim:a]]`", claims={"a": obj(slug="a")})
    assert "<code>[[claim:a]]</code>" in result.html and not result.footnotes


def test_a_footnote_marker_sits_against_the_word_it_follows():
    claims = {"a": obj(slug="a"), "b": obj(slug="b")}
    html = render_markdown(
        "The summit   [[claim:a]] [[claim:b]]. Then [[claim:a|the talks]] ended.", claims=claims
    ).html
    assert 'summit<sup class="fn-ref" id="fnref-1">' in html
    assert '</sup><sup class="fn-ref" id="fnref-2">' in html  # two markers, no gap
    # A labelled reference is words of the sentence: it keeps its space.
    assert 'Then the talks<sup class="fn-ref"' in html


def test_a_marker_on_a_line_of_its_own_stays_where_it_is():
    claims = {"a": obj(slug="a")}
    html = render_markdown("    [[claim:a]]", claims=claims).html
    # Four spaces at the start of a line make a code block: nothing to attach to.
    assert "<pre><code>" in html and "[[claim:a]]" in html

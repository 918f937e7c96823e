"""The public site in a real browser, on the demo newsroom."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

# Each test runs in a transaction rolled back at its end; the demo itself is loaded once for
# the module (see the ``demo`` fixture).
pytestmark = pytest.mark.django_db

ARTICLE = "/articles/2025/08/modi-meets-cai-qi-in-tianjin/"
BANQUET = "/events/banquet-for-modi-tianjin-2025/"
PAGES = {
    "home": "/",
    "article-list": "/articles/",
    "article": ARTICLE,
    "section": "/sections/world/",
    "claim-list": "/claims/",
    "claim": "/claims/report-b-cai-promised-exchanges-with-xi/",
    "person-list": "/people/",
    "person": "/people/cai-qi/",
    "organization-list": "/organizations/",
    "organization": "/organizations/ccp-politburo-standing-committee/",
    "event-list": "/events/",
    "event": "/events/sco-summit-tianjin-2025/",
    "event-cancelled": BANQUET,
}


def test_article_footnote_leads_to_its_claim_page(demo, page):
    page.goto(demo.url + ARTICLE)
    assert page.locator("h1").count() == 1
    markers = page.locator(".article__body sup.fn-ref a")
    assert markers.count() >= 5
    footnotes = page.locator("ol.footnotes__list > li.footnote")
    assert footnotes.count() >= 5
    assert footnotes.first.locator(".verdict").is_visible()
    markers.first.click()
    assert page.url.endswith("#fn-1")
    first_note = page.locator("#fn-1")
    claim_link = first_note.locator(".footnote__claim > a").first
    claim_href = claim_link.get_attribute("href")
    assert claim_href.startswith("/claims/")
    screenshot(page, "article-footnote-target")
    claim_link.click()
    page.wait_for_url(f"**{claim_href}")
    assert page.locator(".verdict-box .verdict").is_visible()
    assert page.locator("ol.citations > li").count() >= 1
    data = page.locator('script[type="application/ld+json"]').first.text_content()
    assert '"ClaimReview"' in data


def test_cai_qi_profile_shows_positions_and_the_meeting(demo, page):
    page.goto(demo.url + "/people/cai-qi/")
    assert page.locator("h1").inner_text() == "Cai Qi"
    positions = page.locator(".positions").inner_text()
    assert "5th of 7" in positions and "Politburo Standing Committee" in positions
    assert "General Office" in positions
    assert page.locator(".timeline li").count() >= 3
    events = page.locator(".event-list").inner_text()
    assert "Modi–Cai Qi meeting" in events


def test_cancelled_banquet_shows_as_cancelled(demo, page):
    page.goto(demo.url + BANQUET)
    notice = page.locator(".status-notice")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "Cancelled" in text and "scheduling conflict" in text
    notice.locator("a").click()
    page.wait_for_url("**/events/modi-cai-qi-meeting-tianjin-2025/")


def test_every_page_type_fits_a_phone_and_desktop(demo, browser):
    for width, label in ((360, "phone"), (1280, "desktop")):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for name, path in PAGES.items():
            response = page.goto(demo.url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            assert page.locator("main#main").count() == 1 and page.locator("header nav").count()
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, (path, scroll_width)
            missing_alt = page.locator("img:not([alt])").count()
            assert missing_alt == 0, path
            screenshot(page, f"{name}-{label}")
        context.close()


def test_keyboard_skip_link_and_visible_focus(demo, page):
    page.goto(demo.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["y"] >= 0  # slides into view when focused
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_the_demo_article_on_a_phone_is_short_and_its_evidence_unfolds(demo, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(demo.url + ARTICLE)
        # Every footnote folded: the page is the article, not its evidence.
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 5000, height
        third = page.locator("#fn-3")
        assert not third.locator(".citation").first.is_visible()
        # A marker jumps to its footnote, which shows its sources without a click.
        page.locator('.article__body a[href="#fn-3"]').first.click()
        assert page.url.endswith("#fn-3")
        assert third.locator(".citation").first.is_visible()
        assert third.locator(".footnote__claim a").is_visible()
        # Any other footnote's sources open on a click of "n sources".
        first = page.locator("#fn-1")
        first.locator("summary").click()
        assert first.locator(".citation").first.is_visible()
        screenshot(page, "article-phone-footnotes")
    finally:
        context.close()


def test_a_source_page_opens_its_archived_text_at_the_quoted_excerpt(demo, page):
    page.goto(demo.url + ARTICLE)
    source_href = page.locator(".footnote .citation__source a").first.get_attribute("href")
    page.goto(demo.url + source_href)
    text = page.locator("#archived-text .archive__body")
    assert not text.is_visible()
    link = page.get_by_role("link", name="See it in the archived text").first
    target = link.get_attribute("href")
    link.click()
    # Following the link unfolds the text at the marked excerpt, with no script.
    assert text.is_visible()
    assert page.locator(target).is_visible()
    assert page.locator(target).evaluate("el => el.tagName") == "MARK"

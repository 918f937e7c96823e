"""The Content-Security-Policy holds in a real browser: every public page type and the main
admin screens load without a single violation, under the policy's headers.

Chromium reports a violation twice: as a ``securitypolicyviolation`` event on the document
(collected by an init script, which runs before any of the page's own) and as a console error.
Both are watched. A page that breaks the policy (an inline script, an inline style, a font or
image from elsewhere) loses that part in every reader's browser, so each page is loaded whole,
its scripts run, and the lists must stay empty.
"""

from __future__ import annotations

import json

import pytest

from newsroom.models import Article, Claim, Source
from profiles.models import Person

# Each test runs in a transaction rolled back at its end; the demo itself is loaded once for
# the module (see the ``demo`` fixture). What the browser saves goes through the live server
# and is flushed with the demo when the module ends.
pytestmark = pytest.mark.django_db

ARTICLE_SLUG = "modi-meets-cai-qi-in-tianjin"
ARTICLE = f"/articles/2025/08/{ARTICLE_SLUG}/"
CLAIM_SLUG = "report-b-cai-promised-exchanges-with-xi"
PUBLIC_PAGES = {
    "home": "/",
    "article list": "/articles/",
    "article": ARTICLE,
    "article change log": ARTICLE + "changes/",
    "section": "/sections/world/",
    "claim list": "/claims/",
    "claim": f"/claims/{CLAIM_SLUG}/",
    "person list": "/people/",
    "person": "/people/cai-qi/",
    "organization list": "/organizations/",
    "organization": "/organizations/ccp-politburo-standing-committee/",
    "event list": "/events/",
    "event": "/events/sco-summit-tianjin-2025/",
    "search": "/search/?q=Tianjin",
    "corrections": "/corrections/",
}

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
  );
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


class Watcher:
    """Collects the violations and policy errors of every page a browser page loads."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if any(word in message.text for word in POLICY_WORDS):
            self.console.append(f"{self.page.url}: {message.text}")

    def visit(self, url: str):
        """Load ``url`` whole; return its response after checking it broke no policy."""
        response = self.page.goto(url)
        assert response.status == 200, (url, response.status)
        self.assert_clean(response)
        return response

    def assert_clean(self, response) -> None:
        self.page.wait_for_load_state("networkidle")
        headers = response.all_headers()
        assert "script-src 'self'" in headers.get("content-security-policy", ""), response.url
        assert "camera=()" in headers.get("permissions-policy", ""), response.url
        violations = self.page.evaluate("window.__cspViolations")
        assert violations == [], (self.page.url, violations)
        assert self.console == [], self.console


@pytest.fixture
def watcher(page):
    return Watcher(page)


def log_in(watcher: Watcher, base_url: str) -> None:
    watcher.visit(base_url + "/admin/login/")
    watcher.page.fill("#id_username", "editor")
    watcher.page.fill("#id_password", "editor-demo-2025")
    with watcher.page.expect_navigation():
        watcher.page.click("input[type=submit], button[type=submit]")
    assert watcher.page.locator("#user-tools").count() == 1, "the editor is logged in"


def test_the_policy_blocks_an_inline_script_and_the_test_would_see_it(demo, watcher):
    """A control: without it, "no violation" could just mean the watcher sees nothing."""
    watcher.visit(demo.url + "/")
    with watcher.page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        ran = watcher.page.evaluate(
            """() => new Promise((resolve) => {
              document.addEventListener(
                "securitypolicyviolation", () => resolve(window.__ran === 1)
              );
              const script = document.createElement("script");
              script.textContent = "window.__ran = 1";
              document.body.append(script);
            })"""
        )
    assert ran is False, "the inline script ran"
    violations = watcher.page.evaluate("window.__cspViolations")
    assert len(violations) == 1 and violations[0].startswith("script-src"), violations


def test_every_public_page_type_loads_without_a_violation(demo, watcher):
    source = Source.objects.filter(citations__claim__slug=CLAIM_SLUG).first()
    pages = {**PUBLIC_PAGES, "source": f"/sources/{source.pk}/"}
    for path in pages.values():
        watcher.visit(demo.url + path)
    # The JSON-LD blocks are data, not script: the policy leaves them readable.
    for path in (ARTICLE, f"/claims/{CLAIM_SLUG}/"):
        watcher.visit(demo.url + path)
        blocks = watcher.page.locator('script[type="application/ld+json"]')
        assert blocks.count() >= 1, path
        assert json.loads(blocks.first.text_content())["@context"] == "https://schema.org"


def test_the_main_admin_screens_and_a_share_preview_load_without_a_violation(demo, watcher):
    article = Article.objects.get(slug=ARTICLE_SLUG)
    claim = Claim.objects.get(slug=CLAIM_SLUG)
    person = Person.objects.get(slug="cai-qi")
    log_in(watcher, demo.url)
    for path in (
        "/admin/",
        "/admin/newsroom/claim/",
        "/admin/newsroom/article/",
        "/admin/recent-changes/",
        f"/admin/profiles/person/{person.pk}/change/",
        "/admin/newsroom/article/add/",
    ):
        watcher.visit(demo.url + path)

    # The claim's review panel, whose script (a static file) runs under the policy.
    watcher.visit(demo.url + f"/admin/newsroom/claim/{claim.pk}/change/")
    assert watcher.page.locator(".claim-review").count() == 1
    scrolled = watcher.page.evaluate(
        "[...document.querySelectorAll('.evidence__text')]"
        ".filter(box => box.querySelector('mark') && box.scrollHeight > box.clientHeight)"
        ".map(box => box.scrollTop)"
    )
    assert scrolled and all(top > 0 for top in scrolled), "each text is scrolled to its mark"

    # The article's publishing panel; its share form posts under form-action 'self'.
    watcher.visit(demo.url + f"/admin/newsroom/article/{article.pk}/change/")
    with watcher.page.expect_navigation():
        watcher.page.locator("#share-link-form [type=submit]").click()
    watcher.assert_clean(watcher.page.reload())
    preview = watcher.page.locator(".share-links__url a").first.get_attribute("href")

    # The history, and a comparison of two versions.
    watcher.visit(demo.url + f"/admin/newsroom/article/{article.pk}/history/")
    compare = watcher.page.locator("a", has_text="compare with previous").first
    with watcher.page.expect_navigation():
        compare.click()
    assert "/history/compare/" in watcher.page.url
    watcher.assert_clean(watcher.page.reload())

    # The share preview, as whoever the editor sends it to sees it.
    watcher.page.context.clear_cookies()
    response = watcher.visit(preview if preview.startswith("http") else demo.url + preview)
    assert "Preview" in watcher.page.locator("body").inner_text()
    assert response.headers["x-robots-tag"] == "noindex, nofollow"


def test_the_api_docs_page_works_offline_under_the_policy(demo, watcher):
    """/api/docs/ is Swagger UI from our own static files (Ninja's, "ninja" in INSTALLED_APPS),
    not a CDN: it renders every operation with no violation and no request elsewhere."""
    elsewhere = []
    watcher.page.on(
        "request",
        lambda request: None if request.url.startswith(demo.url) else elsewhere.append(request.url),
    )
    watcher.visit(demo.url + "/api/docs/")
    operations = watcher.page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() >= 18
    assert "/api/claims/" in watcher.page.locator("#swagger-ui").inner_text()
    # Try one: the page calls the API (connect-src 'self') and shows its answer.
    watcher.page.locator(".opblock-summary-path", has_text="/api/popolo.json").first.click()
    watcher.page.locator(".try-out__btn").first.click()
    watcher.page.locator(".execute").first.click()
    watcher.page.locator(".responses-table .response-col_status", has_text="200").first.wait_for()
    watcher.assert_clean(watcher.page.reload())
    assert elsewhere == []

"""Every public page type checked as a reader would meet it (issue #14, item 8).

Each page of the demo newsroom, at a desktop and a phone size, is screenshotted whole into
test-artifacts/screenshots/<page>-<desktop|phone>.png and checked by axe-core (no violation of
impact serious or critical, folded <details> opened); on a phone no page may scroll sideways.
The HTML the server sends for each page goes through the W3C Nu
checker (no error), in one Java run for all pages.

The tools come from npm (package.json, installed by ``make install``) and the machine's Java.
Without them these tests skip, or fail under CI (NEWSROOM_TESTS_NEED_BROWSER=1).

To check another page, add a line to PAGES.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsroom.models import Source
from tests.browser.conftest import ARTIFACTS, missing

# Each test runs in a transaction rolled back at its end; the demo itself is loaded once for
# the module (see the ``demo`` fixture).
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ARTIFACTS / "screenshots"

ARTICLE = "/articles/2025/08/modi-meets-cai-qi-in-tianjin/"
CLAIM_SLUG = "report-b-cai-promised-exchanges-with-xi"


def a_cited_source() -> str:
    source = Source.objects.filter(citations__claim__slug=CLAIM_SLUG).first()
    return f"/sources/{source.pk}/"


# name (used for the screenshots' files) -> the page's path, or a function of the demo's data
# that returns it. Every page answers 200 unless listed in STATUS.
PAGES = {
    "home": "/",
    "article-list": "/articles/",
    "article": ARTICLE,
    "article-changes": ARTICLE + "changes/",
    "section": "/sections/world/",
    "tag": "/tags/india-china-relations/",
    "author": "/authors/demo-writer/",
    "person-list": "/people/",
    "person": "/people/cai-qi/",
    "organization-list": "/organizations/",
    "organization": "/organizations/ccp-politburo-standing-committee/",
    "event-list": "/events/",
    "event": "/events/sco-summit-tianjin-2025/",
    "event-cancelled": "/events/banquet-for-modi-tianjin-2025/",
    "claim-list": "/claims/",
    "claim": f"/claims/{CLAIM_SLUG}/",
    "source": a_cited_source,
    "corrections": "/corrections/",
    "methodology": "/methodology/",
    "about": "/about/",
    "search": "/search/?q=Tianjin",
    "search-no-results": "/search/?q=zebracrossingquartz",
    "search-empty": "/search/",
    "not-found": "/no-such-page/",
}
STATUS = {"not-found": 404}
# Not here: /api/docs/, which is Swagger UI's own markup (axe finds nested buttons and low
# contrast in it); tests/browser/test_csp.py checks that it works under the site's policy.


@dataclass(frozen=True)
class Size:
    name: str
    context: dict


SIZES = [
    Size("desktop", {"viewport": {"width": 1280, "height": 800}}),
    Size(
        "phone",
        {
            "viewport": {"width": 390, "height": 844},
            "device_scale_factor": 2,
            "is_mobile": True,
            "has_touch": True,
            "user_agent": (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
            ),
        },
    ),
]
# What a reader of the page would be stopped by; moderate and minor findings are not failures.
FAILING_IMPACTS = {"serious", "critical"}


def path_of(name: str) -> str:
    path = PAGES[name]
    return path() if callable(path) else path


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE.exists():
        missing(f"axe-core is not installed ({AXE.relative_to(ROOT)}): run `make install`")
    return AXE


@pytest.fixture(scope="module", params=SIZES, ids=lambda size: size.name)
def checking_page(request, browser):
    """A browser page at one size. It bypasses the Content-Security-Policy so that axe's
    script can be injected; tests/browser/test_csp.py checks the policy itself."""
    size = request.param
    context = browser.new_context(bypass_csp=True, **size.context)
    page = context.new_page()
    page.size_name = size.name
    yield page
    context.close()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    at {' '.join(node['target'])}")
            lines.append(f"       {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe_and_is_screenshotted(demo, checking_page, axe_script, name):
    page = checking_page
    response = page.goto(demo.url + path_of(name))
    assert response.status == STATUS.get(name, 200), (name, response.status)
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{page.size_name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    if page.size_name == "phone":
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways on a phone by {overflow}px"

    # Folded content (sources, archived texts, versions) is checked open, as a reader opens it.
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    failing = [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]
    assert not failing, (
        f"{name} ({page.size_name}, {page.url}) has {len(failing)} serious or critical "
        f"accessibility violation(s):\n{describe(failing)}"
    )


def test_axe_reports_a_serious_violation_the_test_would_fail_on(demo, checking_page, axe_script):
    """A control: an image link without a name is a serious violation, so "0 violations" on
    the pages above means axe ran and found none, not that it could not see them."""
    page = checking_page
    page.goto(demo.url + "/")
    page.evaluate(
        """() => {
          const link = document.createElement("a");
          link.href = "/";
          link.innerHTML = '<img src="/no-image.png">';
          document.querySelector("main").append(link);
        }"""
    )
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = {v["id"]: v["impact"] for v in results["violations"]}
    assert found.get("image-alt") == "critical" or found.get("link-name") == "serious", found


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run_nu_checker(files: list[Path]) -> list[dict]:
    if not VNU.exists():
        missing(f"the Nu checker is not installed ({VNU.relative_to(ROOT)}): run `make install`")
    java = shutil.which("java")
    if java is None:
        missing(
            "java is not installed: the Nu checker needs it (apt-get install default-jre-headless)"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu checker gave no report (exit {result.returncode}): {result.stderr}")


def test_every_page_is_valid_html(demo, tmp_path):
    files = {}
    for name in PAGES:
        status, body = fetch(demo.url + path_of(name))
        assert status == STATUS.get(name, 200), (name, status)
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(body)
    messages = run_nu_checker(list(files.values()))
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    report = "\n".join(
        f"{Path(m['url'].removeprefix('file:')).stem}.html:{m.get('lastLine', '?')}: "
        f"{m['message']}\n    {m.get('extract', '').strip()[:200]}"
        for m in errors
    )
    assert not errors, f"the Nu checker found {len(errors)} error(s):\n{report}"


def test_the_nu_checker_reports_an_error_the_test_would_fail_on(tmp_path):
    """A control: a broken page gets an error, so an empty report means valid pages."""
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="en"><title>x</title><p><div id=a id=a></p>')
    errors = [m for m in run_nu_checker([broken]) if m["type"] == "error"]
    assert errors, "the Nu checker found nothing wrong with a broken page"

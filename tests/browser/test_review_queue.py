"""The review queue in Chromium at 1,280 × 800: the demo's fact-checker signs in, lands on the
queue, and every column of the claims list is on screen beside the admin's menu and the
filters (screenshots in test-artifacts/review-queue*.png)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db

COLUMNS = ["claim", "status", "sources", "assignee", "waiting since", "updated"]


def test_a_fact_checker_lands_on_the_queue_and_every_column_fits_at_1280(demo, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(demo.url + "/admin/login/?next=/admin/")
        page.fill("#id_username", "factchecker")
        page.fill("#id_password", "checker-demo-2025")
        with page.expect_navigation():
            page.click("input[type=submit]")
        assert page.url.endswith("/admin/newsroom/claim/?queue=waiting")
        assert "Welcome, Priya Raman" in page.locator("#user-tools").inner_text().title()
        screenshot(page, "review-queue")

        page.goto(demo.url + "/admin/newsroom/claim/")
        headers = [
            text.strip().lower()
            for text in page.locator("#result_list thead th.sortable .text").all_inner_texts()
        ]
        assert headers == COLUMNS
        results = page.locator(".results").bounding_box()
        for header in page.locator("#result_list thead th").all():
            box = header.bounding_box()
            assert box["x"] + box["width"] <= results["x"] + results["width"] + 1, (
                header.inner_text()
            )
        overflow = page.evaluate(
            "() => { const box = document.querySelector('.results');"
            " return box.scrollWidth - box.clientWidth; }"
        )
        assert overflow <= 0
        screenshot(page, "review-queue-all-claims")
    finally:
        context.close()

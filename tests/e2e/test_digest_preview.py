"""The daily digest previewed in a real browser: the HTML part is drawn in its frame with the mail's
inline styles and no Content-Security-Policy violation, on the page or in the frame; its links open
in a new tab and work there as a sent digest's do."""

from __future__ import annotations

import pytest

from tests.e2e.test_csp import LISTEN, _violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_preview_frames_the_message_as_sent(page, network, monkeypatch):
    from goodwill.models import NextStep

    monkeypatch.setenv("GOODWILL_BASE_URL", page.base)  # the links point at the server under test
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(LISTEN)
    page.goto(page.base + "/settings/")
    page.get_by_role("link", name="Preview the digest").click()
    page.get_by_role("heading", name="The daily digest, as it would be sent now").wait_for()
    message = page.frame_locator("iframe.digest-frame")
    heading = message.get_by_role("heading", name="Goodwill: Monday 23 November")
    heading.wait_for()
    assert heading.evaluate("h => getComputedStyle(h).fontSize") == "20px"  # the mail's inline style applies
    assert _violations(page, console) == []

    step = NextStep.objects.get(person=network["jane"], text="mail her the trail map")
    with page.context.expect_page() as opened:
        message.get_by_role("link", name="Done").first.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert "/r/" in tab.url and tab.get_by_role("button", name="Undo").is_visible()
    step.refresh_from_db()
    assert step.status == "done"

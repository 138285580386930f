"""The keyboard in a real browser: "/" puts the focus in the People search from any page, no shortcut fires while
typing (inputs, textareas, selects, contenteditable) or with a modifier key, the focus ring stands out (3:1), and a
pass-on draft is copied with its button and opened as an email with its mailto: link."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def stays(page, url: str) -> None:
    """No navigation happened: give a stray shortcut the time it would take, then check the address."""
    page.wait_for_timeout(250)
    assert page.url == url


def test_slash_focuses_the_search_and_typing_never_fires_a_shortcut(page, network):
    page.keyboard.press("/")  # from Today: People opens with the focus in its search box
    page.wait_for_url("**/people/#q")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'q'")
    page.keyboard.type("ant")  # "n" and "t" are shortcuts (Near, Today) everywhere but in a field
    page.wait_for_url("**/people/?q=ant**")
    assert page.locator("#q").input_value() == "ant"
    page.locator("h1").click()  # out of the box: "/" on People puts the focus back in it, in place
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'q'")

    page.goto(page.base + "/log/")
    here = page.url
    page.locator("#log-summary").click()
    page.keyboard.type("met Jane at the park, talked trails")  # m, t, p, r, n, l ... as plain letters
    page.locator('input[name="kind"]').focus()
    page.keyboard.press("n")
    page.get_by_text("More: notes, direction, confidentiality").click()
    page.locator('textarea[name="body"]').focus()
    page.keyboard.press("/")
    stays(page, here)
    assert "met Jane at the park" in page.locator("#log-summary").input_value()
    assert page.locator('textarea[name="body"]').input_value() == "/"

    page.evaluate("""() => { const d = document.createElement("div"); d.id = "editor"; d.contentEditable = "true";
                             document.querySelector("main").append(d); }""")
    page.locator("#editor").click()
    page.keyboard.type("tpm")
    stays(page, here)
    page.locator("h1").click()
    for chord in ("Alt+t", "Control+m", "Meta+p"):
        page.keyboard.press(chord)
    stays(page, here)
    page.keyboard.press("t")  # and out of any field, the shortcut still works
    page.wait_for_url(page.base + "/")


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(rgb):
        channels = [c / 255 for c in rgb[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(css: str) -> tuple[float, ...]:
    return tuple(float(n) for n in re.findall(r"[\d.]+", css)[:3])


def test_focus_ring_has_three_to_one_contrast(page, network):
    page.goto(page.base + "/settings/")
    for _ in range(3):  # the skip link, the brand, Today: each with the ring against the page behind it
        page.keyboard.press("Tab")
        ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor,
                    page: getComputedStyle(document.body).backgroundColor === "rgba(0, 0, 0, 0)"
                          ? getComputedStyle(document.documentElement).backgroundColor
                          : getComputedStyle(document.body).backgroundColor}; }""")
        assert ring["style"] == "solid" and ring["width"] >= 2
        assert _contrast(_rgb(ring["color"]), _rgb(ring["page"])) >= 3, ring


def test_copy_a_draft_and_open_it_as_an_email(page, network, alice):
    from goodwill.services.profiles import add_entry

    add_entry(alice, network["jane"], "interest", "trail running shoes", confidentiality="shareable")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=page.base)
    page.goto(page.base + "/pass-on/?text=Trail+running+shoes+review")
    page.locator("#share-form li.row", has_text="Jane Doe").locator('input[name="person"]').check()
    page.get_by_role("button", name="Pass it on to the ticked people").click()
    draft = page.locator("pre.draft-text")
    draft.wait_for()
    assert draft.inner_text().endswith("Best,\nalice")
    mail = page.get_by_role("link", name="jane@example.com")
    assert mail.get_attribute("href").startswith(
        "mailto:jane@example.com?subject=Trail%20running%20shoes%20review&body=Hi%20Jane"
    )
    page.get_by_role("button", name="Copy the text for Jane Doe").click()
    page.locator(".copied").get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == draft.text_content()

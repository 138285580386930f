"""Setting up a phone from the browser alone: Settings shows what to type, makes a device
password shown once, the password opens the phone's address book, and revoking it in
Settings closes it again."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _propfind(url: str, password: str) -> int:
    import base64
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, method="PROPFIND", headers={"Depth": "0"})
    request.add_header("Authorization", "Basic " + base64.b64encode(f"alice:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_phone_is_set_up_and_revoked_in_settings(page):
    page.goto(page.base + "/settings/#phone")
    section = page.locator("section#phone")
    assert section.locator("#dav-username").inner_text() == "alice"
    section.get_by_label("Device").fill("iPhone")
    section.get_by_role("button", name=re.compile("password", re.I)).click()
    shown = page.locator("main").inner_text()
    password = re.search(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b", shown)[0]
    contacts = page.base.replace("localhost", "127.0.0.1") + "/dav/alice/contacts/"
    assert _propfind(contacts, password) == 207

    page.goto(page.base + "/settings/#phone")
    revoke = page.locator("section#phone").get_by_role("button", name="Revoke the password for iPhone")
    revoke.click()
    revoke.wait_for(state="detached")
    assert _propfind(contacts, password) == 401

"""Profile suggestions and the digest preview through the three front doors: the CLI (`goodwill
profile suggest`, `goodwill remind preview`), the browser (/people/ID/profile/suggestions,
/settings/digest/preview) and the API (…/profile/suggestions, /reminders/digest/preview): one
service answers each, so they agree, and what one door accepts the others see."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.doors import api, jane, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

NOTE = "She is looking for a fractional CFO. Interested in climate tech. Can help with SEC filings."
ONE_CLICK = re.compile(r"/r/[^/\s]+/")  # each rendering signs its links afresh


@pytest.fixture
def noted(cli, jane):  # noqa: F811
    assert cli("note", "Jane Doe", NOTE).exit_code == 0
    assert cli("note", "Jane Doe", "Told me she is hiring a chief of staff", "--confidential").exit_code == 0
    return jane


def _listed_on_the_page(web, person) -> list[dict]:  # noqa: F811
    """The suggestions as the page lists them: number, kind and text from each tick box."""
    page = web.get(f"/people/{person.pk}/profile/suggestions").content.decode()
    values = [html.unescape(v).split("|", 2) for v in re.findall(r'name="pick" value="([^"]*)"', page)]
    return [{"number": int(n), "kind": kind, "text": text} for n, kind, text in values]


def test_the_same_suggestions_at_every_door(cli, web, api, noted):  # noqa: F811
    by_cli = json.loads(cli("profile", "suggest", "Jane Doe", "--json").stdout)
    by_api = api("get", f"/people/{noted.pk}/profile/suggestions").json()
    assert by_api == by_cli
    assert [(s["kind"], s["text"]) for s in by_cli] == [
        ("need", "a fractional CFO"),
        ("interest", "climate tech"),
        ("offer", "SEC filings"),
    ]
    assert _listed_on_the_page(web, noted) == [{k: s[k] for k in ("number", "kind", "text")} for s in by_cli]
    page = html.unescape(web.get(f"/people/{noted.pk}/profile/suggestions").content.decode())
    for s in by_cli:
        assert f"From {s['source']}" in page and s["sentence"] in page
    assert "chief of staff" not in page  # a confidential note is read by no door


def test_accepted_at_one_door_is_gone_from_the_others(cli, web, api, noted):  # noqa: F811
    need = _listed_on_the_page(web, noted)[0]
    web.post(f"/people/{noted.pk}/profile/suggestions", {"pick": [f"{need['number']}|{need['kind']}|{need['text']}"]})
    assert [s["text"] for s in json.loads(cli("profile", "suggest", "Jane Doe", "--json").stdout)] == [
        "climate tech",
        "SEC filings",
    ]
    accepted = api("post", f"/people/{noted.pk}/profile/suggestions/accept", {"numbers": [2]})
    assert accepted.status_code == 201 and accepted.json()[0]["text"] == "SEC filings"
    assert [s["text"] for s in _listed_on_the_page(web, noted)] == ["climate tech"]
    shown = cli("profile", "show", "Jane Doe").stdout
    assert "a fractional CFO (since 23 Nov 2026)" in shown and "SEC filings" in shown


def test_the_same_digest_preview_at_every_door(cli, web, api, noted):  # noqa: F811
    logged = cli("log", "call", "Jane Doe", "Caught up", "--next", "send her the CFO list", "--due", "today", "-y")
    assert logged.exit_code == 0, logged.output
    printed = cli("remind", "preview").stdout
    subject, text = printed.split("\n", 1)
    by_api = api("get", "/reminders/digest/preview").json()
    page = html.unescape(web.get("/settings/digest/preview").content.decode())
    assert subject == "Subject: " + by_api["subject"]
    assert f"Subject</dt><dd>{by_api['subject']}</dd>" in page
    shown = page.split('<pre class="digest-text">', 1)[1].split("</pre>", 1)[0]
    assert "send her the CFO list" in shown
    assert ONE_CLICK.sub("/r/…/", shown).strip() == ONE_CLICK.sub("/r/…/", by_api["text"]).strip()
    assert ONE_CLICK.sub("/r/…/", text).strip() == ONE_CLICK.sub("/r/…/", by_api["text"]).strip()

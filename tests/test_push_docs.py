"""Every channel URL shown in docs/reminders.md's Notifications section is one Apprise
accepts, so a user copying an example gets no error but their own tokens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOC = Path(__file__).parent.parent / "docs" / "reminders.md"


def _section() -> str:
    text = DOC.read_text()
    start = text.index("## Notifications")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


FOUND = re.findall(r"`([a-z]+s?://[^`\s]+)`", _section()) + re.findall(
    r"^goodwill push add \S+ (\S+://\S+)$", _section(), re.M
)
URLS = list(dict.fromkeys(url for url in FOUND if not url.endswith("…")))  # a masked URL, as lists show it


def test_the_section_has_examples():
    schemes = {url.split("://")[0] for url in URLS}
    assert {"ntfys", "tgram", "slack", "matrixs", "signal", "mailtos"} <= schemes


@pytest.mark.parametrize("url", URLS)
def test_each_example_is_a_url_apprise_accepts(url):
    import apprise

    assert apprise.Apprise().add(url), url

"""No page tells its user to go and type a command: every page a browser-only user sees, for
a network with something on each (and for a new, empty one), names pages and buttons, never a
`goodwill …` command. (The CLI's own messages name commands; they never reach a page.)"""

from __future__ import annotations

import re

import pytest

from tests.web.test_access import PAGES, person_pages

MORE_PAGES = ["/places/", "/places/unplaced/", "/trip/?place=Austin&start=2026-12-01", "/settings/#api-tokens"]


def _commands() -> set[str]:
    import click
    import typer.main

    from goodwill.cli.main import app

    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return set(group.list_commands(click.Context(group)))


def _hints(body: str, commands: set[str]) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", body)  # what the page says, not its markup
    return [m.group(0) for m in re.finditer(r"goodwill\s+([a-z][a-z-]*)", text) if m.group(1) in commands]


@pytest.mark.parametrize("who", ["as_alice", "as_charlie"])  # a full network, and an empty one
def test_no_page_names_a_command(request, network, who):
    client, commands = request.getfixturevalue(who), _commands()
    urls = PAGES + MORE_PAGES + (person_pages(network) if who == "as_alice" else [])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _hints(response.content.decode(), commands) == [], url

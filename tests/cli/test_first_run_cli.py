"""The first run in the terminal: --demo without a demo network, and the empty network (issue 12)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("command", [["today"], ["list"], ["review", "--list"], ["near", "home"], ["promises"]])
def test_demo_without_a_demo_network_is_one_line_and_exit_2(cli, command, monkeypatch):
    monkeypatch.setenv("GOODWILL_DEMO", "0")  # restored after the test: demo mode must not leak
    result = cli(*command, "--demo")
    assert result.exit_code == 2
    assert result.output.strip().endswith("no demo network here: run goodwill demo")
    assert "Traceback" not in result.output


def test_serve_demo_refuses_to_start_without_a_demo_network(cli, monkeypatch, serve_environment):
    import waitress

    monkeypatch.setattr(waitress, "serve", lambda *a, **k: pytest.fail("the server started"))
    monkeypatch.setenv("GOODWILL_DEMO", "0")
    result = cli("serve", "--demo", "--port", "8123")
    assert result.exit_code == 2
    assert "no demo network here: run goodwill demo" in result.output


@pytest.mark.parametrize("command", [["today"], ["list"], ["review", "--list"], ["review"], ["near", "Chicago"]])
def test_an_empty_network_offers_the_three_ways_in(cli, command):
    result = cli(*command)
    assert result.exit_code == 0
    out = result.output
    assert "Nobody in your network yet." in out
    assert "goodwill import FILE" in out and "goodwill add" in out and "goodwill demo" in out
    for where in ("Get a copy of your data", "Google CSV", "Export to a file", "Export vCard"):
        assert where in out
    assert "good shape" not in out


def test_review_of_nobody_records_no_review(cli, me):
    from goodwill.models import WeeklyReview

    cli("review")
    assert not WeeklyReview.objects.filter(owner=me).exists()


def test_today_shows_the_short_checklist_until_done(cli, me):
    out = cli("today").output
    assert "Getting started 0 of 4 done" in out
    assert "Set your home: goodwill config set home" in out
    cli("add", "Jane Doe")
    cli("config", "set", "weekly-goal", "5")  # the default, but now chosen
    cli("config", "set", "home", "Denver, CO")
    out = cli("today").output
    assert "3 of 4 done" in out and "Log your first touch" in out and "Set your home" not in out
    assert "Nobody in your network yet." not in out
    assert cli("log", "call", "Jane Doe", "caught up", "--next", "none").exit_code == 0
    assert "Getting started" not in cli("today").output


def test_today_hide_checklist(cli, me):
    assert "Getting started" not in cli("today", "--hide-checklist").output
    assert "Getting started" not in cli("today").output


def test_today_json_has_the_checklist(cli, me):
    import json

    data = json.loads(cli("today", "--json").output)
    assert [item["key"] for item in data["checklist"]["items"]] == ["people", "home", "goal", "touch"]
    assert data["first_run"]["sources"][0]["name"] == "LinkedIn"

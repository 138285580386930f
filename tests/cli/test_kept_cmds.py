"""`goodwill pass-on` when no one stands out (one kind line, and --keep), and `goodwill for-later`:
the kept items, each ranked again, and forgetting one."""

import json

import pytest

from goodwill.models import Item, Share

SKATING = "Figure skating federation revises scoring for quadruple jumps"
NOBODY = "No one in your network stands out for this."


def add(cli, *args):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def people(cli):
    add(cli, "add", "Nina Need", "--org", "Ledgerly")
    add(cli, "add", "Carl Cloud", "--org", "Stackwise")
    add(cli, "profile", "add", "Nina Need", "need", "a custodian for crypto assets", "-c", "shareable")
    add(cli, "profile", "add", "Carl Cloud", "need", "lower cloud hosting bills")


def test_nobody_stands_out_says_so_and_offers_to_keep(cli, people):
    result = add(cli, "pass-on", SKATING)
    assert NOBODY in result.output and "--keep" in result.output
    assert "matches" not in result.output and not Item.objects.exists()
    ranking = json.loads(add(cli, "pass-on", SKATING, "--json").output)
    assert ranking["nobody"] is True and ranking["people"] == []


def test_keep_when_nobody_stands_out_then_kept_lists_it(cli, people):
    result = add(cli, "pass-on", SKATING, "--tags", "sport", "--keep")
    assert NOBODY in result.output and "Kept for later" in result.output
    item = Item.objects.get()
    assert (item.title, item.tags) == (SKATING, ["sport"]) and not Share.objects.exists()
    add(cli, "pass-on", SKATING, "--keep")
    assert Item.objects.count() == 1  # the same item, kept once
    listed = add(cli, "for-later").output
    assert f"#{item.pk} {SKATING}" in listed and "No one stands out yet." in listed


def test_kept_ranks_each_item_again(cli, people):
    add(cli, "pass-on", "Guide to cutting cloud hosting bills", "--keep", "--url", "https://example.com/cloud")
    add(cli, "pass-on", SKATING, "--keep")
    text = add(cli, "for-later").output
    assert text.index(SKATING) < text.index("Guide to cutting cloud hosting bills")  # newest first
    assert "Stands out now: Carl Cloud" in text and "https://example.com/cloud" in text
    data = json.loads(add(cli, "for-later", "--json").output)
    assert [d["title"] for d in data] == [SKATING, "Guide to cutting cloud hosting bills"]
    assert data[0]["ranking"]["nobody"] is True
    assert data[1]["ranking"]["people"][0]["name"] == "Carl Cloud" and data[1]["url"] == "https://example.com/cloud"


def test_passing_a_kept_item_on_takes_it_off_the_list(cli, people):
    add(cli, "pass-on", "Guide to cutting cloud hosting bills", "--keep")
    add(cli, "pass-on", "Guide to cutting cloud hosting bills", "--to", "Carl Cloud")
    assert json.loads(add(cli, "for-later", "--json").output) == []
    assert "Nothing kept for later" in add(cli, "for-later").output


def test_forget_a_kept_item(cli, people):
    add(cli, "pass-on", SKATING, "--keep")
    item = Item.objects.get()
    assert "Forgot" in add(cli, "for-later", "--forget", str(item.pk)).output
    assert not Item.objects.exists()
    result = cli("for-later", "--forget", str(item.pk))
    assert result.exit_code == 2
    assert f"no kept item with id {item.pk}; `goodwill for-later` lists them" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_item_everyone_it_suits_got_is_not_nobody_and_not_kept(cli, people):
    add(cli, "pass-on", "Guide to cutting cloud hosting bills", "--to", "Carl Cloud")
    result = cli("pass-on", "Guide to cutting cloud hosting bills", "--keep")
    assert result.exit_code == 0 and "No one else in your network stands out" in result.output
    assert not Item.objects.filter(shares__isnull=True).exists()


def test_every_command_name_is_registered_once():
    """`goodwill kept` marks promises kept; the kept items' list has its own name."""
    from collections import Counter

    from goodwill.cli.main import _command_name, app

    names = Counter(_command_name(c) for c in app.registered_commands)
    assert [n for n, count in names.items() if count > 1] == []
    assert {"kept", "for-later"} <= set(names)

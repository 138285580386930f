"""`goodwill show` says how strong the relationship is, and why, in words and in --json."""

from __future__ import annotations

import json


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_show_gives_the_strength_with_its_parts(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", "Caught up on the merger"))
    out = ok(cli("show", "Jane"))
    assert "strength  3 — 1 call" in out
    data = json.loads(ok(cli("show", "Jane", "--json")))["strength"]
    assert (data["score"], data["explain"], data["last_met"]) == (3, "1 call", None)
    assert data["parts"] == [{"kind": "call", "count": 1, "points": 2.0}]


def test_a_new_person_has_no_encounters_yet(cli):
    ok(cli("add", "Sam Lee"))
    assert "strength  1 — no encounters yet" in ok(cli("show", "Sam"))

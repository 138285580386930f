import json


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_near_home_answers_the_essays_question(cli):
    ok(cli("config", "set", "home", "Boise, ID"))
    ok(cli("add", "Ann", "--location", "Meridian, ID"))
    ok(cli("add", "Cy", "--location", "Denver, CO"))
    assert "1 of your contacts live within 100mi of Boise, ID" in ok(
        cli("near", "home", "--within", "100mi", "--count")
    )
    data = json.loads(ok(cli("near", "home", "--within", "1200km", "--json")))
    assert [p["name"] for p in data["people"]] == ["Ann", "Cy"]
    assert "mi  Ann" in ok(cli("near", "home"))


def test_geocode_command(cli):
    data = json.loads(ok(cli("geocode", "São Paulo", "--json")))
    assert data["place"]["country"] == "BR" and data["place"]["timezone"] == "America/Sao_Paulo"
    assert json.loads(ok(cli("geocode", "Sao Paulo", "--json")))["place"]["name"] == "São Paulo"
    assert "unresolved" in ok(cli("geocode", "Xyzzyville"))
    assert "ambiguous" in ok(cli("geocode", "Cambridge"))


def test_places_unresolved_and_confirm(cli):
    ok(cli("add", "Pat", "--location", "Portland"))
    ok(cli("add", "Zed", "--location", "Xyzzyville"))
    rows = json.loads(ok(cli("places", "--unresolved", "--json")))
    assert {(r["name"], r["status"]) for r in rows} == {("Pat", "ambiguous"), ("Zed", "unresolved")}
    ok(cli("places", "confirm", "Pat", "Portland, ME"))
    assert [r["name"] for r in json.loads(ok(cli("places", "--unresolved", "--json")))] == ["Zed"]


def test_where_and_trip(cli):
    ok(cli("add", "Bo", "--location", "Evanston, IL", "--circle", "inner"))
    assert "Chicago, Illinois" in ok(cli("where"))
    out = ok(cli("trip", "Chicago", "--from", "2026-12-01", "--to", "2026-12-03"))
    assert "Bo" in out
    assert "meet Bo in Chicago" in ok(cli("trip", "Chicago", "--from", "2026-12-01", "--plan", "Bo"))


def test_bad_places_are_exit_2(cli):
    for args in (
        ["near", "Xyzzyville"],
        ["near", "home"],
        ["near", "Chicago", "--within", "far"],
        ["config", "set", "home", "Xyzzyville"],
    ):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert result.output.startswith("error:")


def test_local_time_on_the_person_page(cli):
    ok(cli("add", "Ann", "--location", "Tokyo"))
    assert "local time 18:00 Mon" in ok(cli("show", "Ann"))  # 09:00 UTC


def test_today_shows_local_time_only_when_it_differs_from_home(cli):
    ok(cli("config", "set", "home", "Boise, ID"))
    ok(cli("add", "Tomo", "--location", "Tokyo", "--circle", "inner"))
    ok(cli("add", "Mel", "--location", "Meridian, ID", "--circle", "inner"))
    ok(cli("log", "email", "Tomo", "Asked about the offsite", "--inbound", "--awaiting-reply", "--next", "none"))
    ok(cli("log", "email", "Mel", "Asked about the retreat", "--inbound", "--awaiting-reply", "--next", "none"))
    replies = {r["person_name"]: r["local_time"] for r in json.loads(ok(cli("today", "--json")))["replies_owed"]}
    assert replies["Tomo"].startswith("2026-11-23T18:00")  # 09:00 UTC is 18:00 in Tokyo
    assert replies["Mel"] is None  # same clock as home: not worth a glance


def test_a_trip_lists_its_best_with_ideas_counts_the_rest_and_plans_anyone_near(cli):
    """A city can hold thousands: the list is the most overdue (with ideas, the costly part),
    the rest are counted, and a meeting may still be planned with any of them."""
    for n in range(5):
        ok(cli("add", f"Local {n}", "--location", "Evanston, IL"))
    ok(cli("log", "call", "Local 4", "Caught up", "--next", "none"))  # touched today: last of the list
    data = json.loads(ok(cli("trip", "Chicago", "--from", "2026-12-01", "--limit", "2", "--json")))
    assert data["count"] == 5 and len(data["visits"]) == 2
    assert "Local 4" not in [v["name"] for v in data["visits"]]
    assert data["latitude"] and data["radius_km"] > 80
    assert "… and 3 more within 50mi" in ok(cli("trip", "Chicago", "--from", "2026-12-01", "--limit", "2"))
    assert "meet Local 4 in Chicago" in ok(cli("trip", "Chicago", "--from", "2026-12-01", "--plan", "Local 4"))

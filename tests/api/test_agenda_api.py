"""Today's agenda over the API: the same rows as `goodwill today`."""

from __future__ import annotations


def test_agenda_lists_replies_steps_and_people_due(as_alice, alice, network, now):
    from datetime import timedelta

    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    old = add_person(alice, PersonFields(name="Olga Old", circle="inner"))
    log_interaction(alice, LogRequest(kind="call", people=[old], summary="Long ago", when=now - timedelta(days=40)))
    agenda = as_alice.get("/agenda").json()
    assert agenda["today"] == "2026-11-23"
    assert [(r["person_name"], r["summary"]) for r in agenda["replies_owed"]] == [("Jane Doe", "Asked about the lease")]
    assert [s["text"] for s in agenda["my_steps"]] == ["send the article"]
    assert [s["text"] for s in agenda["their_steps"]] == ["intro to her lawyer"]
    assert [p["name"] for p in agenda["people_due"]] == ["Olga Old"]
    assert agenda["people_due"][0]["last_summary"] == "Long ago"
    assert agenda["people_due_total"] == 1
    assert (agenda["my_steps_total"], agenda["their_steps_total"]) == (1, 1)
    assert agenda["intro_follow_ups"] == []
    assert agenda["review_done_this_week"] is False
    assert as_alice.get("/agenda", {"people_limit": 0}).json()["people_due"] == []
    assert as_alice.get("/agenda", {"people_limit": 101}).status_code == 400


def test_another_users_agenda_is_their_own(as_bob, network):
    agenda = as_bob.get("/agenda").json()
    assert agenda["replies_owed"] == [] and agenda["my_steps"] == [] and agenda["people_due_total"] == 0


def test_introductions_to_follow_up_are_on_the_agenda(as_alice, alice, network, set_now):
    from goodwill.services.intros import propose_intro

    propose_intro(alice, network["jane"], network["sam"], "both golf")
    set_now("2026-11-27T09:00:00+00:00")
    rows = as_alice.get("/agenda").json()["intro_follow_ups"]
    assert [(r["a"], r["b"], r["next"]) for r in rows] == [("Jane Doe", "Sam Lee", "waiting for Jane Doe's answer")]


def test_agenda_has_the_first_run_checklist_until_dismissed(as_alice, alice, as_bob):
    from goodwill.models import UserSettings

    agenda = as_alice.get("/agenda").json()
    assert agenda["network_empty"] is True
    assert [(i["key"], i["done"]) for i in agenda["checklist"]["items"]] == [
        ("people", False),
        ("home", False),
        ("goal", False),
        ("touch", False),
    ]
    assert agenda["checklist"]["done_count"] == 0
    assert as_alice.post("/agenda/checklist/dismiss").json() == {"dismissed": True}
    assert as_alice.get("/agenda").json()["checklist"] is None
    assert as_bob.get("/agenda").json()["checklist"] is not None  # bob's own list is still there
    assert UserSettings.objects.get(user=alice).onboarding["checklist_dismissed"] is True


def test_agenda_has_the_dates_this_week(as_alice, alice):
    from goodwill.services.people import PersonFields, add_person

    add_person(alice, PersonFields(name="Jane Doe", birthday="1985-11-27"))
    rows = as_alice.get("/agenda").json()["dates_this_week"]
    assert [(r["person_name"], r["on"], r["when"], r["date_label"], r["years"], r["what"]) for r in rows] == [
        ("Jane Doe", "2026-11-27", "Fri 27 November", "27 November", 41, "birthday, turns 41")
    ]

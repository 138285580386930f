"""What each page shows and does, through Django's test client."""

from __future__ import annotations

from datetime import date

import pytest

from goodwill.models import Interaction, NextStep, Person, WeeklyReview


def text(response) -> str:
    return response.content.decode()


# Today


def test_today_in_the_cli_order(network, as_alice):
    body = text(as_alice.get("/"))
    order = [
        body.index(h)
        for h in ("Replies I owe", "My next steps due", "Due for a touch", "Theirs to chase", "Weekly review")
    ]
    assert order == sorted(order)
    assert "Asked for the deck" in body and "mail her the trail map" in body and "send the contract" in body
    assert "3 days late" in body  # the step was due Friday 20 Nov


def test_today_actions_work_without_javascript(network, as_alice):
    step = NextStep.objects.get(person=network["jane"])
    response = as_alice.post(f"/steps/{step.pk}/done", follow=True)
    assert response.redirect_chain == [("/", 303)]
    assert "Done: mail her the trail map" in text(response)
    assert "mail her the trail map" not in text(as_alice.get("/"))


def test_today_action_in_place_with_htmx(network, as_alice):
    """htmx posts the same form; the redirect lands on Today and only #agenda is swapped."""
    jane = network["jane"]
    response = as_alice.post(f"/people/{jane.pk}/replied", {"next": "/"}, HTTP_HX_REQUEST="true", follow=True)
    assert response.status_code == 200 and 'id="agenda"' in text(response)
    assert "Marked the reply to Jane Doe as sent." in text(response)
    assert "Asked for the deck" not in text(response)


def test_today_shows_the_users_mistake(network, as_alice):
    step = NextStep.objects.get(person=network["jane"])
    response = as_alice.post(f"/steps/{step.pk}/snooze", {"days": "999"}, follow=True)
    assert "snooze for 1, 3, 7, 14, 30, 90 days" in text(response)
    as_alice.post(f"/steps/{step.pk}/done")
    again = as_alice.post(f"/steps/{step.pk}/done", follow=True)
    assert "is already done" in text(again)


def test_snoozed_person_leaves_the_agenda(network, as_alice):
    priya = network["priya"]
    assert "Priya Laurent" in text(as_alice.get("/")).split("Due for a touch")[1].split("Theirs to chase")[0]
    as_alice.post(f"/people/{priya.pk}/snooze", {"days": "30"})
    assert Person.objects.get(pk=priya.pk).snoozed_until == date(2026, 12, 23)
    assert "Priya Laurent" not in text(as_alice.get("/")).split("Due for a touch")[1].split("Theirs to chase")[0]


# Quick log


def test_log_with_a_next_step(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/",
        {
            "person": f"Jane Doe (#{jane.pk})",
            "kind": "call",
            "summary": "Caught up on Austin",
            "next_step": "introduce her to Omar",
            "due": "friday",
            "next": f"/people/{jane.pk}/",
        },
    )
    assert response.status_code == 303 and response["Location"] == f"/people/{jane.pk}/"
    step = NextStep.objects.get(person=jane, text="introduce her to Omar")
    assert step.due_on == date(2026, 11, 27) and step.interaction.summary == "Caught up on Austin"


def test_log_by_name_as_typed(network, as_alice):
    as_alice.post("/log/", {"person": "omar", "kind": "email", "summary": "Sent the notes", "skip_next": "1"})
    assert Interaction.objects.filter(participants=network["omar"], summary="Sent the notes").exists()


def test_log_needs_a_next_step_or_an_explicit_skip(network, as_alice):
    jane = network["jane"]
    response = as_alice.post("/log/", {"person": f"Jane Doe (#{jane.pk})", "kind": "call", "summary": "Quick chat"})
    assert response.status_code == 400
    assert 'add a next step, or tick "No next step"' in text(response).replace("&quot;", '"')
    assert "Quick chat" in text(response)  # what was typed is kept
    assert not Interaction.objects.filter(summary="Quick chat").exists()


def test_log_shows_found_promises_to_confirm(network, as_alice):
    jane = network["jane"]
    form = {
        "person": f"Jane Doe (#{jane.pk})",
        "kind": "meeting",
        "summary": "Coffee. I'll send her the deck by Friday. She will intro me to Bo next week.",
    }
    first = as_alice.post("/log/", form)
    assert first.status_code == 200 and "Found 2 promises in the note" in text(first)
    assert not Interaction.objects.filter(kind="meeting", participants=jane).exists()  # nothing written yet
    body = text(first)
    assert 'name="promise-0-text" value="send the deck"' in body
    # Untick the second; the first (mine) counts as the next step.
    confirmed = dict(
        form,
        promises_checked="1",
        **{
            "promise-0-accept": "1",
            "promise-0-text": "send the deck",
            "promise-0-due": "2026-11-27",
            "promise-0-firm": "1",
            "promise-0-ball": "mine",
            "promise-0-sentence": "I'll send her the deck by Friday.",
            "promise-1-text": "intro me to Bo",
            "promise-1-due": "2026-12-04",
            "promise-1-ball": "theirs",
            "promise-1-sentence": "She will intro me to Bo next week.",
        },
    )
    assert as_alice.post("/log/", confirmed).status_code == 303
    steps = NextStep.objects.filter(person=jane, interaction__kind="meeting")
    assert [(s.text, s.ball, s.due_on, s.source_sentence) for s in steps] == [
        ("send the deck", "mine", date(2026, 11, 27), "I'll send her the deck by Friday.")
    ]


def test_promise_preview_while_typing(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/promises",
        {"person": f"Jane Doe (#{jane.pk})", "summary": "I'll call her on Monday."},
        HTTP_HX_REQUEST="true",
    )
    assert 'name="promises_checked"' in text(response) and "I promised" in text(response)
    nothing = as_alice.post("/log/promises", {"person": f"Jane Doe (#{jane.pk})", "summary": "Nice lunch."})
    assert text(nothing).strip() == ""


def test_inline_log_error_takes_over_the_main_area(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/log/", {"person": f"Jane Doe (#{jane.pk})", "kind": "call", "summary": "Hi"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and response["HX-Retarget"] == "#main"


def test_inline_log_form_opens_in_place(network, as_alice):
    omar = network["omar"]
    body = text(as_alice.get(f"/log/inline?person={omar.pk}&kind=email"))
    assert f'value="Omar Thompson (#{omar.pk})"' in body and "<option selected>email</option>" in body
    assert 'hx-select="#agenda"' in body and "<html" not in body
    # Without JavaScript, the row's Log is a link to the quick log page with the person filled in.
    today = text(as_alice.get("/"))
    assert f'href="/log/?person={omar.pk}&amp;next=%2F"' in today


def test_person_picker(network, as_alice):
    body = text(as_alice.get("/people/pick?person=jan"))
    assert f'value="Jane Doe (#{network["jane"].pk})"' in body and "Omar" not in body


def test_log_prefills_the_person(network, as_alice):
    jane = network["jane"]
    assert f'value="Jane Doe (#{jane.pk})"' in text(as_alice.get(f"/log/?person={jane.pk}"))


# People and Person


def test_people_filters(network, as_alice):
    assert "Jane Doe" in text(as_alice.get("/people/?circle=close"))
    assert "Jane Doe" not in text(as_alice.get("/people/?circle=network"))
    assert "Jane Doe" in text(as_alice.get("/people/?tag=austin"))
    assert "Omar" not in text(as_alice.get("/people/?tag=austin"))
    assert "Priya Laurent" in text(as_alice.get("/people/?overdue=1"))
    assert "Jane Doe" not in text(as_alice.get("/people/?due=1"))
    near = text(as_alice.get("/people/?near=Round+Rock,+TX&within=50mi"))
    assert "Jane Doe" in near and "Omar" not in near and " mi" in near
    assert "Jane Doe" not in text(as_alice.get("/people/?near=Boise,+ID&within=50mi"))


def test_people_search_as_you_type_returns_the_results_only(network, as_alice):
    response = as_alice.get("/people/?q=acme", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    body = text(response)
    assert body.lstrip().startswith('<div id="results">') and "Jane Doe" in body and "<html" not in body


def test_people_bad_near_place(network, as_alice):
    response = as_alice.get("/people/?near=Nowhereville+Qzx")
    assert response.status_code == 400 and "cannot place" in text(response)


def test_person_page(network, as_alice):
    jane = network["jane"]
    body = text(as_alice.get(f"/people/{jane.pk}/"))
    for expected in (
        "Acme",
        "jane@example.com",
        "#austin",
        "mail her the trail map",
        "Talked about her move",
        "Loves trail running",
        "Prefers mornings",
        "Replied (1 owed)",
    ):
        assert expected in body, expected
    assert "send the contract" not in body  # Omar's step


def test_person_page_shows_their_steps_and_promises(network, as_alice, alice):
    from goodwill.services.steps import add_step

    jane = network["jane"]
    add_step(alice, jane, "send me her CV", ball="theirs", source_sentence="She'll send me her CV.")
    body = text(as_alice.get(f"/people/{jane.pk}/"))
    theirs = body.split("<h3>Theirs</h3>")[1]
    assert "send me her CV" in theirs and "promise" in theirs


# Review


def test_weekly_review_walk(network, as_alice):
    jane, omar = network["jane"], network["omar"]
    start = text(as_alice.get("/review/"))
    assert "Priya Laurent" in start and "Start the review" in start
    url = f"/review/?queue={jane.pk},{omar.pk}&at=0&reviewed=0"
    card = text(as_alice.get(url))
    assert "1 of 2" in card and "Jane Doe" in card
    response = as_alice.post(
        "/review/act",
        {
            "queue": f"{jane.pk},{omar.pk}",
            "at": "0",
            "reviewed": "0",
            "action": "log",
            "kind": "message",
            "summary": "Checked in",
            "next_step": "coffee in December",
            "due": "in two weeks",
        },
    )
    assert (
        response.status_code == 303 and response["Location"] == f"/review/?queue={jane.pk}%2C{omar.pk}&at=1&reviewed=1"
    )
    assert NextStep.objects.filter(person=jane, text="coffee in December").exists()
    last = text(as_alice.get(response["Location"]))
    assert "2 of 2" in last and "Omar Thompson" in last
    end = text(as_alice.get(f"/review/?queue={jane.pk},{omar.pk}&at=2&reviewed=2"))
    assert "Finish the review" in end
    done = as_alice.post("/review/finish", {"reviewed": "2"}, follow=True)
    assert "Review done: 2 people reviewed" in text(done)
    assert WeeklyReview.objects.get(owner=network["jane"].owner).reviewed == 2
    assert "Done this week." in text(as_alice.get("/"))


def test_review_mistake_stays_on_the_person(network, as_alice):
    jane = network["jane"]
    response = as_alice.post(
        "/review/act",
        {"queue": str(jane.pk), "at": "0", "reviewed": "0", "action": "rhythm", "cadence": "every blue moon"},
        follow=True,
    )
    assert "cannot read cadence" in text(response) and "1 of 1" in text(response)


# Near (the momentum page is tested in test_charts.py)


def test_near_list_and_map(network, as_alice):
    body = text(as_alice.get("/near/?place=Round+Rock,+TX&within=50mi"))
    assert "1 within 50mi of Round Rock" in body and "Jane Doe" in body
    assert 'class="person"' in body and 'class="graticule"' in body and 'class="radius"' in body
    world = text(as_alice.get("/near/"))
    assert "Where your 1 placed people are" in world and 'class="person"' in world


def test_near_bad_place(network, as_alice):
    response = as_alice.get("/near/?place=Qzxv+Nowhere")
    assert response.status_code == 400 and "cannot place" in text(response)


# Settings


def test_settings_preferences(network, as_alice, alice):
    from goodwill.services.accounts import settings_for

    response = as_alice.post(
        "/settings/preferences",
        {"weekly-goal": "8", "response-window": "2", "home": "Boise, ID", "phone-region": "GB"},
        follow=True,
    )
    prefs = settings_for(alice)
    assert (prefs.weekly_goal, prefs.response_window_days, prefs.home, prefs.default_phone_region) == (
        8,
        2,
        "Boise, ID",
        "GB",
    )
    assert "Saved" in text(response)
    bad = as_alice.post("/settings/preferences", {"weekly-goal": "0"}, follow=True)
    assert "weekly-goal must be a whole number from 1 to 100" in text(bad)
    assert settings_for(alice).weekly_goal == 8


def test_settings_circle_cadence(network, as_alice, alice):
    from goodwill.models import Circle

    close = Circle.objects.get(owner=alice, name="close")
    as_alice.post(f"/settings/circles/{close.pk}", {"cadence": "3w"})
    assert Circle.objects.get(pk=close.pk).ideal_days == 21
    assert Person.objects.get(pk=network["jane"].pk).rhythm_days == 21  # everyone in it is rescheduled


def test_settings_circle_of_someone_else_is_404(network, as_charlie, alice):
    from goodwill.models import Circle

    close = Circle.objects.get(owner=alice, name="close")
    assert as_charlie.post(f"/settings/circles/{close.pk}", {"cadence": "3w"}).status_code == 404
    assert Circle.objects.get(pk=close.pk).ideal_days == 30


def test_settings_feed_token(network, as_alice, alice):
    from goodwill.services.accounts import settings_for

    assert "The feed is off." in text(as_alice.get("/settings/"))
    as_alice.post("/settings/feed", {"action": "regenerate"})
    first = settings_for(alice).feed_token
    assert len(first) >= 20 and f"http://127.0.0.1:8000/feed/{first}.ics" in text(as_alice.get("/settings/"))
    as_alice.post("/settings/feed", {"action": "regenerate"})
    second = settings_for(alice).feed_token
    assert second != first and first not in text(as_alice.get("/settings/"))
    as_alice.post("/settings/feed", {"action": "off"})
    assert settings_for(alice).feed_token == ""


# Person: ideas for bringing value (queries.ideas, as `goodwill ideas`), each with its action


@pytest.fixture
def ideas_world(alice, network):
    """Ann needs a fractional CFO and Ben offers it; a report Ann would care about is kept; a pending lead given."""
    from goodwill.services.ledger import add_exchange
    from goodwill.services.pass_on import keep_item
    from goodwill.services.people import PersonFields, add_person
    from goodwill.services.profiles import add_entry

    ann = add_person(alice, PersonFields(name="Ann Able", birthday="--11-30"))
    ben = add_person(alice, PersonFields(name="Ben Baker", title="Fractional CFO"))
    add_entry(alice, ann, "need", "a fractional CFO")
    add_entry(alice, ann, "interest", "climate tech")
    add_entry(alice, ann, "need", "a quiet buyer for her company", confidentiality="confidential")
    add_entry(alice, ben, "offer", "fractional CFO services")
    keep_item(alice, "Climate tech funding report", url="https://example.com/climate")
    lead = add_exchange(alice, ann, "lead", "given", description="Globex pilot")
    return {"ann": ann, "ben": ben, "lead": lead}


def ideas_of(body: str) -> str:
    return body.split('id="ideas"')[1].split("</section>")[0]


def test_person_page_shows_ideas_with_their_actions(ideas_world, network, as_alice):
    from goodwill.queries.ideas import ideas_for

    ann, ben, lead = ideas_world["ann"], ideas_world["ben"], ideas_world["lead"]
    body = text(as_alice.get(f"/people/{ann.pk}/"))
    assert "{#" not in body and "{%" not in body and "comment" not in body  # template comments stay in the template
    section = ideas_of(body)
    assert [i.text for i in ideas_for(ann.owner, ann)] and all(
        i.text.replace('"', "&quot;") in section for i in ideas_for(ann.owner, ann)
    )  # the same ideas as the CLI
    assert "Introduce them to Ben Baker" in section and f'name="b" value="#{ben.pk}"' in section
    assert "Pass on &quot;Climate tech funding report&quot;" in section and 'action="/pass-on/share"' in section
    assert f'action="/ledger/{lead.pk}/status"' in section and "Globex pilot" in section
    assert "Birthday on Mon 30 Nov" in section and 'name="due" value="2026-11-30"' in section
    assert "quiet buyer" not in section  # a confidential need never becomes an idea
    assert section.count('name="csrfmiddlewaretoken"') == section.count("<form")
    jane = ideas_of(text(as_alice.get(f"/people/{network['jane'].pk}/")))
    step = NextStep.objects.get(person=network["jane"], text="mail her the trail map")
    assert "Keep your promise: mail her the trail map" in jane and f'action="/steps/{step.pk}/done"' in jane
    assert "Answer their email: Asked for the deck" in jane and "Replied</button>" in jane


def test_person_without_ideas_says_how_to_get_some(network, as_alice):
    section = ideas_of(text(as_alice.get(f"/people/{network['priya'].pk}/")))
    assert "No ideas from the data yet" in section


def test_idea_actions_record_and_come_back(ideas_world, as_alice, alice):
    from goodwill.models import Exchange, Introduction

    ann, ben, lead = ideas_world["ann"], ideas_world["ben"], ideas_world["lead"]
    page = f"/people/{ann.pk}/"
    response = as_alice.post(
        "/intros/propose", {"a": f"#{ann.pk}", "b": f"#{ben.pk}", "why": "a fractional CFO", "next": page}
    )
    assert response.status_code == 303 and response["Location"] == page
    assert Introduction.objects.filter(owner=alice, person_a=ann, person_b=ben, status="asked_a").exists()
    body = text(as_alice.get(page))
    assert "Introduction #" in body and "Introduce them to Ben Baker" not in ideas_of(
        body
    )  # proposed: no longer an idea
    assert "The message to send is on the Introductions board." in body
    assert "Hi Ann," in text(as_alice.get("/intros/"))  # the opt-in question, drafted
    response = as_alice.post(f"/ledger/{lead.pk}/status", {"status": "won", "next": page})
    assert response["Location"] == page and Exchange.objects.get(pk=lead.pk).status == "won"
    response = as_alice.post(
        f"/people/{ann.pk}/steps", {"text": "Birthday on Mon 30 Nov: send a note", "due": "2026-11-30", "next": page}
    )
    assert response["Location"] == page
    assert str(NextStep.objects.get(person=ann, text__startswith="Birthday").due_on) == "2026-11-30"
    response = as_alice.post(
        "/pass-on/share",
        {"text": "Climate tech funding report", "url": "https://example.com/climate", "person": str(ann.pk)},
    )
    assert "Hi Ann," in text(as_alice.get(response["Location"]))  # the draft to send, on Pass it on


def test_idea_action_in_place_with_htmx(network, as_alice):
    """htmx posts the idea's form; the redirect lands on the person page, of which #ideas (and #steps) are swapped."""
    jane = network["jane"]
    step = NextStep.objects.get(person=jane, text="mail her the trail map")
    response = as_alice.post(
        f"/steps/{step.pk}/done",
        {"next": f"/people/{jane.pk}/"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="ideas",
        follow=True,
    )
    body = text(response)
    assert response.status_code == 200 and 'id="ideas"' in body and 'id="steps"' in body and 'id="flash"' in body
    assert "Done: mail her the trail map" in body and "Keep your promise" not in ideas_of(body)


def test_idea_mistake_comes_back_as_a_message(ideas_world, as_alice):
    ann = ideas_world["ann"]
    response = as_alice.post(
        "/intros/propose", {"a": f"#{ann.pk}", "b": f"#{ann.pk}", "why": "x", "next": f"/people/{ann.pk}/"}, follow=True
    )
    assert "cannot introduce Ann Able to themselves" in text(response) and 'id="ideas"' in text(response)


def test_today_shows_the_ten_oldest_steps_and_the_rest_on_request(network, as_alice, alice):
    from datetime import date

    from goodwill.services.steps import add_step

    for day in range(1, 13):
        add_step(alice, network["priya"], f"chapter {day:02d} notes", due=date(2026, 11, day))
    page = as_alice.get("/").content.decode()
    assert "chapter 01 notes" in page and "chapter 09 notes" in page  # the oldest first
    assert "chapter 12 notes" not in page
    assert "The 10 oldest of 13." in page and 'href="?steps=more#h-mine"' in page  # 12 + Jane's trail map
    everything = as_alice.get("/?steps=more").content.decode()
    assert "chapter 12 notes" in everything and "steps=more" not in everything


def test_weekly_review_shows_ideas_and_their_actions_keep_the_place(network, as_alice):
    """ "...walks me through the people I've neglected, with ideas for how to bring each one value"."""
    jane, omar = network["jane"], network["omar"]
    url = f"/review/?queue={jane.pk},{omar.pk}&at=0&reviewed=0"
    card = text(as_alice.get(url))
    assert "Ideas" in card and "Keep your promise: mail her the trail map" in card
    step = NextStep.objects.get(person=jane, text="mail her the trail map")
    response = as_alice.post(f"/steps/{step.pk}/done", {"next": url})
    assert response.status_code == 303 and response["Location"] == url  # back to Jane, 1 of 2
    step.refresh_from_db()
    assert step.status == "done"
    assert "Keep your promise: mail her the trail map" not in text(as_alice.get(url))


def test_a_person_page_with_ideas_checks_its_indexes_once_and_reads_the_person_once(ideas_world, as_alice):
    """Issue 18: a Person page ranks once per need and once per kept item; the vector index is
    checked once for all of them, a small network's text search asks for no parallel workers,
    and the person comes with their circle and organization in one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ann = ideas_world["ann"]
    as_alice.get(f"/people/{ann.pk}/")
    as_alice.get(f"/people/{ann.pk}/?again")  # the second build: compiled reads
    with CaptureQueriesContext(connection) as reads:
        body = text(as_alice.get(f"/people/{ann.pk}/?built"))
    statements = [q["sql"] for q in reads.captured_queries]
    assert "Introduce them to Ben Baker" in body and "Pass on &quot;Climate tech funding report&quot;" in body
    assert sum("MAX(id)" in s and "fieldvector" in s for s in statements) == 1
    assert not any("max_parallel" in s for s in statements)
    assert not any(
        s.lstrip().startswith(('SELECT "goodwill_circle".', 'SELECT "goodwill_organization".')) for s in statements
    )
    assert (
        sum(
            s.lstrip().startswith('SELECT "goodwill_person"."id" AS "id", "goodwill_person"."owner_id"')
            for s in statements
        )
        == 1
    )


def test_a_person_page_names_the_introducer_from_the_same_read(ideas_world, as_alice):
    """The introducer comes with the person (one join), not from a read of its own while the
    page renders: a page with an introducer sends as many statements as one without."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from goodwill.models import Person

    ann, ben = ideas_world["ann"], ideas_world["ben"]

    def statements() -> tuple[int, str]:
        as_alice.get(f"/people/{ann.pk}/?warm")
        with CaptureQueriesContext(connection) as reads:
            body = text(as_alice.get(f"/people/{ann.pk}/?built"))
        return len(reads), body

    before, body = statements()
    assert "Introduced by" not in body
    Person.objects.filter(pk=ann.pk).update(introduced_by=ben)
    after, body = statements()
    assert f'Introduced by</dt><dd><a href="/people/{ben.pk}/">Ben Baker</a>' in body.replace("\n", "")
    assert after == before


def test_the_header_marks_the_section_carries_the_path_and_the_login(network, as_alice, alice):
    """The header is drawn once per section and filled per page (web/_top.html): each page
    still marks its own link, the Log link returns to the page, and the login is the user's."""
    from django.test import Client, override_settings

    jane = network["jane"]
    header = text(as_alice.get(f"/people/{jane.pk}/?x=1&y=2")).split("</header>")[0]
    assert '<a href="/people/" aria-current="page" data-key="p">People</a>' in header
    assert header.count('aria-current="page"') == 1
    assert f'href="/log/?next=/people/{jane.pk}/%3Fx%3D1%26y%3D2"' in header
    assert "Log out alice" in header and 'href="/firm/"' in header
    assert 'href="/" aria-current="page"' in text(as_alice.get("/"))
    assert '<a href="/firm/" aria-current="page">Firm</a>' in text(as_alice.get("/firm/"))
    with override_settings(GOODWILL_LOCAL_LOGIN=True):  # the laptop's local user: no login, no firm
        laptop = Client(REMOTE_ADDR="127.0.0.1", HTTP_HOST="127.0.0.1:8000")
        header = text(laptop.get("/settings/")).split("</header>")[0]
    assert "Log out" not in header and 'href="/firm/"' not in header
    assert '<a href="/settings/" aria-current="page">Settings</a>' in header


@pytest.mark.parametrize(
    "route, section",
    [("person", "people"), ("people", "people"), ("person-edit", ""), ("firm", "firm"), ("firm-who", "firm")]
    + [("today", "today"), ("settings", "settings"), ("settings-push", ""), (None, ""), ("", "")],
)
def test_nav_section(route, section):
    from goodwill.web.templatetags import nav_section

    assert nav_section(route) == section


def test_each_person_page_fills_its_own_actions_and_forms(network, as_alice):
    """The actions and the add-a-note and add-to-profile forms are drawn once and filled per
    person (web/stencil.py): every person's page posts to their own URLs and names them."""
    for person in (network["jane"], network["omar"]):
        body = text(as_alice.get(f"/people/{person.pk}/"))
        assert f"Log with {person.name}</a>" in body
        for route in ("snooze", "archive", "notes", "profile"):
            assert f'action="/people/{person.pk}/{route}"' in body
        assert f'href="/log/?person={person.pk}&next=/people/{person.pk}/"' in body

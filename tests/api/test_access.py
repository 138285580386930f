"""Every API operation, three ways: alice (the owner) succeeds, bob (a teammate) and
charlie (an outsider), each with his own valid token, get 404 for alice's things and
see none of them in lists, and a request without a token gets 401. A test also checks this table
covers every operation the OpenAPI description lists, so a new endpoint cannot
be added untested."""

from __future__ import annotations

import json

import pytest

from tests.mailserver import mailserver  # noqa: F401 (fixture)

# (method, path, body, owner's status). {jane} and {step} are alice's ids.
ON_OBJECTS = [
    ("get", "/people/{jane}", None, 200),
    ("patch", "/people/{jane}", {"title": "CTO"}, 200),
    ("post", "/people/{jane}/archive", None, 200),
    ("post", "/people/{jane}/restore", None, 200),
    ("post", "/people/{jane}/notes", {"text": "Runs marathons"}, 201),
    ("post", "/people/{jane}/replied", None, 200),
    ("get", "/people/{jane}/interactions", None, 200),
    (
        "post",
        "/interactions",
        {"kind": "call", "person_ids": ["{jane}"], "summary": "Caught up", "next_steps": []},
        201,
    ),
    ("post", "/interactions/{promised}/promises", {"numbers": [1]}, 201),
    ("get", "/steps/{step}", None, 200),
    ("post", "/steps", {"person_id": "{jane}", "text": "call back"}, 201),
    ("post", "/steps/{step}/done", None, 200),
    ("post", "/steps/{step}/drop", None, 200),
    ("post", "/steps/{step}/release", None, 200),
    ("post", "/steps/{step}/broken", None, 200),
    ("post", "/steps/{step}/renegotiate", {"due": "2026-12-04"}, 200),
    ("post", "/promises/find", {"text": "I'll send it by friday", "person_ids": ["{jane}"]}, 200),
    ("get", "/steps", {"person_id": "{jane}"}, 200),
    ("get", "/ledger", {"person_id": "{jane}"}, 200),
    ("get", "/ledger/entries", {"person_id": "{jane}"}, 200),
    ("post", "/ledger/entries", {"person_id": "{jane}", "kind": "advice", "direction": "received"}, 201),
    ("get", "/ledger/entries/{entry}", None, 200),
    ("post", "/ledger/entries/{entry}/status", {"status": "won"}, 200),
    ("delete", "/ledger/entries/{entry}", None, 204),
    ("get", "/introductions", {"person_id": "{jane}"}, 200),
    ("post", "/introductions", {"person_a_id": "{sam}", "person_b_id": "{olga}", "why": "both sail"}, 201),
    ("get", "/introductions/{intro}", None, 200),
    ("post", "/introductions/{intro}/answer", {"side": "a", "answer": "yes"}, 200),
    ("post", "/introductions/{intro}/later", {"follow_up_on": "2026-12-01"}, 200),
    ("get", "/introductions/suggestions", {"person_id": "{jane}"}, 200),
    ("post", "/pass-on", {"text": "Austin jazz festival lineup", "person_ids": ["{jane}"]}, 201),
    ("get", "/pass-on/shares", {"person_id": "{jane}"}, 200),
    ("get", "/pass-on/kept/{kept}", None, 200),
    ("delete", "/pass-on/kept/{kept}", None, 204),
    ("get", "/people/{jane}/profile", {"confidential": "true", "closed": "true"}, 200),
    ("patch", "/people/{jane}/profile", {"industry": "Real estate"}, 200),
    ("post", "/people/{jane}/profile", {"kind": "interest", "text": "sailing"}, 201),
    ("post", "/profile/entries/{pentry}/close", None, 200),
    ("delete", "/profile/entries/{pentry}", None, 204),
    ("get", "/people/{jane}/profile/suggestions", None, 200),
    ("post", "/people/{jane}/profile/suggestions/accept", {"numbers": [1]}, 201),
    ("get", "/people/{jane}/ideas", None, 200),
    ("delete", "/people/{jane}", None, 200),
    ("post", "/deletions/{deletion}/restore", None, 200),
    ("delete", "/deletions/{deletion}", None, 204),
    ("get", "/people/{jane}/dates", None, 200),
    ("post", "/people/{jane}/dates", {"label": "anniversary", "date": "14 June"}, 201),
    ("patch", "/dates/{date}", {"date": "15 June"}, 200),
    ("delete", "/dates/{date}", None, 204),
    ("patch", "/push/channels/{channel}", {"paused": True}, 200),
    ("post", "/push/channels/{channel}/test", None, 200),  # to a closed loopback port: not delivered
    ("delete", "/push/channels/{channel}", None, 204),
    ("patch", "/capture/sources/{source}", {"paused": True}, 200),
    # Reaches the source: nothing listens on its port, so the owner gets a 400 with the reason.
    ("post", "/capture/sources/{source}/run", None, 400),
    ("post", "/capture/sources/{source}/check", None, 400),
    ("delete", "/capture/sources/{source}", None, 204),
    ("post", "/capture/offers/{offer}/accept", None, 201),
    ("post", "/capture/offers/{offer}/dismiss", None, 204),
    ("post", "/dav/passwords/{device}/revoke", None, 200),
]
# Lists of the caller's own things: an outsider gets 200 and none of alice's data.
LISTS = [
    ("get", "/people", None),
    ("get", "/people", {"q": "Jane"}),
    ("get", "/search", {"q": "Jane"}),
    ("get", "/steps", None),
    ("get", "/agenda", None),
    ("get", "/replies", None),
    ("get", "/momentum", None),
    ("get", "/export", None),  # the caller's own network as a file
    ("get", "/backups/replaced", None),  # the caller's own replaced networks
    ("get", "/jobs", None),
    ("post", "/agenda/checklist/dismiss", None),  # puts away the caller's own checklist
    ("get", "/promises/stats", None),
    ("post", "/people", {"name": "Jane Doe the second"}),  # creates the caller's own person
    ("get", "/ledger", None),
    ("get", "/ledger/entries", None),
    ("get", "/introductions", None),
    ("get", "/introductions/follow-ups", None),
    ("get", "/introductions/suggestions", None),
    ("get", "/pass-on", {"text": "News for golf fans in Austin"}),
    ("get", "/pass-on/shares", None),
    ("post", "/pass-on/keep", {"text": "Jazz festival lineup"}),  # keeps the caller's own item
    ("post", "/pass-on/kept", {"text": "Jazz festival lineup"}),  # keeps the caller's own item
    ("get", "/pass-on/kept", None),
    ("get", "/ideas", None),
    ("get", "/near", {"place": "Austin, TX", "within": "50mi"}),
    ("get", "/settings", None),
    ("patch", "/settings", {"currency": "EUR"}),  # changes the caller's own settings
    ("patch", "/settings", {"signature": "Someone Else"}),  # changes the caller's own settings
    ("get", "/deletions", None),
    ("get", "/feed/url", None),  # the caller's own feed address, made on first use
    ("post", "/feed/rotate", None),  # a new address for the caller's own feed
    ("get", "/push/channels", None),
    ("post", "/push/channels", {"name": "phone", "url": "ntfys://ntfy.sh/a-topic"}),  # the caller's own channel
    ("get", "/push/settings", None),
    ("put", "/push/settings", {"on": True, "quiet_from": "21:00", "quiet_until": "08:00"}),  # the caller's own
    ("get", "/reminders/digest", None),
    ("put", "/reminders/digest", {"to": "someone@example.com", "days": "mon-fri"}),  # the caller's own
    ("put", "/reminders/smtp", {"host": "smtp.example.com", "sender": "someone@example.com"}),  # the caller's own
    ("get", "/reminders/digest/preview", None),
    ("post", "/reminders/test", None),  # the caller's own digest, through the test's mail server
    ("get", "/capture/sources", None),
    ("post", "/capture/sources", {"kind": "ics", "name": "Cal", "url": "https://calendar.example.com/c.ics"}),
    ("get", "/capture/offers", None),
    ("get", "/dav", None),  # the caller's own addresses
    ("get", "/dav/passwords", None),
    ("post", "/dav/passwords", {"name": "Pixel"}),  # the caller's own device password
]
# Operations on the caller's own switches whose answer depends on their state, with their
# own owner, outsider and anonymous tests: turning the feed off (tests/api/test_feed_address_api.py).
# Restoring a backup (POST /restore) writes only the caller's own network, with owner and
# anonymous tests in tests/web/test_export_restore_doors.py.
ELSEWHERE = [("delete", "/feed", None), ("post", "/restore", None)]
# Every login has its own four circles, so a stranger's list is never empty and a stranger's
# change is to their own circle of that name: tests/api/test_circles_api.py.
ELSEWHERE += [("get", "/circles", None), ("patch", "/circles/{name}", None)]
# Needs an introduction that has been made, so it gets its own row.
OUTCOME = ("post", "/introductions/{made}/outcome", {"outcome": "met"}, 200)
ON_OBJECTS.append(OUTCOME)
# Needs a step that has been closed, so it gets its own row.
ON_OBJECTS.append(("post", "/steps/{closed}/reopen", None, 200))
# Tasks made on the phone that name nobody (issue 16).
LISTS.append(("get", "/dav/tasks", None))
ON_OBJECTS.append(("post", "/dav/tasks/{phonetask}/assign", {"person_id": "{jane}"}, 200))
ON_OBJECTS.append(("post", "/dav/tasks/{phonetask}/dismiss", None, 200))
# Duplicates and merging: {merge} merged a second Olga into Olga; Jane and Ann are marked as two people.
LISTS += [("get", "/duplicates", None), ("get", "/merges", None)]
ON_OBJECTS += [
    ("post", "/duplicates/dismiss", {"person_a_id": "{jane}", "person_b_id": "{olga}"}, 200),
    ("post", "/duplicates/undismiss", {"person_a_id": "{ann}", "person_b_id": "{jane}"}, 200),
    ("post", "/merges", {"keep_id": "{jane}", "other_id": "{olga}"}, 201),
    ("get", "/merges/{merge}", None, 200),
    ("post", "/merges/{merge}/undo", None, 200),
]
# Places and trips (tests/api/test_places_api.py): settle a place, plan meetings with Jane in Austin.
ON_OBJECTS.append(("post", "/places/{jane}/confirm", {}, 200))
TRIP_PLAN = {"place": "Austin, TX", "from": "2026-12-01", "person_ids": ["{jane}"]}
ON_OBJECTS.append(("post", "/trip/plan", TRIP_PLAN, 201))
LISTS += [
    ("get", "/where", None),
    ("get", "/places", None),
    ("get", "/places", {"unresolved": "true"}),
    ("get", "/trip", {"place": "Austin, TX", "from": "2026-12-01"}),
    ("get", "/geocode", {"place": "Austin, TX"}),  # nobody's data: the same answer for anyone
]
# API tokens: {token} is a token of alice's besides the one her client uses. Listing them is in
# ELSEWHERE: each caller's list holds the token he called with (tests/api/test_tokens_api.py).
ON_OBJECTS.append(("delete", "/tokens/{token}", None, 200))
LISTS.append(("post", "/tokens", {"name": "laptop script"}))  # the caller's own token
ELSEWHERE.append(("get", "/tokens", None))
# Imports (tests/api/test_imports_api.py): {batch} is a scheduled mail sync's; the list is the caller's own.
# The mail and meetings imports take a file as their body: their owner, teammate, outsider and
# anonymous tests are in tests/api/test_imports_api.py.
LISTS.append(("get", "/imports", None))
ON_OBJECTS.append(("post", "/imports/{batch}/undo", None, 200))
ELSEWHERE += [("post", "/imports/contacts", None), ("post", "/imports/mail", None), ("post", "/imports/meetings", None)]


@pytest.fixture(params=["bob", "charlie"])
def stranger(request):
    """bob shares alice's server as a teammate, charlie is an outsider: neither sees her network."""
    return request.getfixturevalue(f"as_{request.param}")


def _fill(value, ids):
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") and value.endswith("}") else filled
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.fixture
def ids(network, mailserver, monkeypatch):
    from goodwill.models import NextStep
    from goodwill.services.intros import propose_intro, record_answer
    from goodwill.services.ledger import add_exchange
    from goodwill.services.people import PersonFields, add_person, edit_person
    from goodwill.services.profiles import add_entry

    jane, sam = network["jane"], network["sam"]
    owner = jane.owner
    edit_person(owner, jane, PersonFields(location="Austin, TX"))  # someone for `near` to find
    pentry = add_entry(owner, jane, "need", "a lawyer in Austin")
    olga = add_person(owner, PersonFields(name="Olga Berg"))
    ann = add_person(owner, PersonFields(name="Ann Vik"))
    entry = add_exchange(owner, jane, "referral", "given", description="Sent Acme's way")
    intro = propose_intro(owner, jane, sam, "both golf")
    made = propose_intro(owner, jane, ann, "both in Austin")
    record_answer(owner, made, "a", "yes")
    record_answer(owner, made, "b", "yes")
    from goodwill.services.dates import add_date
    from goodwill.services.deletion import delete_person
    from goodwill.services.interactions import LogRequest, log_interaction
    from goodwill.services.steps import add_step, complete_step

    step = NextStep.objects.filter(person=jane, ball="mine").first().pk
    closed = complete_step(owner, add_step(owner, jane, "send the deck"))
    deletion = delete_person(owner, add_person(owner, PersonFields(name="Zed Gone")))
    important = add_date(owner, jane, "work anniversary", "2012-06-14")
    from goodwill.services.pass_on import keep_item

    kept = keep_item(owner, "Figure skating federation revises scoring for quadruple jumps")
    from goodwill.services.push import add_channel
    from tests.pushserver import closed_port_url

    channel = add_channel(owner, "Jane's phone", closed_port_url())
    # A note: no reply closed.
    promised = log_interaction(
        owner, LogRequest(kind="note", people=[jane], summary="I'll send her the deck by friday.")
    ).interaction
    # POST /reminders/test: everyone's test digest goes to the test's own mail server.
    from django.contrib.auth import get_user_model

    from goodwill.services.digest import set_digest

    mailserver.env(monkeypatch)
    for user in get_user_model().objects.all():
        set_digest(user, to=f"{user.username}@example.com")
    from goodwill.models import ImportBatch
    from goodwill.services.capture_sources import add_calendar_source
    from goodwill.services.interactions import StepRequest
    from goodwill.services.promise_offers import offer_promise

    source = add_calendar_source(owner, "Calendar", "http://127.0.0.1:1/cal.ics")
    batch = ImportBatch.objects.create(owner=owner, source="imap", filename="imap://x", created_at=promised.occurred_at)
    offer = offer_promise(owner, batch, jane, StepRequest(text="send the deck"), promised)
    from goodwill.models import PhoneTask
    from goodwill.services.dav_passwords import add_device_password

    device = add_device_password(owner, "Jane's iPhone").device
    phonetask = PhoneTask.objects.create(owner=owner, uid="p1", text="buy a gift", created_at=promised.occurred_at)
    from goodwill.services.dupes import dismiss_pair
    from goodwill.services.merge import merge_people

    merge = merge_people(owner, olga, add_person(owner, PersonFields(name="Olga Berg")))
    dismiss_pair(owner, jane, ann)
    from goodwill.services.tokens import create_token

    token = create_token(owner, "Jane's sync script").token
    return {
        "token": token.pk,
        "merge": merge.pk,
        "batch": batch.pk,
        "ann": ann.pk,
        "device": device.pk,
        "phonetask": phonetask.pk,
        "source": source.pk,
        "offer": offer.pk,
        "promised": promised.pk,
        "kept": kept.pk,
        "channel": channel.pk,
        "closed": closed.pk,
        "deletion": deletion.pk,
        "date": important.pk,
        "jane": jane.pk,
        "sam": sam.pk,
        "olga": olga.pk,
        "entry": entry.pk,
        "intro": intro.pk,
        "made": made.pk,
        "pentry": pentry.pk,
        "step": step,
    }


@pytest.mark.parametrize("method,path,body,status", ON_OBJECTS, ids=[f"{m} {p}" for m, p, _, _ in ON_OBJECTS])
def test_owner_can(as_alice, ids, method, path, body, status):
    response = as_alice.call(method, _fill(path, ids), _fill(body, ids))
    assert response.status_code == status, response.content


@pytest.mark.parametrize("method,path,body,status", ON_OBJECTS, ids=[f"{m} {p}" for m, p, _, _ in ON_OBJECTS])
def test_teammate_and_outsider_get_404(stranger, ids, method, path, body, status):
    response = stranger.call(method, _fill(path, ids), _fill(body, ids))
    assert response.status_code == 404, response.content
    assert response.json()["detail"].startswith("no ")
    assert "Jane" not in response.content.decode()


@pytest.mark.parametrize("method,path,body", LISTS, ids=[f"{m} {p}" for m, p, _ in LISTS])
def test_teammate_and_outsider_see_none_of_alices_data(stranger, as_alice, ids, method, path, body):
    mine = as_alice.call(method, path, body)
    assert mine.status_code in (200, 201)
    theirs = stranger.call(method, path, body)
    assert theirs.status_code in (200, 201), theirs.content
    # A download (GET /export) streams its file.
    text = b"".join(theirs.streaming_content).decode() if theirs.streaming else theirs.content.decode()
    for secret in ("Acme", "send the article", "Sam Lee", "Asked about the lease", "jane@acme.test", "both golf"):
        assert secret not in text
    data = json.loads(text)
    if isinstance(data, list):
        assert data == []
    else:
        if "count" in data:
            assert data["count"] == 0
        if "people" in data:  # a pass-on ranking or who is near
            assert data["people"] == []


@pytest.mark.parametrize(
    "method,path,body,status",
    ON_OBJECTS + [(m, p, b, 200) for m, p, b in LISTS],
    ids=[f"{m} {p}" for m, p, *_ in ON_OBJECTS + LISTS],
)
def test_anonymous_gets_401(anonymous, ids, method, path, body, status):
    from goodwill.models import Person

    before = Person.objects.count()
    response = anonymous.call(method, _fill(path, ids), _fill(body, ids))
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"] == "Bearer"
    assert Person.objects.count() == before


def test_the_tables_cover_every_operation():
    from goodwill.api.main import api

    described = {
        (method, path.removeprefix("/api/v1"))
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    }
    placeholders = {
        "{jane}": "{person_id}",
        "{step}": "{step_id}",
        "{entry}": "{entry_id}",
        "{intro}": "{intro_id}",
        "{made}": "{intro_id}",
        "{pentry}": "{entry_id}",
        "{closed}": "{step_id}",
        "{deletion}": "{deletion_id}",
        "{date}": "{date_id}",
        "{promised}": "{interaction_id}",
        "{kept}": "{item_id}",
        "{channel}": "{channel_id}",
        "{source}": "{source_id}",
        "{offer}": "{offer_id}",
        "{device}": "{password_id}",
        "{phonetask}": "{task_id}",
        "{merge}": "{merge_id}",
        "{token}": "{token_id}",
        "{batch}": "{batch_id}",
    }

    def described_as(path: str) -> str:
        for mine, theirs in placeholders.items():
            path = path.replace(mine, theirs)
        return path

    tested = {(m, described_as(p)) for m, p, *_ in ON_OBJECTS + LISTS + ELSEWHERE}
    # The firm's endpoints have roles beyond owner and outsider: tests/firm/test_access.py covers them.
    described = {(m, p) for m, p in described if not p.startswith("/firm")}
    assert described - tested == set()

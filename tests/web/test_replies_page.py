"""The Replies page and GET /replies: the replies I owe with their ages, and how fast I answer
per month, as `goodwill replies` shows them (every front door a peer, over queries.replies)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person
from tests.doors import api, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail(me, now):
    """Tomo's email, still owed (3 hours old), and Ines's call, answered after 5 hours."""
    tomo = add_person(me, PersonFields(name="Tomo Sato", location="Tokyo"))
    ines = add_person(me, PersonFields(name="Ines Duarte"))
    heard = now - timedelta(days=4)
    for person, kind, summary, direction, when in (
        (tomo, "email", "Asked about the offsite", "inbound", now - timedelta(hours=3)),
        (ines, "call", "Left a voicemail about the board seat", "inbound", heard),
        (ines, "call", "Called her back", "outbound", heard + timedelta(hours=5)),
    ):
        log_interaction(
            me,
            LogRequest(
                kind=kind,
                people=[person],
                summary=summary,
                direction=direction,
                awaiting_reply=direction == "inbound",
                when=when,
            ),
        )
    return tomo, ines


def test_the_page_lists_what_i_owe_and_how_fast_i_answered(web, mail, now):  # noqa: F811
    page = web.get("/replies/").content.decode()
    assert "Tomo Sato" in page and "Asked about the offsite" in page and "3 h ago" in page
    assert "within window" in page and ">Replied</button>" in page
    assert "Ines Duarte" not in page.split('id="h-speed"')[0]  # answered: no longer owed
    speed = page.split('id="h-speed"')[1]
    assert "2026-11" in speed and "5.0 h" in speed and "100%" in speed


def test_today_links_to_the_replies_page(web, mail):  # noqa: F811
    assert 'href="/replies/"' in web.get("/").content.decode()


def test_more_months_and_a_number_out_of_range(web, mail):  # noqa: F811
    assert 'value="24"' in web.get("/replies/?months=24").content.decode()
    assert 'value="12"' in web.get("/replies/?months=9999").content.decode()  # the usual twelve


def test_with_nothing_awaited_the_page_says_so(web):  # noqa: F811
    page = web.get("/replies/").content.decode()
    assert "No response times yet" in page and "None." in page


def test_the_api_and_the_cli_give_the_same_answer(api, cli, mail):  # noqa: F811
    answer = api("get", "/replies", {"months": 3})
    assert answer.status_code == 200
    by_api = answer.json()
    by_cli = json.loads(cli("replies", "--months", "3", "--json").stdout)
    assert _moments(by_api) == _moments(by_cli)
    [owed] = by_api["owed"]
    assert owed["person_name"] == "Tomo Sato" and owed["age_hours"] == pytest.approx(3) and not owed["overdue"]
    assert by_api["overall"]["answered"] == 1 and by_api["overall"]["median_hours"] == pytest.approx(5)


def _moments(value):
    """The answer with each time read as a moment: the API writes UTC as "Z", the CLI as "+00:00"."""
    if isinstance(value, dict):
        return {key: _moments(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_moments(item) for item in value]
    if isinstance(value, str) and len(value) >= 20 and value[10:11] == "T":
        return datetime.fromisoformat(value)
    return value


def test_the_api_refuses_a_month_count_out_of_range(api):  # noqa: F811
    answer = api("get", "/replies", {"months": 0})
    assert answer.status_code in (400, 422) and "months" in answer.content.decode()

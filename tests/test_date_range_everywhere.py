"""The same bad date gets the same one-line message from the CLI, the web and the API."""

import pytest

from goodwill.models import Interaction, NextStep
from tests.doors import api, jane, web  # noqa: F401 (fixtures)

BAD_DUES = [
    ("9999-12-31", "9999-12-31 is more than 10 years ahead; give a date up to 2036-11-23"),
    ("1899-01-01", "1899-01-01 is before 1900; give a date from 1900-01-01 on"),
    ("2036-11-24", "2036-11-24 is more than 10 years ahead; give a date up to 2036-11-23"),
]
BACKWARDS = ("in -3 weeks", '"in -3 weeks" counts backwards; a due date counts forward, e.g. "in 3 weeks"')


def _web_error(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else response.content.decode()


@pytest.mark.parametrize("value,message", BAD_DUES + [BACKWARDS])
def test_a_due_date_out_of_range_is_refused_by_the_cli(cli, jane, value, message):
    result = cli("next", "Jane", "send the deck", "--due", value)
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {message}"
    assert NextStep.objects.count() == 0


@pytest.mark.parametrize("value,message", BAD_DUES + [BACKWARDS])
def test_a_due_date_out_of_range_is_refused_by_the_web(web, jane, value, message):
    response = web.post(f"/people/{jane.pk}/steps", {"text": "send the deck", "due": value}, follow=True)
    assert message in _web_error(response)
    assert NextStep.objects.count() == 0


@pytest.mark.parametrize("value,message", BAD_DUES)
def test_a_due_date_out_of_range_is_refused_by_the_api(api, jane, value, message):
    response = api("post", "/steps", {"person_id": jane.pk, "text": "send the deck", "due": value})
    assert response.status_code in (400, 422)
    assert response.json()["detail"] == f"due: {message}"
    assert NextStep.objects.count() == 0


def test_the_edges_of_the_range_are_accepted_everywhere(cli, web, api, jane):
    assert cli("next", "Jane", "one", "--due", "2036-11-23").exit_code == 0
    web.post(f"/people/{jane.pk}/steps", {"text": "two", "due": "2036-11-23"})
    assert api("post", "/steps", {"person_id": jane.pk, "text": "three", "due": "2036-11-23"}).status_code == 201
    assert NextStep.objects.filter(due_on="2036-11-23").count() == 3


def test_a_day_before_1900_is_refused_for_when_it_happened(cli, web, api, jane):
    message = "1899-01-01 is before 1900; give a date from 1900-01-01 on"
    result = cli("log", "call", "Jane", "Chat", "--when", "1899-01-01", "--next", "none")
    assert result.exit_code == 2 and result.output.strip() == f"error: {message}"
    response = api(
        "post",
        "/interactions",
        {"kind": "call", "person_ids": [jane.pk], "summary": "Chat", "when": "1899-01-01T12:00:00+00:00"},
    )
    assert response.status_code in (400, 422) and message in response.json()["detail"]
    page = web.post(
        "/log/",
        {"person": f"Jane Doe (#{jane.pk})", "kind": "call", "summary": "Chat", "when": "1899-01-01", "skip_next": "1"},
        follow=True,
    )
    assert message in page.content.decode()
    assert Interaction.objects.count() == 0

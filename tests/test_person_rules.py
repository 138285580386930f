"""One set of rules for a person's fields: the same bad input gets the same message from
the CLI, the web and the API (services/people.py holds the rules)."""

import pytest
from django.test import Client

BAD = [
    ({"name": "   "}, 'a person needs a name, e.g. "Jane Doe"'),
    ({"name": "J" * 201}, "a name is at most 200 characters (this one has 201); shorten it"),
    ({"name": "Jane Doe", "emails": "jane@"}, '"jane@" is not a valid email address; write it as name@example.com'),
    ({"name": "Jane Doe", "phones": "12"}, '"12" is not a valid phone number'),
    ({"name": "Jane Doe", "birthday": "31 June"}, '"31 June" is not a birthday: there is no day 31 in June'),
    ({"name": "Jane Doe", "birthday": "--13-01"}, '"--13-01" is not a birthday; write it as 17 July'),
    ({"name": "Jane Doe", "title": "T" * 201}, "a title is at most 200 characters"),
]


def _cli_args(fields: dict) -> list[str]:
    args = ["add", fields["name"]]
    for key, option in (("emails", "--email"), ("phones", "--phone"), ("birthday", "--birthday"), ("title", "--title")):
        if key in fields:
            args += [option, fields[key]]
    return args


def _api_body(fields: dict) -> dict:
    body = {"name": fields["name"]}
    for key in ("birthday", "title"):
        if key in fields:
            body[key] = fields[key]
    for key in ("emails", "phones"):
        if key in fields:
            body[key] = [fields[key]]
    return body


@pytest.mark.parametrize("fields,message", BAD, ids=[m[:30] for _, m in BAD])
def test_same_message_at_every_door(cli, me, fields, message):
    from goodwill.models import Person
    from goodwill.services.tokens import create_token

    result = cli(*_cli_args(fields))
    assert result.exit_code == 2
    assert message in " ".join(result.output.split()), result.output

    browser = Client()
    browser.force_login(me)
    page = browser.post("/people/new", {**fields, "circle": "network"})
    assert page.status_code == 400
    from html import unescape

    assert message in unescape(page.content.decode())

    token = create_token(me, "tests").plain
    api = Client().post(
        "/api/v1/people", _api_body(fields), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 400
    assert message in api.json()["detail"]
    assert not Person.objects.exists()


def test_a_long_link_is_refused_in_one_line(cli):
    result = cli("add", "Jane Doe", "--url", "example.com/" + "x" * 400)
    assert result.exit_code == 2 and "a link is at most 320 characters" in result.output

"""The three front doors for tests that send the same input through each: the CLI (the
`cli` fixture), a logged-in browser (`web`) and the API with a token (`api`), with Jane
Doe in the network. Import the fixtures into a test module to use them."""

import json

import pytest
from django.test import Client


@pytest.fixture
def jane(cli, me):
    from goodwill.services.people import resolve_person

    cli("add", "Jane Doe")
    return resolve_person(me, "Jane Doe")


@pytest.fixture
def web(me):
    client = Client()
    client.force_login(me)
    return client


class Api:
    """`api("post", "/steps", {...})`: a call to /api/v1 with the user's token."""

    def __init__(self, user):
        from goodwill.services.tokens import create_token

        self.token, self.client = create_token(user, "tests").plain, Client()

    def __call__(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        if method == "get":
            return self.client.get("/api/v1" + path, body or {}, headers=headers)
        return getattr(self.client, method)(
            "/api/v1" + path, json.dumps(body or {}), content_type="application/json", headers=headers
        )


@pytest.fixture
def api(me):
    return Api(me)

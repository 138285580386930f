"""API test helpers: a client per user (alice owns the data, charlie is an
outsider with his own token) and an anonymous one."""

from __future__ import annotations

import json

import pytest


class ApiClient:
    """Django's test client speaking JSON to /api/v1 with an optional Bearer token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _url(self, path: str) -> str:
        # The calendar feed itself (/feed/TOKEN.ics) is outside the API; /feed/url is the API's.
        feed = path.startswith("/feed/") and ".ics" in path
        return path if path.startswith("/api/") or feed else "/api/v1" + path

    def get(self, path: str, params: dict | None = None):
        return self.client.get(self._url(path), params or {}, headers=self._headers())

    def post(self, path: str, body: dict | None = None):
        return self.client.post(
            self._url(path), json.dumps(body or {}), content_type="application/json", headers=self._headers()
        )

    def patch(self, path: str, body: dict | None = None):
        return self.client.patch(
            self._url(path), json.dumps(body or {}), content_type="application/json", headers=self._headers()
        )

    def put(self, path: str, body: dict | None = None):
        return self.client.put(
            self._url(path), json.dumps(body or {}), content_type="application/json", headers=self._headers()
        )

    def delete(self, path: str, body: dict | None = None):
        return self.client.delete(self._url(path), headers=self._headers())

    def call(self, method: str, path: str, body: dict | None = None):
        if method == "get":
            return self.get(path, body)
        return getattr(self, method)(path, body)


def token_for(user) -> str:
    from goodwill.services.tokens import create_token

    return create_token(user, "tests").plain


@pytest.fixture
def as_alice(client, alice, now):
    return ApiClient(client, token_for(alice))


@pytest.fixture
def as_charlie(client, charlie, now):
    from django.test import Client

    return ApiClient(Client(), token_for(charlie))


@pytest.fixture
def as_bob(client, bob, now):
    from django.test import Client

    return ApiClient(Client(), token_for(bob))


@pytest.fixture
def anonymous(db, now):
    from django.test import Client

    return ApiClient(Client())


@pytest.fixture
def network(alice, now):
    """Alice's small network: Jane (due, with a step both ways and a reply owed), Sam (fine)."""
    from datetime import timedelta

    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(
        alice,
        PersonFields(name="Jane Doe", organization="Acme", emails=["jane@acme.test"], tags=["austin"], circle="close"),
    )
    sam = add_person(alice, PersonFields(name="Sam Lee", tags=["golf"]))
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[jane],
            summary="Talked about her move",
            when=now - timedelta(days=60),
            next_steps=[
                StepRequest(text="send the article", due=(now - timedelta(days=1)).date()),
                StepRequest(text="intro to her lawyer", due=(now - timedelta(days=2)).date(), ball="theirs"),
            ],
        ),
    )
    log_interaction(
        alice,
        LogRequest(
            kind="email",
            people=[jane],
            summary="Asked about the lease",
            direction="inbound",
            awaiting_reply=True,
            when=now - timedelta(days=3),
        ),
    )
    log_interaction(alice, LogRequest(kind="meeting", people=[sam], summary="Coffee", when=now - timedelta(days=2)))
    add_note(alice, jane, "Loves jazz", "shareable")
    return {"jane": jane, "sam": sam}

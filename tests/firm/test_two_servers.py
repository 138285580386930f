"""Several servers, one PostgreSQL (issue 17 §5): two real `goodwill serve` processes on
different ports share one fresh PostgreSQL database. Alice works on one, bob on the other
(and each also on the other one). The cached pages (web/page_cache.py: Today and the person
page) never serve one user's page to another, and a change made through one server shows on
the other at once. Skipped on SQLite: this is the firm's setup."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.jobs.test_two_workers import _python, database_env  # noqa: F401 (fixture)

pytestmark = pytest.mark.skipif(
    not os.environ.get("GOODWILL_TEST_DATABASE_URL"), reason="several servers share a PostgreSQL database"
)

SETUP = """
from goodwill.cli.common import open_store

open_store(False)
import json
from django.contrib.auth import get_user_model
from goodwill.services.accounts import ensure_defaults
from goodwill.services.people import PersonFields, add_person
from goodwill.services.tokens import create_token

out = {}
for name, friend in (("alice", "Priya Patel"), ("bob", "Sam Ortiz")):
    user = get_user_model().objects.create_user(username=name, password="a long test password")
    ensure_defaults(user)
    out[name] = {"person": add_person(user, PersonFields(name=friend, title="Partner")).pk, "token": create_token(user, "t").plain}
print(json.dumps(out))
"""


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """One user's session on one server (cookies are per host, not per port: a jar each)."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"username": username, "password": "a long test password", "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(self.base + "/login/", data=form, headers={"Referer": self.base + "/login/"})
        with self.opener.open(request, timeout=30) as answer:
            assert "/login/" not in answer.geturl(), f"{username} could not log in"

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as answer:
            return answer.read().decode()

    def status(self, path: str) -> int:
        try:
            with self.opener.open(self.base + path, timeout=30) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code


def _wait_up(base: str, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/login/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the server did not start: " + log.read_text()[-2000:])


@pytest.fixture
def servers(database_env, tmp_path):  # noqa: F811 (the fixture)
    env = database_env | {"GOODWILL_TIMEZONE": "UTC", "GOODWILL_SECRETS_KEY": os.environ["GOODWILL_SECRETS_KEY"]}
    made = json.loads(_python(env, SETUP).strip().splitlines()[-1])
    goodwill = str(Path(sys.executable).with_name("goodwill"))
    processes, bases = [], []
    try:
        for n in range(2):
            port = _port()
            log = tmp_path / f"serve{n}.log"
            processes.append(
                subprocess.Popen(
                    [goodwill, "serve", "--port", str(port), "--no-worker", "--no-local-login"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=log.open("w"),
                )
            )
            bases.append(f"http://127.0.0.1:{port}")
            _wait_up(bases[-1], log)
        yield bases, made
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def _api_patch(base: str, token: str, path: str, body: dict) -> int:
    request = urllib.request.Request(
        base + "/api/v1" + path,
        data=json.dumps(body).encode(),
        method="PATCH",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status


def test_two_servers_never_mix_users_pages_and_see_each_others_changes(servers):
    (one, two), made = servers
    priya, sam = made["alice"]["person"], made["bob"]["person"]
    alice_one, bob_two = Browser(one, "alice"), Browser(two, "bob")
    alice_two, bob_one = Browser(two, "alice"), Browser(one, "bob")

    # Each user's cached pages, on both servers, are their own: read twice (the second from the cache).
    for _ in range(2):
        for alice in (alice_one, alice_two):
            assert "Priya Patel" in alice.get(f"/people/{priya}/")
            assert "Sam Ortiz" not in alice.get("/")
            assert alice.status(f"/people/{sam}/") == 404
        for bob in (bob_two, bob_one):
            assert "Sam Ortiz" in bob.get(f"/people/{sam}/")
            assert "Priya Patel" not in bob.get("/")
            assert bob.status(f"/people/{priya}/") == 404

    # A change through one server shows on the other's cached page at once.
    assert "Managing Director" not in alice_two.get(f"/people/{priya}/")
    assert _api_patch(one, made["alice"]["token"], f"/people/{priya}", {"title": "Managing Director"}) == 200
    assert "Managing Director" in alice_two.get(f"/people/{priya}/")
    assert "Managing Director" in alice_one.get(f"/people/{priya}/")
    assert bob_two.status(f"/people/{priya}/") == 404

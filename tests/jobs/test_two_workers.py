"""Two `goodwill worker` processes on one database, both scheduling and both working, send
one digest, not two (issue 15 §1). Runs on SQLite and, in the PostgreSQL run, on a fresh
PostgreSQL database, each worker a separate process as on two machines."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.mailserver import mailserver  # noqa: F401 (fixture)

SETUP = """
from datetime import time
from goodwill.cli.common import open_store

me = open_store(False)  # sets Django up: models come after it
from goodwill import clock
from goodwill.models import ReachSettings
from goodwill.services.people import PersonFields, add_person
from goodwill.services.steps import add_step

ReachSettings.objects.update_or_create(
    user=me, defaults=dict(digest_on=True, digest_at=time(8, 0), digest_to="me@example.com", time_zone="UTC")
)
jane = add_person(me, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
add_step(me, jane, "send Jane the deck", due=clock.today())
"""

COUNT_RUNS = """
from goodwill.cli.common import open_store

open_store(False)
from goodwill.models import JobRun

print(JobRun.objects.filter(kind="digest").count(), JobRun.objects.filter(kind="digest", status="done").count())
"""


@pytest.fixture
def database_env(tmp_path):
    """A data folder, and on the PostgreSQL run a fresh PostgreSQL database the workers share."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOODWILL_")}
    env["GOODWILL_HOME"] = str(tmp_path / "home")
    url = os.environ.get("GOODWILL_TEST_DATABASE_URL")
    name = None
    if url:
        import psycopg

        name = f"gw_two_workers_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["GOODWILL_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    yield env
    if name:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _python(env, code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _env(database_env, mailserver) -> dict:  # noqa: F811 (the fixture)
    return database_env | {
        "GOODWILL_TIMEZONE": "UTC",
        "GOODWILL_NOW": "2026-11-23T09:00:00+00:00",  # a Monday, an hour after the digest's time
        "GOODWILL_TICK_SECONDS": "0.5",  # both schedulers race on every tick
        "GOODWILL_SMTP_HOST": mailserver.host,
        "GOODWILL_SMTP_PORT": str(mailserver.port),
        "GOODWILL_SMTP_SECURITY": "plain",
        "GOODWILL_SMTP_FROM": "goodwill@example.com",
        "GOODWILL_SECRETS_KEY": os.environ["GOODWILL_SECRETS_KEY"],
    }


def _wait_for_mail(mailserver, log: Path) -> None:  # noqa: F811 (the fixture)
    deadline = time.monotonic() + 60
    while not mailserver.messages and time.monotonic() < deadline:
        time.sleep(0.2)
    assert mailserver.messages, "no digest arrived: " + log.read_text()[-2000:]


def test_two_workers_send_one_digest(database_env, tmp_path, mailserver):  # noqa: F811 (the fixture)
    goodwill = str(Path(sys.executable).with_name("goodwill"))
    env = _env(database_env, mailserver)
    _python(env, SETUP)
    logs = [tmp_path / f"worker-{name}.log" for name in "ab"]
    workers = [
        subprocess.Popen(
            [goodwill, "worker", "--name", log.stem], env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
        )
        for log in logs
    ]
    try:
        _wait_for_mail(mailserver, logs[0])
        time.sleep(4)  # both schedulers tick several more times
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
    assert len(mailserver.messages) == 1
    digest = mailserver.messages[0]
    assert digest["To"] == "me@example.com"
    assert "send Jane the deck" in digest.get_body(preferencelist=("plain",)).get_content()
    runs, done = _python(env, COUNT_RUNS).split()
    assert (runs, done) == ("1", "1")


def test_goodwill_serve_runs_the_scheduled_work_itself(database_env, tmp_path, mailserver):  # noqa: F811
    """A laptop runs no separate worker: `goodwill serve` sends the digest by itself."""
    import socket

    goodwill = str(Path(sys.executable).with_name("goodwill"))
    env = _env(database_env, mailserver)
    _python(env, SETUP)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [goodwill, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    try:
        _wait_for_mail(mailserver, log)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert len(mailserver.messages) == 1

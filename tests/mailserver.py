"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, on a free port, keeping what it receives.

    from tests.mailserver import mailserver  # noqa: F401 (fixture)

    def test_it(mailserver):
        ...send to mailserver.host:mailserver.port (plain SMTP)...
        message = mailserver.messages[0]  # an email.message.EmailMessage

`mailserver.env(monkeypatch)` points GOODWILL_SMTP_* at it, as a firm's environment would."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

import pytest


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: email.message.EmailMessage


class Collector:
    """The aiosmtpd handler: every message it is given is parsed and kept."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        parsed = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"


@dataclass
class MailServer:
    host: str
    port: int
    handler: Collector = field(repr=False)

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [r.message for r in self.received]

    def env(self, monkeypatch, sender: str = "goodwill@example.com") -> None:
        monkeypatch.setenv("GOODWILL_SMTP_HOST", self.host)
        monkeypatch.setenv("GOODWILL_SMTP_PORT", str(self.port))
        monkeypatch.setenv("GOODWILL_SMTP_SECURITY", "plain")
        monkeypatch.setenv("GOODWILL_SMTP_FROM", sender)
        monkeypatch.delenv("GOODWILL_SMTP_USER", raising=False)
        monkeypatch.delenv("GOODWILL_SMTP_PASSWORD", raising=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mailserver():
    from aiosmtpd.controller import Controller

    handler = Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield MailServer("127.0.0.1", controller.port, handler)
    finally:
        controller.stop()

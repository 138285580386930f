"""A real HTTP endpoint on 127.0.0.1 for push tests: Apprise's json:// and form:// targets
post to it, and the test reads what arrived. Never the internet.

    def test_it(push_server):
        add_channel(alice, "phone", push_server.json_url)
        ...
        assert push_server.messages[0]["title"] == "Reply owed today"
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest


@dataclass
class PushServer:
    port: int
    received: list[dict] = field(default_factory=list)  # {"path", "content_type", "body"}
    status: int = 200  # what the endpoint answers; a test sets 500 to see a failed push

    @property
    def json_url(self) -> str:
        return f"json://127.0.0.1:{self.port}/hook"

    @property
    def form_url(self) -> str:
        return f"form://127.0.0.1:{self.port}/form"

    @property
    def messages(self) -> list[dict]:
        """Each push's fields: {"title", "message", ...}, from JSON or a form post."""
        found = []
        for request in self.received:
            if "json" in request["content_type"]:
                found.append(json.loads(request["body"]))
            else:
                found.append({k: v[0] for k, v in parse_qs(request["body"]).items()})
        return found


def _handler(server: PushServer):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            server.received.append(
                {"path": self.path, "content_type": self.headers.get("Content-Type", ""), "body": body}
            )
            self.send_response(server.status)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def push_server():
    state = PushServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port_url() -> str:
    """A json:// URL on a loopback port nothing listens on: a push that cannot be delivered."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"json://127.0.0.1:{port}/hook"

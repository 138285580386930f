"""Real calendar servers for the capture tests, on 127.0.0.1 only: Radicale (the test extra,
started as a subprocess in a temporary folder, no auth or an htpasswd plain file) for CalDAV,
and a stdlib http.server thread serving an .ics for an ICS address. dovecot comes from
tests/services/test_mail_sync.py."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

CALDAV_USER, CALDAV_PASSWORD = "ann", "cal s3cret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def event(uid: str, start: datetime, summary: str, *emails: str, status: str = "", minutes: int = 60) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp(start)}",
        f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start + timedelta(minutes=minutes))}",
        f"SUMMARY:{summary}",
        *(f"ATTENDEE;CN={e}:mailto:{e}" for e in emails),
    ]
    if status:
        lines.append(f"STATUS:{status}")
    return "\r\n".join([*lines, "END:VEVENT"])


def calendar(*events: str) -> str:
    return (
        "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Goodwill tests//EN", *events, "END:VCALENDAR"])
        + "\r\n"
    )


class Radicale:
    def __init__(self, root: Path, *, auth: bool) -> None:
        self.root = root
        self.port = free_port()
        self.auth = auth
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        args = [
            sys.executable,
            "-m",
            "radicale",
            f"--storage-filesystem-folder={self.root / 'collections'}",
            f"--server-hosts=127.0.0.1:{self.port}",
        ]
        if self.auth:
            (self.root / "users").write_text(f"{CALDAV_USER}:{CALDAV_PASSWORD}\n")
            args += ["--auth-type=htpasswd", f"--auth-htpasswd-filename={self.root / 'users'}"]
            args += ["--auth-htpasswd-encryption=plain"]
        else:
            args.append("--auth-type=none")
        self.process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("Radicale did not start: " + self.process.stdout.read().decode(errors="replace")[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        pytest.fail("Radicale did not open its port in 20 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()

    def make_calendar(self, name: str = "work"):
        """A new calendar for the test user, through the caldav client; returns it (its .url)."""
        import caldav

        client = caldav.DAVClient(url=self.url, username=CALDAV_USER, password=CALDAV_PASSWORD, enable_rfc6764=False)
        return client.principal().make_calendar(name=name.title(), cal_id=name)

    def put(self, calendar_obj, *events: str) -> None:
        for text in events:
            calendar_obj.save_event(calendar(text))


def _radicale(auth: bool):
    pytest.importorskip("radicale", reason="Radicale is a test extra: pip install -e .[test]")
    root = Path(tempfile.mkdtemp(prefix="goodwill-radicale-"))
    server = Radicale(root, auth=auth)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def radicale():
    """Radicale with one login (CALDAV_USER, CALDAV_PASSWORD) in an htpasswd plain file."""
    yield from _radicale(auth=True)


class IcsServer:
    """Serves `.text` at /cal.ics (and 401 without the login, when `login` is set)."""

    def __init__(self) -> None:
        self.text = calendar()
        self.login: tuple[str, str] | None = None
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  # the stdlib's name
                outer.requests += 1
                if outer.login:
                    from base64 import b64encode

                    expected = "Basic " + b64encode(":".join(outer.login).encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        self.send_response(401)
                        self.end_headers()
                        return
                if self.path.split("?")[0] != "/cal.ics":
                    self.send_response(404)
                    self.end_headers()
                    return
                body = outer.text.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/calendar")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/cal.ics?token=private-abc123"


@pytest.fixture
def ics_server():
    server = IcsServer()
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()

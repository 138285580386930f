"""`goodwill user add` and `goodwill serve` (a real waitress server in a subprocess)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def test_user_add_with_password_stdin(cli):
    from django.contrib.auth import get_user_model

    result = cli("user", "add", "dana", "--password-stdin", input="a long enough secret\n")
    assert result.exit_code == 0 and "Login dana created" in result.output
    dana = get_user_model().objects.get(username="dana")
    assert dana.check_password("a long enough secret")
    assert dana.goodwill_settings.weekly_goal == 5  # her defaults and circles exist
    listed = cli("user", "list")
    assert "dana: password" in listed.output


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (["user", "add", "dana", "--password-stdin"], "short\n", "password refused"),
        (["user", "add", "dana", "--password-stdin"], "password123\n", "password refused"),  # a common one
        (["user", "add", "two words", "--password-stdin"], "a long enough secret\n", "is not a user name"),
        (["user", "add", "dana"], None, "pipe it in with --password-stdin"),
    ],
)
def test_user_add_mistakes(cli, args, stdin, message):
    result = cli(*args, input=stdin)
    assert result.exit_code == 2 and message in result.output


def test_user_add_twice_is_refused(cli):
    cli("user", "add", "dana", "--password-stdin", input="a long enough secret\n")
    result = cli("user", "add", "Dana", "--password-stdin", input="another long secret\n")
    assert result.exit_code == 2 and "already a user called" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str, timeout: float = 5):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(url, timeout=timeout)
        return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


@pytest.fixture
def serve(tmp_path):
    started = []

    def start(*args: str) -> str:
        port = _free_port()
        env = {
            k: v
            for k, v in os.environ.items()
            if k
            not in (
                "GOODWILL_TEST_DATABASE_URL",
                "GOODWILL_DATABASE_URL",
                "GOODWILL_LOCAL_LOGIN",
                "GOODWILL_SECRET_KEY",
            )
        }
        env["GOODWILL_HOME"] = str(tmp_path)
        process = subprocess.Popen(
            [sys.executable, "-m", "goodwill.cli.main", "serve", "--port", str(port), *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                _get(base + "/login/")
                return base
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read().decode()) from None
                time.sleep(0.2)
        raise AssertionError("goodwill serve did not start")

    start.started = started
    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()  # else a ResourceWarning for the pipe at teardown


def test_serve_on_loopback_needs_no_login(serve, tmp_path):
    base = serve()
    status, _headers, body = _get(base + "/")
    assert status == 200 and b"Nobody in your network yet." in body  # a new data folder: Today's first run
    status, headers, body = _get(base + "/static/web/htmx-2.0.11.min.js")
    assert status == 200 and body.startswith(b"var htmx") and "javascript" in headers["Content-Type"]
    assert (tmp_path / "secret_key").exists() and oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"


def test_serve_with_no_local_login_needs_a_login(serve):
    base = serve("--no-local-login")
    status, headers, _ = _get(base + "/")
    assert status == 302 and headers["Location"].startswith("/login/")
    status, _, body = _get(base + "/login/")
    assert status == 200 and b'name="password"' in body


def test_serve_beyond_loopback_needs_a_login(serve):
    base = serve("--host", "0.0.0.0")
    status, headers, _ = _get(base + "/")
    assert status == 302 and headers["Location"].startswith("/login/")


def _children(pid: int) -> set[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as handle:
        return {int(x) for x in handle.read().split()}


def _cmdline(pid: int) -> bytes:
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return handle.read()


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        line = next(line for line in handle if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")
def test_serve_with_workers_shares_one_port_and_sees_every_write(serve, tmp_path):
    """Two processes answer on one port; a note written by the CLI (a third process)
    shows at once on a Person page both of them had cached; a worker that dies is
    replaced by a fresh one; the process that started them keeps only a small watcher's
    memory; stopping the server stops them all."""
    env = {k: v for k, v in os.environ.items() if k not in ("GOODWILL_TEST_DATABASE_URL", "GOODWILL_DATABASE_URL")}
    env["GOODWILL_HOME"] = str(tmp_path)

    def goodwill(*args):
        subprocess.run([sys.executable, "-m", "goodwill.cli.main", *args], env=env, check=True, capture_output=True)

    goodwill("add", "Zora Quist")
    base = serve("--workers", "2")
    server = serve.started[-1]
    workers = _children(server.pid)
    assert len(workers) == 2
    for _ in range(12):  # each worker builds, then caches, her page
        status, _, body = _get(base + "/people/1/")
        assert status == 200 and b"Zora Quist" in body
    goodwill("note", "Zora Quist", "Moving to Lisbon in March")
    assert all(b"Moving to Lisbon" in _get(base + "/people/1/")[2] for _ in range(12))

    # Once the workers are forked, the loaded process becomes a small watcher (same pid).
    assert b"goodwill.web.supervisor" in _cmdline(server.pid)
    assert _rss_mb(server.pid) < 40, "the watcher should hold none of Django's memory"

    for killed in sorted(workers):  # each dead worker is replaced by a fresh one, which serves
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(_children(server.pid) - workers) < 1:
            time.sleep(0.2)
        workers = workers - {killed}
        fresh = _children(server.pid) - workers
        assert len(fresh) == 1
        # Forked by the watcher, it shows the watcher's command line until its exec.
        while time.monotonic() < deadline and b"goodwill.web.prefork" not in _cmdline(*fresh):
            time.sleep(0.05)
        assert b"goodwill.web.prefork" in _cmdline(*fresh) and b"--jobs" in _cmdline(*fresh)
        workers |= fresh
    # Only fresh workers are left: they serve the same data, the CLI's note included. A fresh
    # worker loads the app from scratch before it answers: seconds on a busy machine (CI's).
    for _ in range(6):
        status, _, body = _get(base + "/people/1/", timeout=60)
        assert status == 200 and b"Moving to Lisbon" in body
    now_serving = _children(server.pid)
    assert len(now_serving) == 2
    server.terminate()
    server.wait(timeout=15)
    assert not any(os.path.exists(f"/proc/{pid}") for pid in now_serving)

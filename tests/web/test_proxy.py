"""A real reverse proxy (Debian's nginx, with TLS) in front of a real `goodwill serve`
on loopback, as docs/web.md describes: a visitor coming through the proxy never
gets the local user, while the same request straight to loopback (the laptop's
browser) still does until a login exists. Over TLS the answers carry HSTS and
Secure cookies; over plain http on loopback they don't.

nginx runs in the foreground from its own temporary prefix (config, pid, logs and
temp files in tmp), on ephemeral loopback ports, and is stopped at teardown."""

from __future__ import annotations

import http.client
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.needs import need

PASSWORD = "a long enough secret"
NAME = "goodwill.test"  # the public name the proxy serves (in GOODWILL_ALLOWED_HOSTS)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="starts Debian's nginx")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                raise AssertionError(
                    f"{what} stopped: {process.stdout.read().decode() if process.stdout else ''}"
                ) from None
            time.sleep(0.1)
    raise AssertionError(f"{what} did not start on port {port}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout:
        process.stdout.close()


NGINX_CONF = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    # As docs/web.md advises: TLS here, the app on loopback behind it.
    server {{
        listen 127.0.0.1:{tls_port} ssl;
        server_name {name};
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Real-IP $remote_addr;
        }}
    }}
    # Plain http, the Host left as nginx's default (the app's own loopback address),
    # and only the two headers most guides set.
    server {{
        listen 127.0.0.1:{http_port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
    # A careless one: nothing but proxy_pass (Host is the app's own loopback address).
    server {{
        listen 127.0.0.1:{bare_port};
        location / {{ proxy_pass http://127.0.0.1:{app_port}; }}
    }}
}}
"""


class Site:
    def __init__(self, home: Path, env: dict, ports: dict):
        self.home, self.env, self.ports = home, env, ports

    def request(
        self,
        where: str,
        method: str = "GET",
        path: str = "/",
        *,
        host: str | None = None,
        body: str | None = None,
        headers: dict | None = None,
    ):
        """One request: where is "app" (straight to loopback), "tls", "http" or "bare" (through nginx)."""
        port = self.ports[where]
        if where == "tls":
            context = ssl.create_default_context(cafile=str(self.home / "nginx" / "cert.pem"))
            connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=context)
            connection._context.check_hostname = False  # the certificate names goodwill.test, we dial 127.0.0.1
        else:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            all_headers = {
                "Host": host or (f"{NAME}:{port}" if where == "tls" else f"127.0.0.1:{port}"),
                **(headers or {}),
            }
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def goodwill(self, *args: str, stdin: str | None = None) -> None:
        subprocess.run(
            [sys.executable, "-m", "goodwill.cli.main", *args],
            env=self.env,
            input=stdin,
            text=True,
            check=True,
            capture_output=True,
            timeout=120,
        )


@pytest.fixture
def site(tmp_path):
    nginx_path, openssl = need("nginx"), need("openssl")
    ports = {"app": _free_port(), "tls": _free_port(), "http": _free_port(), "bare": _free_port()}
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "GOODWILL_TEST_DATABASE_URL",
            "GOODWILL_DATABASE_URL",
            "GOODWILL_LOCAL_LOGIN",
            "GOODWILL_SECRET_KEY",
            "GOODWILL_SECURE_COOKIES",
            "GOODWILL_WEB",
        )
    }
    env.update(GOODWILL_HOME=str(tmp_path), GOODWILL_ALLOWED_HOSTS=NAME, GOODWILL_TLS_PROXY="1")
    started: list[subprocess.Popen] = []
    try:
        app = subprocess.Popen(
            [sys.executable, "-m", "goodwill.cli.main", "serve", "--port", str(ports["app"])],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(app)
        conf_dir = tmp_path / "nginx"
        conf_dir.mkdir()
        subprocess.run(
            [
                openssl,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                f"/CN={NAME}",
                "-keyout",
                str(conf_dir / "key.pem"),
                "-out",
                str(conf_dir / "cert.pem"),
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
        user = "user root root;" if os.geteuid() == 0 else ""  # workers keep access to the private tmp folder
        (conf_dir / "nginx.conf").write_text(
            NGINX_CONF.format(
                user=user,
                tmp=conf_dir,
                name=NAME,
                app_port=ports["app"],
                tls_port=ports["tls"],
                http_port=ports["http"],
                bare_port=ports["bare"],
            )
        )
        nginx = subprocess.Popen(
            [
                nginx_path,
                "-p",
                str(conf_dir),
                "-e",
                str(conf_dir / "error.log"),
                "-c",
                str(conf_dir / "nginx.conf"),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        started.append(nginx)
        _wait_for(ports["app"], app, "goodwill serve")
        for name in ("tls", "http", "bare"):
            _wait_for(ports[name], nginx, "nginx")
        yield Site(tmp_path, env, ports)
    finally:
        for process in reversed(started):
            _stop(process)


TODAY = "<title>Today · Goodwill</title>".encode()  # an empty network's Today shows the first run instead of its lists


def _is_today(answer) -> bool:
    status, _headers, body = answer
    return status == 200 and TODAY in body


def _to_login(answer) -> bool:
    status, headers, _ = answer
    return status == 302 and headers["Location"].startswith("/login/")


def test_no_visitor_through_the_proxy_is_the_local_user(site):
    # The laptop's own browser, straight to loopback: the local user, no password.
    assert _is_today(site.request("app"))
    # The same request through nginx (TLS, or plain http with the headers) is sent to log in...
    assert _to_login(site.request("tls"))
    assert _to_login(site.request("http"))
    assert _to_login(site.request("http", path="/people/"))
    # ...and gets the login page, never a page of the network.
    status, _, body = site.request("tls", path="/login/?next=/")
    assert status == 200 and b'name="password"' in body and TODAY not in body
    for path in ("/people/", "/settings/", "/log/"):
        assert _to_login(site.request("tls", path=path)), path
    assert site.request("tls", path="/api/v1/people")[0] == 401
    # Still the local user straight to loopback, between proxied requests.
    assert _is_today(site.request("app"))


def test_once_a_login_exists_every_door_asks_for_it(site):
    site.goodwill("user", "add", "dana", "--password-stdin", stdin=PASSWORD + "\n")
    # Even the careless proxy, whose requests look local, and loopback itself.
    assert _to_login(site.request("bare"))
    assert _to_login(site.request("app"))
    assert _to_login(site.request("tls"))
    # Logging in through the TLS proxy works, with a Secure session cookie.
    status, headers, body = site.request("tls", path="/login/")
    assert status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    origin = f"https://{NAME}:{site.ports['tls']}"
    status, headers, _ = site.request(
        "tls",
        "POST",
        "/login/",
        body=f"username=dana&password={PASSWORD.replace(' ', '+')}&csrfmiddlewaretoken={token}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Origin": origin,
            "Referer": origin + "/login/",
        },
    )
    assert status == 302 and headers["Location"] == "/", _
    session = [c for c in headers.get_all("Set-Cookie") if c.startswith("sessionid=")][0]
    assert "Secure" in session and "HttpOnly" in session
    assert _is_today(site.request("tls", headers={"Cookie": session.split(";")[0]}))


def test_tls_gets_hsts_and_secure_cookies_and_plain_loopback_does_not(site):
    status, headers, _ = site.request("tls", path="/login/")
    assert status == 200
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert all("Secure" in c for c in headers.get_all("Set-Cookie"))
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, headers, _ = site.request("app", path="/login/")
    assert status == 200
    assert "Strict-Transport-Security" not in headers
    assert not any("Secure" in c for c in headers.get_all("Set-Cookie"))

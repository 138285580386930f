"""CSRF on every form, autoescaping of user text, confidential notes only on
their own person's page, strict cookies, argon2, the login rate limit, and the
headers: a Content-Security-Policy everywhere, HSTS and Secure cookies over TLS."""

from __future__ import annotations

import re

from django.test import Client

from goodwill.models import NextStep

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_every_form_carries_a_csrf_token(network, as_alice):
    jane = network["jane"]
    for url in [
        "/",
        f"/people/{jane.pk}/",
        "/log/",
        f"/log/inline?person={jane.pk}",
        "/import/",
        "/settings/",
        f"/review/?queue={jane.pk}&at=0&reviewed=0",
    ]:
        body = as_alice.get(url).content.decode()
        posts = re.findall(r'<form[^>]*method="post".*?</form>', body, flags=re.S)
        assert posts, url
        for form in posts:
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:200])


def test_a_post_without_the_token_is_refused(network, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    step = NextStep.objects.get(person=network["jane"])
    assert client.post(f"/steps/{step.pk}/done").status_code == 403
    assert NextStep.objects.get(pk=step.pk).status == "open"
    page = client.get("/")  # with the token from the page, it works
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert client.post(f"/steps/{step.pk}/done", {"csrfmiddlewaretoken": token}).status_code == 303


def test_user_text_is_escaped_everywhere(alice, now, as_alice):
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    evil = add_person(
        alice, PersonFields(name="Eve " + XSS, organization=XSS, urls=["javascript://example.com/%0aalert(1)"])
    )
    log_interaction(
        alice,
        LogRequest(
            kind="call", people=[evil], summary=XSS, body=XSS, next_steps=[StepRequest(XSS[:200], due=now.date())]
        ),
    )
    add_note(alice, evil, XSS, "confidential")
    for url in [
        "/",
        "/people/",
        "/people/?q=eve",
        f"/people/{evil.pk}/",
        "/people/pick?person=eve",
        f"/review/?queue={evil.pk}&at=0&reviewed=0",
    ]:
        body = as_alice.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
    person_page = as_alice.get(f"/people/{evil.pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in person_page
    assert 'href="javascript:' not in person_page  # a link typed by a user is only linked when it is http(s)
    # Messages carry user text too.
    step = NextStep.objects.get(person=evil)
    followed = as_alice.post(f"/steps/{step.pk}/done", follow=True).content.decode()
    assert "<script>alert" not in followed and "Done: &lt;script&gt;" in followed


def test_confidential_notes_only_on_their_person_page(network, as_alice):
    jane = network["jane"]
    secret = "Secretly interviewing at Globex"
    page = as_alice.get(f"/people/{jane.pk}/").content.decode()
    assert secret in page and "conf-confidential" in page
    assert "Loves trail running" in page and "conf-shareable" in page
    for url in [
        "/",
        "/people/",
        "/people/?q=Globex",
        "/people/?q=jane",
        "/people/pick?person=globex",
        "/review/",
        f"/review/?queue={jane.pk}&at=0&reviewed=0",
        "/near/?place=Austin",
    ]:
        body = as_alice.get(url).content.decode()
        assert "interviewing" not in body, url  # (the search box echoes "Globex" itself)
    # Searching the secret's words does not find her: notes are not searched.
    assert "Jane Doe" not in as_alice.get("/people/?q=Globex").content.decode()


def test_session_and_csrf_cookies_are_strict(alice, db):
    alice.set_password("correct horse battery")
    alice.save()
    client = Client()
    client.get("/login/")
    response = client.post("/login/", {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["samesite"] == "Strict" and session["httponly"]
    csrf = client.get("/login/").cookies.get("csrftoken") or client.cookies["csrftoken"]
    assert csrf["samesite"] == "Strict" and csrf["httponly"]


def test_passwords_are_hashed_with_argon2(db, cli):
    from django.contrib.auth import get_user_model

    result = cli("user", "add", "dana", "--password-stdin", input="a long enough secret\n")
    assert result.exit_code == 0, result.output
    assert get_user_model().objects.get(username="dana").password.startswith("argon2$")


def test_logins_are_rate_limited(alice, db):
    alice.set_password("correct horse battery")
    alice.save()
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        assert client.post("/login/", {"username": "alice", "password": "wrong"}).status_code == 200
    locked = client.post("/login/", {"username": "alice", "password": "wrong"})
    assert locked.status_code == 429 and b"Too many failed logins" in locked.content
    # Even the right password is refused while locked out.
    assert client.post("/login/", {"username": "alice", "password": "correct horse battery"}).status_code == 429


def test_pages_cannot_be_framed(network, as_alice):
    response = as_alice.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Content-Security-Policy, HSTS and Secure cookies (goodwill/web/security.py) ---


def _policy(response) -> dict[str, str]:
    directives = [d.strip() for d in response["Content-Security-Policy"].split(";") if d.strip()]
    return {d.split()[0]: " ".join(d.split()[1:]) for d in directives}


def test_every_answer_carries_a_strict_content_security_policy(network, as_alice, anonymous):
    jane = network["jane"]
    for response in [
        as_alice.get("/"),
        as_alice.get(f"/people/{jane.pk}/"),
        as_alice.get("/log/"),
        as_alice.get(f"/log/inline?person={jane.pk}", headers={"HX-Request": "true"}),
        anonymous.get("/login/"),
        anonymous.get("/"),
        anonymous.get("/api/v1/people"),
    ]:
        policy = _policy(response)
        assert policy["script-src"] == "'self'"  # no inline script, no eval
        assert policy["style-src"] == "'self'"
        assert policy["default-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'self'"
        assert policy["form-action"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"


INLINE = [
    (r"<script(?![^>]*\bsrc=)[^>]*>", "an inline <script>"),
    (r"<[^>]+\son[a-z]+\s*=", "an on*= handler"),
    (r"\bhx-on", "hx-on (evaluated as script)"),
    (r"<[^>]+\sstyle\s*=", "a style attribute"),
    (r"<style", "a <style> element"),
    (r"(href|src|action)\s*=\s*[\"']?javascript:", "a javascript: URL"),
]


def test_no_page_needs_inline_script_or_style(network, as_alice):
    """What the policy forbids is not in any template, nor in the pages (charts and
    maps are drawn in Python)."""
    from pathlib import Path

    import goodwill

    templates = Path(goodwill.__file__).parent / "templates"
    # Not mail/: a message is no web page (no CSP applies), and phone mail apps need inline styles.
    texts = {
        str(p.relative_to(templates)): p.read_text()
        for p in templates.rglob("*.html")
        if p.relative_to(templates).parts[0] != "mail"
    }
    jane = network["jane"]
    for url in [
        "/",
        "/people/",
        f"/people/{jane.pk}/",
        "/log/",
        "/review/",
        "/momentum/",
        "/replies/",
        "/near/",
        "/near/?place=Austin",
        "/pass-on/?q=trail+running",
        "/intros/",
        "/ledger/",
        "/import/",
        "/settings/",
    ]:
        response = as_alice.get(url)
        assert response.status_code == 200, url
        texts[url] = response.content.decode()
    for where, text in texts.items():
        for pattern, what in INLINE:
            assert not re.search(pattern, text, flags=re.I), f"{where} has {what}"
    # htmx would add its indicator <style> at load: it is told not to.
    assert '"includeIndicatorStyles":false' in texts["web/base.html"].replace(" ", "")


def test_plain_http_on_loopback_gets_no_hsts_and_no_secure_cookie(alice, db):
    """The laptop: a Secure cookie would never come back over http, so none is set."""
    alice.set_password("correct horse battery")
    alice.save()
    client = Client()
    page = client.get("/login/")
    assert "Strict-Transport-Security" not in page
    assert not page.cookies["csrftoken"]["secure"]
    response = client.post("/login/", {"username": "alice", "password": "correct horse battery"})
    assert response.status_code == 302 and not response.cookies["sessionid"]["secure"]


def test_over_tls_hsts_and_secure_cookies(alice, db):
    alice.set_password("correct horse battery")
    alice.save()
    client = Client()
    page = client.get("/login/", secure=True)
    assert page["Strict-Transport-Security"] == "max-age=31536000"
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post("/login/", {"username": "alice", "password": "correct horse battery"}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Strict"


def test_a_proxys_https_header_counts_only_when_trusted(db):
    from django.test import override_settings

    spoofed = Client(HTTP_X_FORWARDED_PROTO="https").get("/login/")
    assert "Strict-Transport-Security" not in spoofed and not spoofed.cookies["csrftoken"]["secure"]
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        proxied = Client(HTTP_X_FORWARDED_PROTO="https").get("/login/")
        assert "Strict-Transport-Security" in proxied and proxied.cookies["csrftoken"]["secure"]


def test_goodwill_tls_proxy_trusts_x_forwarded_proto(monkeypatch):
    import runpy

    import goodwill.settings

    def settings_read() -> dict:
        return runpy.run_path(goodwill.settings.__file__)

    monkeypatch.delenv("GOODWILL_TLS_PROXY", raising=False)
    assert "SECURE_PROXY_SSL_HEADER" not in settings_read()
    monkeypatch.setenv("GOODWILL_TLS_PROXY", "1")
    assert settings_read()["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_behind_the_proxy_the_lockout_is_per_visitor(alice, db):
    """With GOODWILL_TLS_PROXY every request comes from the proxy on loopback: five
    wrong passwords from one visitor lock out that visitor, not everyone."""
    from django.test import override_settings

    alice.set_password("correct horse battery")
    alice.save()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    with override_settings(AXES_CLIENT_IP_CALLABLE="goodwill.web.security.client_address"):
        # The attacker may send an X-Forwarded-For of their own: the proxy appends the real address.
        attacker = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
        for _ in range(5):
            attacker.post("/login/", {"username": "alice", "password": "wrong"})
        assert attacker.post("/login/", {"username": "alice", "password": "correct horse battery"}).status_code == 429
        # Another forged first entry does not get them out of the lockout.
        again = Client(**proxy, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
        assert again.post("/login/", {"username": "alice", "password": "correct horse battery"}).status_code == 429
        alice_herself = Client(**proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
        assert (
            alice_herself.post("/login/", {"username": "alice", "password": "correct horse battery"}).status_code == 302
        )


def test_the_visitors_address_is_only_taken_from_a_local_proxy():
    from django.test import RequestFactory

    from goodwill.web.security import client_address

    def address(**meta):
        return client_address(RequestFactory().get("/", **meta))

    assert address(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9") == "203.0.113.9"
    assert address(REMOTE_ADDR="127.0.0.1") == "127.0.0.1"
    # Straight from another machine, a header it sent itself counts for nothing.
    assert address(REMOTE_ADDR="192.0.2.8", HTTP_X_FORWARDED_FOR="203.0.113.9") == "192.0.2.8"

"""CSRF on every form, autoescaping of user text, confidential notes only on
their own person's page, strict cookies, argon2, and the login rate limit."""
from __future__ import annotations

import re

import pytest
from django.test import Client

from goodwill.models import NextStep

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_every_form_carries_a_csrf_token(network, as_alice):
    jane = network["jane"]
    for url in ["/", f"/people/{jane.pk}/", "/log/", f"/log/inline?person={jane.pk}", "/import/", "/settings/",
                f"/review/?queue={jane.pk}&at=0&reviewed=0"]:
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

    evil = add_person(alice, PersonFields(name="Eve " + XSS, organization=XSS, urls=["javascript://example.com/%0aalert(1)"]))
    log_interaction(alice, LogRequest(kind="call", people=[evil], summary=XSS, body=XSS,
                                      next_steps=[StepRequest(XSS[:200], due=now.date())]))
    add_note(alice, evil, XSS, "confidential")
    for url in ["/", "/people/", "/people/?q=eve", f"/people/{evil.pk}/", "/people/pick?person=eve",
                f"/review/?queue={evil.pk}&at=0&reviewed=0"]:
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
    for url in ["/", "/people/", "/people/?q=Globex", "/people/?q=jane", "/people/pick?person=globex",
                "/review/", f"/review/?queue={jane.pk}&at=0&reviewed=0", "/near/?place=Austin"]:
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

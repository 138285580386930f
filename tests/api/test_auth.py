"""Token authentication: only the hash is stored, revoked and wrong tokens are
refused, and last_used_at is written at most once a minute."""

from __future__ import annotations

from datetime import timedelta

from tests.api.conftest import ApiClient


def test_token_is_shown_once_and_only_its_hash_is_stored(alice, now):
    from goodwill.models import ApiToken
    from goodwill.services.tokens import create_token, hash_token

    new = create_token(alice, "laptop script")
    stored = ApiToken.objects.get(pk=new.token.pk)
    assert new.plain.startswith("gw_") and len(new.plain) > 40
    assert stored.key_hash == hash_token(new.plain) != new.plain
    assert stored.prefix == new.plain[:10]
    assert not ApiToken.objects.filter(key_hash=new.plain).exists()


def test_wrong_malformed_and_revoked_tokens_get_401(client, alice, now):
    from goodwill.services.tokens import create_token, revoke_token

    new = create_token(alice, "script")
    assert ApiClient(client, new.plain).get("/people").status_code == 200
    for bad in (new.plain + "x", new.plain[:-1], "gw_", "not-a-token", new.token.key_hash):
        assert ApiClient(client, bad).get("/people").status_code == 401
    # A different scheme is not a token either.
    assert client.get("/api/v1/people", headers={"Authorization": f"Token {new.plain}"}).status_code == 401
    revoke_token(alice, new.token.pk)
    response = ApiClient(client, new.plain).get("/people")
    assert response.status_code == 401
    assert response.json() == {"detail": response.json()["detail"]}  # one key, one line
    assert "\n" not in response.json()["detail"]


def test_a_deactivated_user_cannot_use_their_token(client, alice, now):
    from goodwill.services.tokens import create_token

    plain = create_token(alice, "script").plain
    alice.is_active = False
    alice.save()
    assert ApiClient(client, plain).get("/agenda").status_code == 401


def test_last_used_is_written_at_most_once_a_minute(client, alice, now, set_now):
    from goodwill.models import ApiToken
    from goodwill.services.tokens import create_token

    new = create_token(alice, "script")
    api = ApiClient(client, new.plain)
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at is None
    api.get("/agenda")
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at == now
    set_now((now + timedelta(seconds=30)).isoformat())
    api.get("/agenda")
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at == now  # not rewritten within the minute
    later = now + timedelta(minutes=2)
    set_now(later.isoformat())
    api.get("/agenda")
    assert ApiToken.objects.get(pk=new.token.pk).last_used_at == later


def test_token_names_and_revocation_are_checked(alice, charlie, now):
    import pytest

    from goodwill.errors import InvalidInput, NotFound
    from goodwill.services.tokens import create_token, list_tokens, revoke_token

    with pytest.raises(InvalidInput, match="needs a name"):
        create_token(alice, "   ")
    first = create_token(alice, "phone")
    with pytest.raises(InvalidInput, match="already have a token"):
        create_token(alice, "phone")
    with pytest.raises(InvalidInput, match="already have a token"):
        create_token(alice, "Phone")  # a name differing only in case is the same name
    with pytest.raises(NotFound):
        revoke_token(charlie, first.token.pk)  # not his
    revoke_token(alice, first.token.pk)
    with pytest.raises(InvalidInput, match="already revoked"):
        revoke_token(alice, first.token.pk)
    create_token(alice, "phone")  # the name is free again
    assert [t.name for t in list_tokens(alice)] == ["phone"]
    assert len(list_tokens(alice, include_revoked=True)) == 2
    assert list(list_tokens(charlie)) == []


def test_docs_and_openapi_description_need_no_token_and_fetch_nothing_remote(client, db):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/openapi.json" in docs.content.decode()
    assert "cdn." not in docs.content.decode()
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    description = schema.json()
    assert "/api/v1/people" in description["paths"]
    assert description["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_token_requests_need_no_csrf_token_but_a_browser_session_is_not_a_token(alice, now):
    """Scripts send a token, not a cookie, so CSRF does not apply; a logged-in
    browser session alone does not open the API (it would, with CSRF, otherwise)."""
    from django.test import Client

    from goodwill.services.tokens import create_token

    browser = Client(enforce_csrf_checks=True)
    plain = create_token(alice, "script").plain
    made = ApiClient(browser, plain).post("/people", {"name": "Ann Lee"})
    assert made.status_code == 201
    browser.force_login(alice)
    assert ApiClient(browser).get("/people").status_code == 401


def test_the_web_server_shows_the_docs_as_swagger_from_local_files(client, db, settings):
    assert "ninja" in settings.INSTALLED_APPS  # the web apps: see settings.WEB
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page and "/static/ninja/" in page
    assert "cdn." not in page and "https://" not in page

"""The DAV door: who gets in (device passwords, the login lockout, plain http only from this
machine), and what a client reads (discovery, cards in the version it wants, incremental sync)."""

from __future__ import annotations

import base64
import re

import pytest

from goodwill.services.dav_passwords import add_device_password, revoke_device_password
from goodwill.services.people import PersonFields, add_person, edit_person

pytestmark = pytest.mark.django_db

LOCAL = {"HTTP_HOST": "127.0.0.1:8000", "REMOTE_ADDR": "127.0.0.1"}
IOS = "iOS/17.0 (21A329) dataaccessd/1.0"
DAVX5 = "DAVx5/4.4.2-ose (2024/10/02; dav4jvm; okhttp/4.12.0) Android/14"
SYNC = (
    '<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>{}</D:sync-token>'
    "<D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>"
)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def phone(alice):
    add_person(alice, PersonFields(name="Jane Doe", emails=["jane@example.com"], title="CTO"))
    return add_device_password(alice, "iPhone").plain


def dav(client, method, path, password, user="alice", body=b"", meta=LOCAL, **extra):
    return client.generic(
        method,
        path,
        body,
        content_type="application/xml; charset=utf-8",
        HTTP_AUTHORIZATION=basic(user, password),
        **meta,
        **extra,
    )


def test_the_principal_is_found_from_the_root(client, phone):
    answer = dav(client, "PROPFIND", "/dav/", phone, HTTP_DEPTH="0")
    assert answer.status_code == 207
    assert b"<current-user-principal><href>/dav/alice/</href>" in answer.content


def test_well_known_addresses_lead_to_the_server(client):
    for service in ("carddav", "caldav"):
        answer = client.get(f"/.well-known/{service}", **LOCAL)
        assert answer.status_code == 301 and answer["Location"] == "/dav/"


def test_no_password_or_a_wrong_one_is_refused(client, phone):
    assert client.generic("PROPFIND", "/dav/alice/", b"", **LOCAL).status_code == 401
    assert dav(client, "PROPFIND", "/dav/alice/", "aaaa-bbbb-cccc-dddd").status_code == 401
    assert dav(client, "PROPFIND", "/dav/alice/", "x" * 300).status_code == 401


def test_a_web_login_password_does_not_open_the_phone_door(client, alice, phone):
    alice.set_password("a web password")
    alice.save()
    assert dav(client, "PROPFIND", "/dav/alice/", "a web password").status_code == 401


def test_a_revoked_password_is_refused(client, alice, phone):
    assert dav(client, "PROPFIND", "/dav/alice/contacts/", phone, HTTP_DEPTH="0").status_code == 207
    revoke_device_password(alice, "iPhone")
    assert dav(client, "PROPFIND", "/dav/alice/contacts/", phone, HTTP_DEPTH="0").status_code == 401


def test_five_wrong_passwords_lock_the_user_out_as_a_web_login_would(client, phone):
    for _ in range(4):
        assert dav(client, "PROPFIND", "/dav/alice/", "wrong-pass-word-xxxx").status_code == 401
    # The fifth locks the login (django-axes answers 429 Too Many Requests), the right password too.
    assert dav(client, "PROPFIND", "/dav/alice/", "wrong-pass-word-xxxx").status_code == 429
    assert dav(client, "PROPFIND", "/dav/alice/", phone, HTTP_DEPTH="0").status_code in (401, 429)
    assert client.post("/login/", {"username": "alice", "password": "anything"}, **LOCAL).status_code == 429


def test_another_users_collections_are_out_of_reach(client, alice, bob, phone):
    add_person(bob, PersonFields(name="Bob's Secret Friend"))
    bobs = add_device_password(bob, "Pixel").plain
    for path in ("/dav/alice/", "/dav/alice/contacts/"):
        answer = dav(client, "PROPFIND", path, bobs, user="bob", HTTP_DEPTH="1")
        assert answer.status_code in (403, 404) and b"Jane" not in answer.content
    answer = dav(client, "PROPFIND", "/dav/bob/contacts/", phone, HTTP_DEPTH="1")
    assert answer.status_code in (403, 404) and b"Secret" not in answer.content


def test_plain_http_from_elsewhere_is_refused_before_any_password_is_read(client, phone, settings):
    settings.ALLOWED_HOSTS = ["goodwill.example.com", "127.0.0.1"]
    lan = {"HTTP_HOST": "goodwill.example.com", "REMOTE_ADDR": "192.168.1.20"}
    answer = dav(client, "PROPFIND", "/dav/alice/", phone, meta=lan, HTTP_DEPTH="0")
    assert answer.status_code == 403 and b"https" in answer.content
    proxied = {**LOCAL, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert dav(client, "PROPFIND", "/dav/alice/", phone, meta=proxied, HTTP_DEPTH="0").status_code == 403


def test_over_tls_from_anywhere_it_answers(client, phone, settings):
    settings.ALLOWED_HOSTS = ["goodwill.example.com"]
    lan = {"HTTP_HOST": "goodwill.example.com", "REMOTE_ADDR": "192.168.1.20"}
    answer = dav(client, "PROPFIND", "/dav/alice/", phone, meta=lan, HTTP_DEPTH="0", secure=True)
    assert answer.status_code == 207


def _card_href(client, phone) -> str:
    answer = dav(client, "PROPFIND", "/dav/alice/contacts/", phone, HTTP_DEPTH="1")
    return re.findall(rb"<href>(/dav/alice/contacts/[^<]+\.vcf)</href>", answer.content)[0].decode()


def test_ios_gets_vcard_3_and_others_get_4(client, phone):
    href = _card_href(client, phone)
    ios = dav(client, "GET", href, phone, HTTP_USER_AGENT=IOS)
    android = dav(client, "GET", href, phone, HTTP_USER_AGENT=DAVX5)
    assert b"VERSION:3.0" in ios.content and b"VERSION:4.0" in android.content
    assert b"FN:Jane Doe" in ios.content and b"TITLE:CTO" in android.content
    # One tag for the card's state in either version: a client that gets both (a listing
    # by User-Agent, a multiget asking for 3.0) must not see an unchanged card as changed.
    assert ios["ETag"] == android["ETag"]


def test_sync_collection_answers_only_what_changed(client, alice, phone):
    omar = add_person(alice, PersonFields(name="Omar Thompson"))
    first = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=SYNC.format("").encode(), HTTP_DEPTH="1")
    assert first.status_code == 207 and first.content.count(b"<response>") == 2
    token = re.search(rb"<sync-token>([^<]+)</sync-token>", first.content)[1].decode()
    again = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=SYNC.format(token).encode(), HTTP_DEPTH="1")
    assert again.content.count(b"<response>") == 0
    edit_person(alice, omar, PersonFields(title="Partner"))
    changed = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=SYNC.format(token).encode(), HTTP_DEPTH="1")
    assert changed.content.count(b"<response>") == 1
    from goodwill.services.deletion import delete_person

    token2 = re.search(rb"<sync-token>([^<]+)</sync-token>", changed.content)[1].decode()
    delete_person(alice, omar)
    gone = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=SYNC.format(token2).encode(), HTTP_DEPTH="1")
    assert gone.content.count(b"<response>") == 1 and b"404 Not Found" in gone.content  # a tombstone


def test_a_token_from_another_database_starts_the_client_over(client, phone):
    stale = SYNC.format("http://goodwill.invalid/sync/000000000000-3").encode()
    answer = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=stale, HTTP_DEPTH="1")
    assert answer.status_code == 403 and b"valid-sync-token" in answer.content


def test_the_dates_calendar_and_the_principal_are_read_only(client, phone):
    event = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T000000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    put = dav(client, "PUT", "/dav/alice/dates/x.ics", phone, body=event)
    assert put.status_code == 403
    assert dav(client, "MKCOL", "/dav/alice/other/", phone).status_code == 403
    assert dav(client, "DELETE", "/dav/alice/contacts/", phone).status_code == 403


def test_the_laptops_no_password_login_never_opens_the_phone_door(client, alice, settings):
    settings.GOODWILL_LOCAL_LOGIN = True  # `goodwill serve` on loopback with no logins: the web needs no password
    add_person(alice, PersonFields(name="Jane Doe"))
    assert client.get("/", **LOCAL).status_code in (200, 302)
    answer = client.generic("PROPFIND", "/dav/me/contacts/", b"", HTTP_DEPTH="1", **LOCAL)
    assert answer.status_code == 401 and b"Jane" not in answer.content


def test_a_client_that_asks_for_a_version_gets_it_and_its_if_match_still_holds(client, phone):
    href = _card_href(client, phone)
    asked = dav(client, "GET", href, phone, HTTP_USER_AGENT=DAVX5, HTTP_ACCEPT="text/vcard; version=3.0")
    assert b"VERSION:3.0" in asked.content
    multiget = (
        '<?xml version="1.0"?><C:addressbook-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav">'
        '<D:prop><D:getetag/><C:address-data content-type="text/vcard" version="4.0"/></D:prop>'
        f"<D:href>{href}</D:href></C:addressbook-multiget>"
    ).encode()
    answer = dav(client, "REPORT", "/dav/alice/contacts/", phone, body=multiget, HTTP_DEPTH="1", HTTP_USER_AGENT=IOS)
    assert answer.status_code == 207 and b"VERSION:4.0" in answer.content  # asked for 4.0, even from an iPhone
    card = asked.content.decode().replace("TITLE:CTO", "TITLE:CFO")
    put = dav(client, "PUT", href, phone, body=card.encode(), HTTP_USER_AGENT=DAVX5, HTTP_IF_MATCH=asked["ETag"])
    assert put.status_code in (201, 204)  # the ETag of the 3.0 card it was given holds for its edit


@pytest.mark.parametrize(
    ("agent", "accept", "body", "version"),
    [
        (IOS, "", b"", "3.0"),
        ("macOS/14.0 (23A344) AddressBookCore/2487", "", b"", "3.0"),
        (DAVX5, "", b"", "4.0"),
        ("Thunderbird/128.0", "*/*", b"", "4.0"),
        (DAVX5, "text/vcard;version=3.0", b"", "3.0"),
        (IOS, "", b'<C:address-data content-type="text/vcard" version="4.0"/>', "4.0"),
        (DAVX5, "", b"<address-data version='3.0'/>", "3.0"),
        (DAVX5, "", b'<D:prop version="3.0"/>', "4.0"),  # only address-data's version counts
    ],
)
def test_the_vcard_version_a_client_gets(agent, accept, body, version):
    from goodwill.dav.context import vcard_version_for

    assert vcard_version_for(agent, accept, body) == version

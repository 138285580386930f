"""/dav/ answering the requests iOS Contacts, macOS AddressBook and DAVx5 send, in their
exact shapes (tests/dav/phone.py has the bodies and where they come from), through
Django's test client: principal discovery, the collection listing, vCard 3.0 for Apple
and 4.0 for DAVx5, an iPhone's new contact with its photo, multiget, and an incremental
sync that returns only what changed."""

from __future__ import annotations

import base64
import re
import uuid

import pytest
from django.test import Client

from tests.dav.phone import (
    CALDAV,
    CALSERVER,
    CARDDAV,
    DAV,
    DAVX5_AGENT,
    DAVX5_CALDAV_DISCOVERY,
    DAVX5_DISCOVERY,
    DAVX5_HOME_LISTING,
    DAVX5_SYNC_STATE,
    IOS_AGENT,
    IOS_HOME_LISTING,
    IOS_PRINCIPAL_DISCOVERY,
    IOS_PRINCIPAL_PROPS,
    JPEG,
    MACOS_AGENT,
    Phone,
    addressbook_multiget,
    ios_card,
    multistatus,
    sync_collection,
)

CONTACTS = "/dav/alice/contacts/"


@pytest.fixture
def people(alice, now):
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(
        alice, PersonFields(name="Jane Doe", organization="Acme", emails=["jane@example.com"], tags=["austin"])
    )
    omar = add_person(alice, PersonFields(name="Omar Thompson", phones=["+1 512 555 0142"]))
    add_note(alice, jane, "Secretly interviewing at Globex", "confidential")
    return {"jane": jane, "omar": omar}


@pytest.fixture
def phone(phone_password):
    """phone(agent): alice's phone of that make, with its device password."""

    def make(agent: str) -> Phone:
        return Phone(Client(), "alice", phone_password, agent)

    return make


def discover_home(device: Phone, first: str, on_principal: str) -> str:
    """What both clients do: the principal from /dav/, then the home set from the principal."""
    found = device.propfind("/dav/", first)
    assert found.status_code == 207, found.content
    (principal,) = multistatus(found.content).one().hrefs(f"{{{DAV}}}current-user-principal")
    assert principal.rstrip("/") == "/dav/alice"
    props = device.propfind(principal, on_principal)
    assert props.status_code == 207, props.content
    (home,) = multistatus(props.content).one().hrefs(f"{{{CARDDAV}}}addressbook-home-set")
    return home


def first_sync(device: Phone, prefix: str = "A") -> tuple[str, list[str]]:
    """(the new token, the card hrefs) of a sync-collection from an empty token."""
    answer = device.report(CONTACTS, sync_collection("", prefix=prefix))
    assert answer.status_code == 207, answer.content
    found = multistatus(answer.content)
    assert found.sync_token
    return found.sync_token, [r.href for r in found.responses if r.status != 404]


def card_texts(device: Phone, hrefs: list[str], *, davx5: bool = False) -> dict[str, str]:
    answer = device.report(CONTACTS, addressbook_multiget(hrefs, davx5=davx5))
    assert answer.status_code == 207, answer.content
    return {r.href: r.text(f"{{{CARDDAV}}}address-data") for r in multistatus(answer.content).responses}


def the_card(cards: dict[str, str], full_name: str) -> tuple[str, str]:
    found = [(href, text) for href, text in cards.items() if re.search(rf"^FN:{full_name}\r?$", text, re.M)]
    assert len(found) == 1, cards
    return found[0]


@pytest.mark.django_db
def test_a_phone_without_credentials_is_asked_for_basic_auth(people):
    answer = Client().generic(
        "PROPFIND",
        "/dav/",
        IOS_PRINCIPAL_DISCOVERY,
        "application/xml",
        HTTP_USER_AGENT=IOS_AGENT,
        HTTP_DEPTH="0",
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"].lower().startswith("basic")


@pytest.mark.django_db
@pytest.mark.parametrize("well_known", ["/.well-known/carddav", "/.well-known/caldav"])
def test_well_known_addresses_lead_to_dav(phone, well_known):
    answer = phone(IOS_AGENT).propfind(well_known, IOS_PRINCIPAL_DISCOVERY)
    assert answer.status_code in (301, 302, 303, 307, 308)
    assert answer["Location"].endswith("/dav/")


@pytest.mark.django_db
def test_ios_finds_the_address_book_and_how_to_sync_it(phone, people):
    iphone = phone(IOS_AGENT)
    home = discover_home(iphone, IOS_PRINCIPAL_DISCOVERY, IOS_PRINCIPAL_PROPS)

    listing = iphone.propfind(home, IOS_HOME_LISTING, depth="1")
    assert listing.status_code == 207, listing.content
    books = [r for r in multistatus(listing.content).responses if f"{{{CARDDAV}}}addressbook" in r.resourcetypes()]
    assert [b.href for b in books] == [CONTACTS]
    (book,) = books
    assert book.text(f"{{{CALSERVER}}}getctag")
    assert book.text(f"{{{DAV}}}sync-token")
    reports = {el.tag for el in book.props[f"{{{DAV}}}supported-report-set"].iter()}
    assert {f"{{{DAV}}}sync-collection", f"{{{CARDDAV}}}addressbook-multiget"} <= reports
    # Apple's own properties are answered "not found" inside the same 207, not with an error.
    assert f"{{{CALSERVER}}}push-transports" in book.missing


@pytest.mark.django_db
@pytest.mark.parametrize("agent", [IOS_AGENT, MACOS_AGENT])
def test_apple_clients_get_vcard_3(phone, people, agent):
    device = phone(agent)
    _token, hrefs = first_sync(device)
    assert len(hrefs) == 2
    cards = card_texts(device, hrefs)
    href, jane = the_card(cards, "Jane Doe")
    assert "VERSION:3.0" in jane and "VERSION:4.0" not in jane
    assert "jane@example.com" in jane
    assert "Globex" not in "".join(cards.values())

    got = device.get(href)
    assert got.status_code == 200
    assert got["Content-Type"].startswith("text/vcard")
    assert "VERSION:3.0" in got.content.decode("utf-8")
    assert got["ETag"]


@pytest.mark.django_db
def test_davx5_discovers_both_services_and_gets_vcard_4(phone, people):
    android = phone(DAVX5_AGENT)
    home = discover_home(android, DAVX5_DISCOVERY, DAVX5_DISCOVERY)
    found = android.propfind("/dav/alice/", DAVX5_CALDAV_DISCOVERY)
    (calendar_home,) = multistatus(found.content).one().hrefs(f"{{{CALDAV}}}calendar-home-set")

    kinds = {}
    for where in {home, calendar_home}:
        listing = multistatus(android.propfind(where, DAVX5_HOME_LISTING, depth="1").content)
        for response in listing.responses:
            kinds[response.href] = response
    assert f"{{{CARDDAV}}}addressbook" in kinds[CONTACTS].resourcetypes()
    tasks, dates = kinds["/dav/alice/tasks/"], kinds["/dav/alice/dates/"]
    assert f"{{{CALDAV}}}calendar" in tasks.resourcetypes()
    components = {el.get("name") for el in tasks.props[f"{{{CALDAV}}}supported-calendar-component-set"]}
    assert "VTODO" in components
    assert "VEVENT" in {el.get("name") for el in dates.props[f"{{{CALDAV}}}supported-calendar-component-set"]}

    state = multistatus(android.propfind(CONTACTS, DAVX5_SYNC_STATE).content).one()
    assert state.text(f"{{{DAV}}}sync-token")
    _token, hrefs = first_sync(android, prefix="")
    cards = card_texts(android, hrefs, davx5=True)
    _href, jane = the_card(cards, "Jane Doe")
    assert "VERSION:4.0" in jane
    assert "jane@example.com" in jane


@pytest.mark.django_db
def test_an_iphones_new_contact_with_a_photo_becomes_a_person(phone, alice, people):
    from goodwill.models import Person

    iphone = phone(IOS_AGENT)
    uid = str(uuid.uuid4()).upper()
    href = f"{CONTACTS}{uid}.vcf"
    card = ios_card(uid, "Ada", "Lovelace", "ada@analytical.example", "+1 (512) 555-0199")

    made = iphone.put(href, card, if_none_match="*")
    assert made.status_code == 201, made.content
    ada = Person.objects.get(owner=alice, name="Ada Lovelace")
    assert {"ada@analytical.example"} <= set(ada.contact_points.values_list("value", flat=True))
    assert bytes(ada.photo.data) == JPEG
    assert "jpeg" in ada.photo.media_type.lower()

    again = iphone.put(href, card, if_none_match="*")  # "create only": it exists now
    assert again.status_code == 412
    assert Person.objects.filter(owner=alice, name="Ada Lovelace").count() == 1

    back = iphone.get(href).content.decode("utf-8")
    assert "VERSION:3.0" in back
    unfolded = back.replace("\r\n ", "").replace("\n ", "")
    (photo_line,) = [line for line in unfolded.splitlines() if line.startswith("PHOTO")]
    assert base64.b64decode(photo_line.split(":", 1)[1]) == JPEG


@pytest.mark.django_db
def test_an_incremental_sync_returns_only_the_change_then_the_tombstone(phone, alice, people):
    from goodwill.services.deletion import delete_person
    from goodwill.services.people import PersonFields, edit_person

    iphone = phone(IOS_AGENT)
    token, hrefs = first_sync(iphone)
    cards = card_texts(iphone, hrefs)
    jane_href, _card = the_card(cards, "Jane Doe")
    omar_href, _card = the_card(cards, "Omar Thompson")

    unchanged = multistatus(iphone.report(CONTACTS, sync_collection(token)).content)
    assert unchanged.responses == []

    edit_person(alice, people["jane"], PersonFields(title="Chief of Staff"))
    changed = multistatus(iphone.report(CONTACTS, sync_collection(token)).content)
    assert [r.href for r in changed.responses] == [jane_href]
    assert changed.responses[0].text(f"{{{DAV}}}getetag")
    assert changed.sync_token != token
    assert "TITLE:Chief of Staff" in card_texts(iphone, [jane_href])[jane_href]

    delete_person(alice, people["omar"])
    gone = multistatus(iphone.report(CONTACTS, sync_collection(changed.sync_token)).content)
    assert [(r.href, r.status) for r in gone.responses] == [(omar_href, 404)]


@pytest.mark.django_db
def test_a_stale_etag_gets_412_and_changes_nothing(phone, alice, people):
    from goodwill.models import Person, PersonDeletion

    iphone = phone(IOS_AGENT)
    _token, hrefs = first_sync(iphone)
    jane_href, jane_card = the_card(card_texts(iphone, hrefs), "Jane Doe")
    etag = iphone.get(jane_href)["ETag"]
    edited = jane_card.replace("END:VCARD", "TITLE:Trail Captain\r\nEND:VCARD")

    stale = iphone.put(jane_href, edited, if_match='"not-the-current-etag"')
    assert stale.status_code == 412
    assert Person.objects.get(pk=people["jane"].pk).title == ""

    current = iphone.put(jane_href, edited, if_match=etag)
    assert current.status_code in (200, 201, 204), current.content
    assert Person.objects.get(pk=people["jane"].pk).title == "Trail Captain"

    refused = iphone.delete(jane_href, if_match=etag)  # the ETag before the edit
    assert refused.status_code == 412
    assert Person.objects.filter(pk=people["jane"].pk).exists()
    deleted = iphone.delete(jane_href, if_match=iphone.get(jane_href)["ETag"])
    assert deleted.status_code in (200, 204)
    assert not Person.objects.filter(pk=people["jane"].pk).exists()
    assert PersonDeletion.objects.filter(owner=alice, person_id=people["jane"].pk).exists()


@pytest.mark.django_db
def test_an_edit_racing_the_first_sync_keeps_the_cards_uid(phone, alice, people):
    """A web edit loads Jane before the phone's first sync and saves after it: her card keeps
    its UID (a new one would be a second Jane on the phone)."""
    from goodwill.services.people import PersonFields, edit_person

    loaded_before_the_sync = people["jane"]
    iphone = phone(IOS_AGENT)
    token, hrefs = first_sync(iphone)
    jane_href, card = the_card(card_texts(iphone, hrefs), "Jane Doe")
    edit_person(alice, loaded_before_the_sync, PersonFields(title="Chief of Staff"))

    edited = card_texts(iphone, [jane_href])[jane_href]
    assert "TITLE:Chief of Staff" in edited
    assert re.findall(r"^UID:.*$", edited, re.M) == re.findall(r"^UID:.*$", card, re.M)


@pytest.mark.django_db
def test_another_users_phone_sees_nothing_of_alices_address_book(bob, people):
    from goodwill.services.dav_passwords import add_device_password

    bobs_phone = Phone(Client(), "bob", add_device_password(bob, "Pixel").plain, DAVX5_AGENT)
    listing = bobs_phone.propfind(CONTACTS, DAVX5_SYNC_STATE, depth="1")
    assert listing.status_code in (403, 404)
    sync = bobs_phone.report(CONTACTS, sync_collection("", prefix=""))
    assert sync.status_code in (403, 404)
    assert b"Jane" not in listing.content + sync.content

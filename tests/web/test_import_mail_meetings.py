"""Mail (an mbox) and past meetings (an .ics) imported on the Import page, as `goodwill mail import`
and `goodwill import FILE.ics` do: upload → dry run → apply or cancel → undo in Past imports.
Bad files are one line naming the file, and one user's upload never reaches another's network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goodwill.models import ImportBatch, Interaction, Person
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).parents[1] / "data"
MBOX = DATA / "mail" / "gmail_takeout.mbox"
BROKEN_MBOX = DATA / "mail" / "broken.mbox"
ICS = DATA / "calendar" / "google_export.ics"
ME = "ann.owner@gmail.com"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path))  # each test's uploads folder starts empty
    return tmp_path


def known(owner):
    add_person(owner, PersonFields(name="Jane Doe", emails=["jane.doe@example.com"]))
    add_person(owner, PersonFields(name="Bob Stone", emails=["bob@stone.example"]))


@pytest.fixture
def alices(alice, now):
    known(alice)
    return alice


def upload_mail(client, path=MBOX, name=None, **fields):
    data = {"file": SimpleUploadedFile(name or path.name, path.read_bytes()), "me": ME, **fields}
    return client.post("/import/mail/preview", data)


def upload_meetings(client, path=ICS, name=None):
    return client.post("/import/meetings/preview", {"file": SimpleUploadedFile(name or path.name, path.read_bytes())})


def form_of(response) -> dict:
    """The apply form's hidden fields, as the browser sends them back."""
    html = response.content.decode()
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))


def uploads_of(owner) -> list[Path]:
    from goodwill.web import uploads

    folder = uploads.folder(owner)
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_import_page_offers_mail_and_meetings(alices, as_alice):
    page = as_alice.get("/import/").content.decode()
    assert 'action="/import/mail/preview"' in page and 'action="/import/meetings/preview"' in page
    assert "Maildir is a folder" in page and "goodwill " not in page.replace("goodwill.", "")


def test_mail_preview_writes_nothing_then_apply_then_undo(alices, as_alice):
    preview = upload_mail(as_alice)
    body = preview.content.decode()
    assert preview.status_code == 200 and "Dry run: gmail_takeout.mbox" in body
    assert "8 messages read" in body and ME in body
    counts = dict(re.findall(r'<th scope="row">(\w[\w ]*)</th><td>(\d+)</td>', body))
    assert counts == {"logged": "4", "unchanged": "0", "automated": "3", "unknown": "1"}
    assert "1 mailing list" in body and "Replies owed: 1 new" in body
    assert not Interaction.objects.filter(owner=alices).exists() and len(uploads_of(alices)) == 1

    applied = as_alice.post("/import/mail/apply", form_of(preview), follow=True)
    page = applied.content.decode()
    assert "4 email(s) logged (3 from them, 1 from you)" in page
    assert Interaction.objects.filter(owner=alices, kind="email").count() == 4
    batch = ImportBatch.objects.get(owner=alices)
    assert batch.source == "mbox" and batch.filename == "gmail_takeout.mbox"  # never where the upload waited
    assert not uploads_of(alices)
    from goodwill.queries.user_settings import settings_for

    assert settings_for(alices).my_emails == [ME]  # kept, as the CLI keeps --me
    assert f'action="/import/{batch.pk}/undo"' in page

    undone = as_alice.post(f"/import/{batch.pk}/undo", follow=True)
    assert f"Import #{batch.pk} undone." in undone.content.decode()
    assert not Interaction.objects.filter(owner=alices).exists()


def test_mail_addresses_kept_from_before_fill_the_form(alices, as_alice):
    as_alice.post("/import/mail/apply", form_of(upload_mail(as_alice)))
    page = as_alice.get("/import/").content.decode()
    assert f'name="me" value="{ME}"' in page
    again = upload_mail(as_alice, me="")  # blank: the addresses kept
    assert again.status_code == 200 and "4 messages" not in again.content.decode()
    assert '<th scope="row">unchanged</th><td>4</td>' in again.content.decode()


def test_mail_cancel_writes_nothing_and_removes_the_upload(alices, as_alice):
    preview = upload_mail(as_alice)
    cancelled = as_alice.post("/import/mail/apply", form_of(preview) | {"cancel": "1"}, follow=True)
    assert "nothing was written" in cancelled.content.decode()
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists() and not uploads_of(alices)
    again = as_alice.post("/import/mail/apply", form_of(preview), follow=True)
    assert "that upload has expired" in again.content.decode()


def test_broken_messages_are_listed_with_the_files_own_name_and_strict_refuses(alices, as_alice):
    preview = upload_mail(as_alice, BROKEN_MBOX, name="Inbox")
    body = preview.content.decode()
    assert "Inbox:12: no sender" in body and "uploads" not in body
    strict = upload_mail(as_alice, BROKEN_MBOX, name="Inbox", strict="1")
    assert "nothing would be imported" in strict.content.decode() and 'id="mail-apply"' not in strict.content.decode()
    refused = as_alice.post("/import/mail/apply", form_of(strict), follow=True)
    assert "Nothing was imported" in refused.content.decode() and not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50, '"photo.jpg" is not an mbox file'),
        ("notes.mbox", b"Shopping list\nmilk\neggs\n", 'notes.mbox: not mail (it starts with "Shopping list")'),
        ("Inbox", b"\x00\x01\x02\x03" * 100, "Inbox: binary data, not mail"),
        ("empty.mbox", b"", "empty.mbox: the file is empty"),
    ],
)
def test_a_file_that_is_not_mail_is_one_line_and_writes_nothing(alices, as_alice, name, content, says):
    response = as_alice.post("/import/mail/preview", {"file": SimpleUploadedFile(name, content), "me": ME})
    assert response.status_code == 400
    [error] = re.findall(r'<p class="flash error" role="alert">([^<]*)</p>', response.content.decode())
    assert says in error.replace("&quot;", '"') and "\n" not in error
    assert not uploads_of(alices) and not ImportBatch.objects.exists()


def test_mail_without_my_addresses_or_with_a_bad_range_says_so(alices, as_alice):
    nobody = upload_mail(as_alice, me="")
    assert nobody.status_code == 400 and "say which addresses are yours" in nobody.content.decode()
    far = upload_mail(as_alice, recent="-1")
    assert far.status_code == 400 and "must be from 0 to 36500" in far.content.decode()
    assert not uploads_of(alices)


def test_meetings_preview_then_apply_then_undo(alices, as_alice):
    preview = upload_meetings(as_alice)
    body = preview.content.decode()
    assert preview.status_code == 200 and "Dry run: google_export.ics" in body
    counts = dict(re.findall(r'<th scope="row">(\w[\w ]*)</th><td>(\d+)</td>', body))
    assert counts == {
        "logged": "2",
        "unchanged": "0",
        "no known attendee": "1",
        "not yet happened": "1",
        "cancelled": "1",
    }
    assert not Interaction.objects.exists()
    applied = as_alice.post("/import/meetings/apply", form_of(preview), follow=True)
    assert "2 meeting(s) logged" in applied.content.decode()
    assert set(Interaction.objects.filter(owner=alices, kind="meeting").values_list("summary", flat=True)) == {
        "Lunch with Jane",
        "Site visit with Bob",
    }
    batch = ImportBatch.objects.get(owner=alices)
    assert (batch.source, batch.filename) == ("ics", "google_export.ics") and not uploads_of(alices)
    again = as_alice.post("/import/meetings/apply", form_of(upload_meetings(as_alice)), follow=True)
    assert "0 meeting(s) logged, 2 logged before" in again.content.decode()
    as_alice.post(f"/import/{batch.pk}/undo")
    assert not Interaction.objects.filter(owner=alices).exists()


def test_meetings_cancel_writes_nothing(alices, as_alice):
    preview = upload_meetings(as_alice)
    as_alice.post("/import/meetings/apply", form_of(preview) | {"cancel": "1"})
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists() and not uploads_of(alices)


@pytest.mark.parametrize(
    "name,content,says",
    [
        ("meetings.csv", b"a,b\n1,2\n", '"meetings.csv" is not an .ics calendar file'),
        ("broken.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n", "broken.ics: not a readable iCalendar"),
        ("card.ics", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane\r\nEND:VCARD\r\n", "card.ics: not a calendar"),
        ("hello.ics", b"hello", "hello.ics: not a readable iCalendar file"),
    ],
)
def test_a_broken_calendar_is_one_line_and_writes_nothing(alices, as_alice, name, content, says):
    response = as_alice.post("/import/meetings/preview", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    [error] = re.findall(r'<p class="flash error" role="alert">([^<]*)</p>', response.content.decode())
    assert says in error.replace("&quot;", '"') and "uploads" not in error
    assert not uploads_of(alices) and not ImportBatch.objects.exists()


def test_a_preview_reads_only_the_uploaders_own_people(alices, charlie, as_charlie):
    """charlie knows nobody: alice's Jane and Bob are nobody to him."""
    preview = upload_mail(as_charlie)
    assert '<th scope="row">logged</th><td>0</td>' in preview.content.decode()
    meetings = upload_meetings(as_charlie)
    assert '<th scope="row">logged</th><td>0</td>' in meetings.content.decode()


@pytest.mark.parametrize("kind", ["mail", "meetings"])
def test_someone_elses_upload_token_is_useless(alices, as_alice, as_charlie, bob, as_user, kind):
    preview = upload_mail(as_alice) if kind == "mail" else upload_meetings(as_alice)
    for stranger in (as_charlie, as_user(bob)):
        response = stranger.post(f"/import/{kind}/apply", form_of(preview), follow=True)
        assert "that upload has expired" in response.content.decode()
        cancel = stranger.post(f"/import/{kind}/apply", form_of(preview) | {"cancel": "1"}, follow=True)
        assert "that upload has expired" in cancel.content.decode()
    assert not Interaction.objects.exists() and len(uploads_of(alices)) == 1


def test_anonymous_is_sent_to_login_and_nothing_is_kept(alices, anonymous):
    for url in ("/import/mail/preview", "/import/meetings/preview"):
        response = anonymous.post(url, {"file": SimpleUploadedFile("x.ics", ICS.read_bytes()), "me": ME})
        assert response.status_code == 302 and "/login" in response["Location"]
    for url in ("/import/mail/apply", "/import/meetings/apply"):
        assert anonymous.post(url, {"token": "a" * 24}).status_code == 302
    assert not ImportBatch.objects.exists() and not uploads_of(alices)
    assert Person.objects.filter(owner=alices).count() == 2


def test_the_pages_refuse_get(alices, as_alice):
    for url in ("/import/mail/preview", "/import/mail/apply", "/import/meetings/preview", "/import/meetings/apply"):
        assert as_alice.get(url).status_code == 405

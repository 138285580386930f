"""Mail and meetings imports through the API (POST /imports/mail, /imports/meetings), the batches
(GET /imports) and their undo (POST /imports/{id}/undo): as `goodwill mail import`, `goodwill import
FILE.ics`, `import list` and `import undo`, over the same services; the file is the request body."""

from __future__ import annotations

from pathlib import Path

import pytest

from goodwill.models import ImportBatch, Interaction
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).parents[1] / "data"
MBOX = DATA / "mail" / "gmail_takeout.mbox"
ICS = DATA / "calendar" / "google_export.ics"
ME = "ann.owner@gmail.com"

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(alice, now):
    add_person(alice, PersonFields(name="Jane Doe", emails=["jane.doe@example.com"]))
    add_person(alice, PersonFields(name="Bob Stone", emails=["bob@stone.example"]))
    return alice


def send(api, path: str, body: bytes, content_type="application/octet-stream", **params):
    """A file as the request body, as curl --data-binary @FILE sends it."""
    from urllib.parse import urlencode

    query = urlencode(params, doseq=True)
    return api.client.post(
        f"/api/v1{path}?{query}", body, content_type=content_type, headers={"Authorization": f"Bearer {api.token}"}
    )


def test_mail_is_a_dry_run_until_apply_and_answers_the_clis_numbers(known, as_alice):
    dry = send(as_alice, "/imports/mail", MBOX.read_bytes(), me=ME, name="All mail.mbox")
    assert dry.status_code == 200, dry.content
    report = dry.json()
    assert report["applied"] is False and report["batch_id"] is None and report["paths"] == ["All mail.mbox"]
    assert (report["read"], report["logged"], report["automated"], report["unknown"]) == (8, 4, 3, 1)
    assert report["me"] == [ME] and report["replies_owed"] == 1
    assert not Interaction.objects.filter(owner=known).exists() and not ImportBatch.objects.exists()

    applied = send(as_alice, "/imports/mail", MBOX.read_bytes(), me=ME, apply="true").json()
    assert applied["applied"] is True and applied["logged"] == 4
    batch = ImportBatch.objects.get(owner=known, pk=applied["batch_id"])
    assert batch.filename == "request body"
    again = send(as_alice, "/imports/mail", MBOX.read_bytes(), apply="true").json()  # the addresses were kept
    assert again["logged"] == 0 and again["unchanged"] == 4


def test_imports_are_listed_and_undone(known, as_alice):
    applied = send(as_alice, "/imports/meetings", ICS.read_bytes(), "text/calendar", apply="true", name="cal.ics")
    report = applied.json()
    assert applied.status_code == 200 and report["logged"] == 2 and report["files"] == ["cal.ics"]
    listed = as_alice.get("/imports").json()
    assert listed["count"] == 1
    [row] = listed["items"]
    assert (row["id"], row["source"], row["file"], row["summary"]["created"]) == (
        report["batch_id"],
        "ics",
        "cal.ics",
        2,
    )
    undone = as_alice.post(f"/imports/{row['id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    assert not Interaction.objects.filter(owner=known).exists()
    twice = as_alice.post(f"/imports/{row['id']}/undo")
    assert twice.status_code == 400 and "already undone" in twice.json()["detail"]


def test_meetings_dry_run_counts_what_the_cli_counts(known, as_alice):
    report = send(as_alice, "/imports/meetings", ICS.read_bytes(), "text/calendar").json()
    assert (report["logged"], report["future"], report["cancelled"], report["no_known_attendee"]) == (2, 1, 1, 1)
    assert report["applied"] is False and not Interaction.objects.exists()


@pytest.mark.parametrize(
    "path,body,says",
    [
        ("/imports/mail", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 50, "request body: binary data, not mail"),
        ("/imports/mail", b"", "request body: the file is empty"),
        ("/imports/mail", b"name,email\nJane,jane@x.com\n", 'request body: not mail (it starts with "name,email")'),
        ("/imports/meetings", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "request body: not a readable iCalendar file"),
        ("/imports/meetings", b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n", "request body: not a calendar"),
    ],
)
def test_a_body_that_is_not_the_file_is_one_line_and_writes_nothing(known, as_alice, path, body, says):
    response = send(as_alice, path, body, me=ME, apply="true")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(says) and "\n" not in detail and "goodwill-import-" not in detail
    assert not ImportBatch.objects.exists() and not Interaction.objects.exists()


def test_mail_without_my_addresses_or_out_of_range_is_a_400(known, as_alice):
    nobody = send(as_alice, "/imports/mail", MBOX.read_bytes())
    assert nobody.status_code == 400 and "say which addresses are yours" in nobody.json()["detail"]
    far = send(as_alice, "/imports/mail", MBOX.read_bytes(), me=ME, recent="40000")
    assert far.status_code == 400 and far.json()["detail"].startswith("recent:")


@pytest.mark.parametrize("who", ["as_bob", "as_charlie"])
def test_a_strangers_import_reads_and_writes_only_their_own_network(known, as_alice, request, who):
    stranger = request.getfixturevalue(who)
    mail = send(stranger, "/imports/mail", MBOX.read_bytes(), me=ME, apply="true").json()
    assert mail["logged"] == 0 and mail["unknown"] == 5  # Jane and Bob are alice's, nobody to them
    meetings = send(stranger, "/imports/meetings", ICS.read_bytes(), "text/calendar", apply="true").json()
    assert meetings["logged"] == 0 and meetings["no_known_attendee"] == 3
    assert not Interaction.objects.filter(owner=known).exists()
    # alice's batch is not theirs to see or undo
    mine = send(as_alice, "/imports/meetings", ICS.read_bytes(), "text/calendar", apply="true").json()
    assert all(row["id"] != mine["batch_id"] for row in stranger.get("/imports").json()["items"])
    refused = stranger.post(f"/imports/{mine['batch_id']}/undo")
    assert refused.status_code == 404 and refused.json()["detail"].startswith("no ")
    assert Interaction.objects.filter(owner=known).count() == 2


def test_anonymous_gets_401_and_nothing_is_written(known, anonymous):
    for path in ("/imports/mail", "/imports/meetings"):
        response = anonymous.client.post(f"/api/v1{path}?apply=true", ICS.read_bytes(), content_type="text/calendar")
        assert response.status_code == 401
    assert not ImportBatch.objects.exists()

"""Export and restore in the browser and the API, as `goodwill export` and `goodwill restore`
do at the CLI (services.export_file, services.backup): a browser-only user can keep a backup
and bring it back; confidences go only where asked for, and never through the API."""

from __future__ import annotations

import io
import json

import pytest

from goodwill.services.notes import add_note
from tests.doors import api, jane, web  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

SECRET = "Told me in confidence: leaving Acme"


@pytest.fixture
def network(me, jane):  # noqa: F811
    add_note(me, jane, SECRET, "confidential")
    add_note(me, jane, "Runs trail marathons", "private")
    return jane


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_the_browser_downloads_the_same_backup_as_the_cli(web, cli, network):  # noqa: F811
    response = web.get("/export/", {"format": "json"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert (
        'attachment; filename="goodwill-' in response["Content-Disposition"]
        and ".json" in response["Content-Disposition"]
    )
    by_web, by_cli = json.loads(_body(response)), json.loads(cli("export", "--format", "json").stdout)
    by_web.pop("created_at"), by_cli.pop("created_at")
    assert by_web == by_cli
    assert SECRET not in json.dumps(by_web) and "Runs trail marathons" in json.dumps(by_web)
    with_secrets = _body(web.get("/export/", {"format": "json", "confidential": "1"}))
    assert SECRET in with_secrets


def test_vcard_and_csv_never_carry_a_confidence_even_when_ticked(web, network):  # noqa: F811
    card = web.get("/export/", {"format": "vcard3", "confidential": "1"})
    assert card["Content-Type"] == "text/vcard" and ".vcf" in card["Content-Disposition"]
    text = _body(card)
    assert "VERSION:3.0" in text and "Jane Doe" in text and SECRET not in text
    table = _body(web.get("/export/", {"format": "csv"}))
    assert "Jane Doe" in table and SECRET not in table


def test_the_import_page_offers_export_and_restore_once(web):  # noqa: F811
    page = web.get("/import/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Import") and "<" not in title
    assert page.count('id="h-export"') == 1 and page.count('action="/restore/"') == 1


def test_an_unknown_format_is_a_clear_error_on_the_page(web, network):  # noqa: F811
    response = web.get("/export/", {"format": "xml"})
    assert response.status_code == 400 and "format" in response.content.decode()


def test_the_browser_restores_a_backup_into_an_empty_network_only(web, cli, me, network, django_user_model):  # noqa: F811
    backup = _body(web.get("/export/", {"format": "json", "confidential": "1"}))
    refused = web.post("/restore/", {"file": io.BytesIO(backup.encode())})
    assert refused.status_code == 400 and "not empty" in refused.content.decode()
    cli("delete", "Jane Doe", "--yes")
    cli("empty-deleted", "--all", "--yes")
    from goodwill.models import Note, Person

    assert not Person.objects.filter(owner=me).exists()
    upload = io.BytesIO(backup.encode())
    upload.name = "goodwill-backup.json"
    restored = web.post("/restore/", {"file": upload}, follow=True)
    assert "Restored 1 people" in restored.content.decode()
    assert Note.objects.filter(owner=me, text=SECRET).exists()


def test_a_file_that_is_not_a_backup_changes_nothing(web, me):  # noqa: F811
    page = web.post("/restore/", {"file": io.BytesIO(b"\xff\xfe not text")})
    assert page.status_code == 400 and "not a Goodwill backup" in page.content.decode()
    page = web.post("/restore/", {"file": io.BytesIO(b"BEGIN:VCARD")})
    assert page.status_code == 400 and "backup" in page.content.decode()


def test_the_api_exports_without_confidences(api, cli, me, network):  # noqa: F811
    response = api("get", "/export", {"format": "json"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    backup = _body(response)
    assert SECRET not in backup and "Runs trail marathons" in backup
    assert "BEGIN:VCARD" in _body(api("get", "/export", {"format": "vcard"}))


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path))  # the replaced networks' backups land here
    return tmp_path


def _upload(text: str) -> io.BytesIO:
    upload = io.BytesIO(text.encode())
    upload.name = "goodwill-backup.json"
    return upload


def test_the_browser_replaces_a_network_only_when_ticked_and_keeps_it_first(
    web,  # noqa: F811
    cli,
    me,
    network,
    home,
    client,
    django_user_model,
):
    from goodwill.models import Note, Person

    backup = _body(web.get("/export/", {"format": "json"}))  # Jane without her confidence
    page = web.get("/import/").content.decode()
    assert 'name="replace"' in page and "Replace my network (1 person)" in page
    refused = web.post("/restore/", {"file": _upload(backup)})
    assert refused.status_code == 400 and "tick “Replace my network”" in refused.content.decode()
    cli("add", "Sam Lee")
    replaced = web.post("/restore/", {"file": _upload(backup), "replace": "1"}, follow=True)
    text = replaced.content.decode()
    assert "Restored 1 people" in text and "kept as a backup" in text and 'id="h-replaced"' in text
    assert list(Person.objects.filter(owner=me).values_list("name", flat=True)) == ["Jane Doe"]
    assert not Note.objects.filter(owner=me, text=SECRET).exists()  # the backup left it out
    link = text.split('href="/restore/kept/', 1)[1].split('"', 1)[0]
    kept = _body(web.get(f"/restore/kept/{link}"))
    assert SECRET in kept and "Sam Lee" in kept
    # Another login never gets it, nor a path outside the folder.
    stranger = django_user_model.objects.create_user("stranger", password="x" * 12)
    client.force_login(stranger)
    assert client.get(f"/restore/kept/{link}").status_code == 404
    assert web.get("/restore/kept/..%2F..%2Fdemo.sqlite3").status_code == 404
    # Restoring the kept copy undoes the replace, confidence and all.
    back = web.post("/restore/", {"file": _upload(kept), "replace": "1"}, follow=True)
    assert "Restored 2 people" in back.content.decode()
    assert sorted(Person.objects.filter(owner=me).values_list("name", flat=True)) == ["Jane Doe", "Sam Lee"]
    assert Note.objects.filter(owner=me, text=SECRET).exists()


def test_the_api_restores_refuses_and_replaces_as_the_cli_does(api, cli, me, network, home):  # noqa: F811
    from goodwill.models import Person

    backup = _body(api("get", "/export", {"format": "json"}))
    refused = api.client.post(
        "/api/v1/restore", backup, content_type="application/json", headers={"Authorization": f"Bearer {api.token}"}
    )
    assert refused.status_code == 400 and "not empty" in refused.json()["detail"]
    anonymous = api.client.post("/api/v1/restore?replace=true", backup, content_type="application/json")
    assert anonymous.status_code == 401
    cli("add", "Sam Lee")
    answer = api.client.post(
        "/api/v1/restore?replace=true",
        backup,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["people"] == 1 and body["tables"]["person"] == 1 and body["summary"].startswith("Restored 1 people")
    assert body["kept"].startswith("before-restore-")
    assert list(Person.objects.filter(owner=me).values_list("name", flat=True)) == ["Jane Doe"]
    listed = api("get", "/backups/replaced").json()
    assert [k["name"] for k in listed] == [body["kept"]] and listed[0]["size"] > 0


@pytest.mark.parametrize(
    "body,message",
    [
        (b"\xff\xfe not text", "not a Goodwill backup"),
        (b'{"format": "something else"}', "not a Goodwill backup"),
        (b'{"format": "goodwill-backup", "version": 1, "tables": {"person": [{"id": 1}]}}', "damaged"),
    ],
)
def test_the_api_refuses_what_is_not_a_whole_backup_and_changes_nothing(api, me, network, home, body, message):  # noqa: F811
    from goodwill.models import Person
    from goodwill.services.backup import replaced_backups

    answer = api.client.post(
        "/api/v1/restore?replace=true",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert answer.status_code == 400 and message in answer.json()["detail"]
    assert Person.objects.filter(owner=me).count() == 1 and replaced_backups(me) == []


def test_the_api_reads_a_backup_bigger_than_a_request_body_may_be(api, me, home, settings):  # noqa: F811
    """Django refuses to hold a body over DATA_UPLOAD_MAX_MEMORY_SIZE; a backup is streamed instead."""
    from goodwill.services.people import PersonFields, add_person

    for n in range(40):
        add_person(me, PersonFields(name=f"Person {n}", tags=[f"tag{n}"]))
    backup = _body(api("get", "/export", {"format": "json"}))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(backup) // 4
    answer = api.client.post(
        "/api/v1/restore?replace=true",
        backup,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["people"] == 40

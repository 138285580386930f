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

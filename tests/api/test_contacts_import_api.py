"""Contacts through the API (POST /imports/contacts): `goodwill import FILE` with the file as the
request body, over the same service (services.contacts_import); undone by POST /imports/{id}/undo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goodwill.models import ImportBatch, Person
from tests.api.test_imports_api import send
from tests.doors import api  # noqa: F401 - fixture

FORMATS = Path(__file__).parents[1] / "data" / "formats"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fixture,content_type",
    [
        ("icloud.vcf", "text/vcard"),
        ("utf16le_bom.vcf", "application/octet-stream"),  # no type given: read from the body
        ("linkedin_new.csv", "text/csv"),
        ("outlook_fr_semicolon.csv", "application/octet-stream"),
    ],
)
def test_the_api_imports_what_the_cli_imports(api, cli, me, fixture, content_type):  # noqa: F811
    body = (FORMATS / fixture).read_bytes()
    by_cli = json.loads(cli("import", str(FORMATS / fixture), "--json").stdout)  # a dry run
    dry = send(api, "/imports/contacts", body, content_type, name=fixture)
    assert dry.status_code == 200, dry.content
    answer = dry.json()
    assert answer["applied"] is False and answer["batch_id"] is None and not Person.objects.filter(owner=me).exists()
    assert answer["counts"] == by_cli["counts"] and answer["formats"] == by_cli["formats"]
    assert answer["files"] == [fixture] and answer["problem_count"] == by_cli["problem_count"]
    applied = send(api, "/imports/contacts", body, content_type, name=fixture, apply="true").json()
    assert applied["applied"] is True and Person.objects.filter(owner=me).count() == answer["counts"]["created"]
    batch = ImportBatch.objects.get(pk=applied["batch_id"], owner=me)
    assert batch.filename == fixture  # named as the user knows it, never where the body waited
    undone = api("post", f"/imports/{batch.pk}/undo")
    assert undone.status_code == 200 and not Person.objects.filter(owner=me).exists()


def test_problems_name_the_file_and_line_and_strict_writes_nothing(api, me):  # noqa: F811
    body = (FORMATS / "bad_rows.csv").read_bytes()
    answer = send(api, "/imports/contacts", body, "text/csv", name="bad_rows.csv", apply="true", strict="true").json()
    assert answer["problem_count"] > 0 and answer["problems"][0].startswith("bad_rows.csv:")
    assert answer["applied"] is False and not Person.objects.filter(owner=me).exists()


def test_a_body_that_is_not_contacts_is_one_line_naming_it(api, me):  # noqa: F811
    answer = send(api, "/imports/contacts", b"\x89PNG\r\n\x1a\n\x00\x00binary", name="photo.png", apply="true")
    assert answer.status_code == 400
    detail = answer.json()["detail"]
    assert "\n" not in detail and "/tmp" not in detail and "goodwill-import-" not in detail
    assert not Person.objects.filter(owner=me).exists() and not ImportBatch.objects.filter(owner=me).exists()


def test_a_stranger_cannot_undo_my_import(api, me, as_charlie):  # noqa: F811
    applied = send(api, "/imports/contacts", (FORMATS / "icloud.vcf").read_bytes(), "text/vcard", apply="true")
    assert as_charlie.post(f"/imports/{applied.json()['batch_id']}/undo").status_code == 404
    assert Person.objects.filter(owner=me).exists()


def test_anonymous_gets_401_and_nothing_is_read(client, me):
    body = (FORMATS / "icloud.vcf").read_bytes()
    answer = client.post("/api/v1/imports/contacts?apply=true", body, content_type="text/vcard")
    assert answer.status_code == 401 and not Person.objects.exists()

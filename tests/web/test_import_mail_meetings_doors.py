"""The same mbox and the same .ics through each front door (the CLI, the Import page, the API)
bring in the same encounters, and each door undoes its own import: one service, three doors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goodwill.models import ImportBatch, Interaction, NextStep
from tests.doors import api, web  # noqa: F401 - fixtures

DATA = Path(__file__).parents[1] / "data"
MBOX = DATA / "mail" / "gmail_takeout.mbox"
ICS = DATA / "calendar" / "google_export.ics"
ME = "ann.owner@gmail.com"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("GOODWILL_HOME", str(tmp_path))  # the uploads wait here


@pytest.fixture
def known(cli, me):
    assert cli("add", "Jane Doe", "--email", "jane.doe@example.com").exit_code == 0
    assert cli("add", "Bob Stone", "--email", "bob@stone.example").exit_code == 0
    return me


def encounters(owner) -> list[tuple]:
    rows = Interaction.objects.filter(owner=owner).prefetch_related("participants")
    return sorted(
        (
            r.kind,
            r.direction,
            r.occurred_at.isoformat(),
            r.summary,
            tuple(sorted(p.name for p in r.participants.all())),
            r.awaiting_reply,
            r.replied_at.isoformat() if r.replied_at else None,
            r.external_id,
            r.thread_id,
            r.confidentiality,
        )
        for r in rows
    )


def steps(owner) -> list[tuple]:
    return sorted(NextStep.objects.filter(owner=owner).values_list("text", "due_on", "ball", "person__name"))


def hidden(response) -> dict:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', response.content.decode()))


def by_cli(cli, kind: str) -> None:
    args = ["mail", "import", str(MBOX), "--me", ME] if kind == "mail" else ["import", str(ICS)]
    result = cli(*args, "--apply")
    assert result.exit_code == 0, result.output
    batch = ImportBatch.objects.latest("id").pk
    yield
    assert cli("import", "undo", str(batch)).exit_code == 0


def by_web(web, kind: str):  # noqa: F811
    path = MBOX if kind == "mail" else ICS
    preview = web.post(f"/import/{kind}/preview", {"file": SimpleUploadedFile(path.name, path.read_bytes()), "me": ME})
    assert preview.status_code == 200, preview.content
    assert web.post(f"/import/{kind}/apply", hidden(preview)).status_code == 303
    batch = ImportBatch.objects.latest("id").pk
    yield
    assert web.post(f"/import/{batch}/undo").status_code in (302, 303)


def by_api(api, kind: str):  # noqa: F811
    path, content_type = (MBOX, "application/octet-stream") if kind == "mail" else (ICS, "text/calendar")
    query = f"?apply=true&me={ME}" if kind == "mail" else "?apply=true"
    response = api.client.post(
        f"/api/v1/imports/{kind}{query}",
        path.read_bytes(),
        content_type=content_type,
        headers={"Authorization": f"Bearer {api.token}"},
    )
    assert response.status_code == 200, response.content
    batch = response.json()["batch_id"]
    yield
    assert api("post", f"/imports/{batch}/undo").status_code == 200


@pytest.mark.parametrize("kind", ["mail", "meetings"])
def test_each_door_brings_in_the_same_encounters_and_undoes_them(known, cli, web, api, kind):  # noqa: F811
    seen = {}
    for name, door in (("cli", by_cli(cli, kind)), ("web", by_web(web, kind)), ("api", by_api(api, kind))):
        next(door)  # applied
        seen[name] = (encounters(known), steps(known))
        with pytest.raises(StopIteration):
            next(door)  # undone
        assert not Interaction.objects.filter(owner=known).exists()
    assert seen["cli"][0], "the fixture brings something in"
    assert seen["cli"] == seen["web"] == seen["api"]
    sources = {b.source for b in ImportBatch.objects.filter(owner=known)}
    assert sources == ({"mbox"} if kind == "mail" else {"ics"})

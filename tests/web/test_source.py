"""The AGPL's offer of source: the running package and its license, to anyone, no data."""

from __future__ import annotations

import io
import tarfile

import pytest

pytestmark = pytest.mark.django_db


def test_the_source_of_the_running_server_downloads_without_a_login(client):
    answer = client.get("/source.tar.gz")
    assert answer.status_code == 200
    with tarfile.open(fileobj=io.BytesIO(b"".join(answer.streaming_content)), mode="r:gz") as tar:
        names = tar.getnames()
        licence = tar.extractfile("goodwill/LICENSE").read().decode()
    assert "goodwill/src/goodwill/dav/storage.py" in names and "goodwill/src/goodwill/settings.py" in names
    assert not any("__pycache__" in name or name.endswith((".sqlite3", ".db")) for name in names)
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in licence


def test_every_page_links_to_it(client, alice):
    client.force_login(alice)
    assert b'href="/source.tar.gz"' in client.get("/").content

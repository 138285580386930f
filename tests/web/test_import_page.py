"""Import in the browser: upload → dry-run preview → apply → undo (services.contacts_import)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from goodwill.models import ImportBatch, Person

VCF = b"""BEGIN:VCARD\r
VERSION:3.0\r
FN:Ada Lovelace\r
N:Lovelace;Ada;;;\r
EMAIL:ada@example.com\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Grace Hopper\r
N:Hopper;Grace;;;\r
ORG:Navy\r
END:VCARD\r
"""


def upload(client, content=VCF, name="contacts.vcf"):
    return client.post("/import/preview", {"file": SimpleUploadedFile(name, content, content_type="text/vcard")})


def token_of(response) -> str:
    import re

    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_preview_writes_nothing_then_apply_then_undo(alice, now, as_alice):
    preview = upload(as_alice)
    body = preview.content.decode()
    assert preview.status_code == 200 and "Dry run: contacts.vcf" in body and "Ada Lovelace" in body
    assert not Person.objects.filter(owner=alice).exists()
    applied = as_alice.post("/import/apply", {"token": token_of(preview)}, follow=True)
    assert "2 created" in applied.content.decode()
    assert set(Person.objects.filter(owner=alice).values_list("name", flat=True)) == {"Ada Lovelace", "Grace Hopper"}
    batch = ImportBatch.objects.get(owner=alice)
    assert "Undo" in applied.content.decode()
    undone = as_alice.post(f"/import/{batch.pk}/undo", follow=True)
    assert f"Import #{batch.pk} undone." in undone.content.decode()
    assert not Person.objects.filter(owner=alice).exists()


def test_apply_twice_is_refused(alice, now, as_alice):
    preview = upload(as_alice)
    token = token_of(preview)
    as_alice.post("/import/apply", {"token": token})
    again = as_alice.post("/import/apply", {"token": token}, follow=True)
    assert "that upload has expired" in again.content.decode()
    assert Person.objects.filter(owner=alice).count() == 2


def test_cancel_writes_nothing(alice, now, as_alice):
    preview = upload(as_alice)
    response = as_alice.post("/import/apply", {"token": token_of(preview), "cancel": "1"}, follow=True)
    assert "nothing was written" in response.content.decode()
    assert not Person.objects.filter(owner=alice).exists()


def test_someone_elses_upload_token_is_useless(alice, charlie, now, as_alice, as_charlie):
    preview = upload(as_alice)
    response = as_charlie.post("/import/apply", {"token": token_of(preview)}, follow=True)
    assert "that upload has expired" in response.content.decode()
    assert not Person.objects.exists()


def test_undo_of_someone_elses_batch_is_404(alice, now, as_alice, as_charlie):
    as_alice.post("/import/apply", {"token": token_of(upload(as_alice))})
    batch = ImportBatch.objects.get(owner=alice)
    assert as_charlie.post(f"/import/{batch.pk}/undo").status_code == 404
    assert Person.objects.filter(owner=alice).count() == 2


def test_bad_uploads_say_what_to_do(alice, now, as_alice):
    wrong_kind = upload(as_alice, b"hello", "notes.txt")
    assert wrong_kind.status_code == 400 and "is not a .vcf or .csv file" in wrong_kind.content.decode()
    nothing = as_alice.post("/import/preview", {})
    assert nothing.status_code == 400 and "choose a file to import" in nothing.content.decode()
    garbage = upload(as_alice, b"\x00\x01\x02 not a card", "broken.vcf")
    assert garbage.status_code in (200, 400)
    assert not Person.objects.filter(owner=alice).exists()


def test_bad_token_shape(alice, now, as_alice):
    response = as_alice.post("/import/apply", {"token": "../../etc/passwd"}, follow=True)
    assert "that upload has expired" in response.content.decode()


def test_abandoned_previews_are_removed_after_a_day(alice, now, as_alice):
    import os
    import time

    from goodwill.web.uploads import folder

    old = upload(as_alice)
    path = next(folder(alice).glob(token_of(old) + ".*"))
    os.utime(path, (time.time() - 2 * 86400, time.time() - 2 * 86400))
    fresh = upload(as_alice)
    assert not path.exists()
    assert next(folder(alice).glob(token_of(fresh) + ".*")).exists()

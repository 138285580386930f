"""The import preview lists the columns that are kept only as custom fields (issue 12)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def test_preview_lists_unmapped_columns(alice, now, as_alice):
    content = (DATA / "roundcube.csv").read_bytes()
    response = as_alice.post("/import/preview", {"file": SimpleUploadedFile("contacts.csv", content, "text/csv")})
    body = response.content.decode()
    assert response.status_code == 200 and "Read as roundcube" in body
    assert "Columns not mapped (5)" in body and "<strong>Gender</strong>" in body
    assert "2 rows with a value" in body and "goodwill " not in body.split("Columns not mapped")[1]


def test_preview_of_a_mapped_file_has_no_such_list(alice, now, as_alice):
    content = b"First Name,Last Name,Email Address\nAda,Lovelace,ada@x.example\n"
    response = as_alice.post("/import/preview", {"file": SimpleUploadedFile("c.csv", content, "text/csv")})
    assert response.status_code == 200 and "Columns not mapped" not in response.content.decode()


def test_preview_problems_name_the_uploaded_file_not_the_server_path(alice, now, as_alice):
    content = b"First Name,Last Name,Email Address\nAda,Lovelace,ada@x.example\nToo,Many,m@x.example,extra\n"
    response = as_alice.post("/import/preview", {"file": SimpleUploadedFile("mine.csv", content, "text/csv")})
    body = response.content.decode()
    assert "mine.csv:3: the row has 4 columns" in body and "uploads" not in body


def test_a_list_of_addresses_imports_from_the_browser(alice, now, as_alice):
    from goodwill.models import Person

    content = b"Primary Email\r\njane.doe@example.com\r\n"
    preview = as_alice.post("/import/preview", {"file": SimpleUploadedFile("list.csv", content, "text/csv")})
    assert preview.status_code == 200 and "Jane Doe" in preview.content.decode()
    import re

    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode()).group(1)
    as_alice.post("/import/apply", {"token": token})
    assert list(Person.objects.filter(owner=alice).values_list("name", flat=True)) == ["Jane Doe"]

"""A person's photo on their page: shown to the owner only, as the image it is."""

from __future__ import annotations

import pytest

from goodwill.models import Photo

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256))


@pytest.fixture
def jane_photo(network, alice):
    jane = network["jane"]
    Photo.objects.create(owner=alice, person=jane, media_type="image/jpeg", data=JPEG)
    return jane


@pytest.mark.django_db
def test_owner_sees_the_photo_on_the_person_page(jane_photo, as_alice):
    url = f"/people/{jane_photo.pk}/photo"
    assert f'src="{url}"' in as_alice.get(f"/people/{jane_photo.pk}/").content.decode()
    response = as_alice.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=300"
    assert response.content == JPEG
    again = as_alice.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_nobody_else_sees_it(jane_photo, as_charlie, as_user, bob, anonymous):
    url = f"/people/{jane_photo.pk}/photo"
    assert as_charlie.get(url).status_code == 404
    assert as_user(bob).get(url).status_code == 404
    response = anonymous.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


@pytest.mark.django_db
def test_no_photo_no_image(network, as_alice):
    jane = network["jane"]
    assert "/photo" not in as_alice.get(f"/people/{jane.pk}/").content.decode()
    assert as_alice.get(f"/people/{jane.pk}/photo").status_code == 404


@pytest.mark.django_db
def test_a_photo_that_is_no_image_is_never_served(network, alice, as_alice):
    """The media type came from a phone: bytes that are not a picture are not served as anything."""
    jane = network["jane"]
    Photo.objects.create(owner=alice, person=jane, media_type="text/html", data=b"<script>alert(1)</script>")
    assert as_alice.get(f"/people/{jane.pk}/photo").status_code == 404
    assert "/photo" not in as_alice.get(f"/people/{jane.pk}/").content.decode()
    remote = network["omar"]
    Photo.objects.create(owner=alice, person=remote, uri="https://example.com/omar.jpg")
    assert as_alice.get(f"/people/{remote.pk}/photo").status_code == 404
    assert "/photo" not in as_alice.get(f"/people/{remote.pk}/").content.decode()

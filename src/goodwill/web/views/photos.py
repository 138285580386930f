"""A person's photo, as the phone or an import gave it, for the <img> on their page.

The bytes came from a phone or a file: they are served only as the raster image their
first bytes show (never the declared type, which could say text/html or SVG with script),
to the owner only, privately cached and revalidated by ETag."""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_GET

from goodwill.formats.photos import sniff_media_type
from goodwill.queries.compiled import Compiled
from goodwill.web.auth import owner_view
from goodwill.web.common import person_of

SHOWN = {"image/jpeg", "image/png", "image/gif", "image/webp"}


def _shown_photos(person_id: int):
    from goodwill.models import Photo

    return Photo.objects.filter(person_id=person_id, data__isnull=False, media_type__in=sorted(SHOWN)).values_list("pk")


_SHOWN_PHOTO = Compiled(_shown_photos)  # compiled once: every Person page built asks


def has_photo(person) -> bool:
    """Whether the person's page has a picture to show (a remote PHOTO URL is never fetched;
    the view still checks the bytes themselves)."""
    return _SHOWN_PHOTO.exists(person_id=person.pk)


@require_GET
@owner_view
def person_photo(request, person_id: int):
    from goodwill.models import Photo

    person = person_of(request.owner, person_id)
    photo = Photo.objects.filter(person=person).only("data").first()
    data = bytes(photo.data) if photo is not None and photo.data else b""
    media_type = sniff_media_type(data)
    if media_type not in SHOWN:
        raise Http404("no photo")
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(data, content_type=media_type)
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=300"
    return response

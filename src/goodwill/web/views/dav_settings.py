"""Settings' "Phone and other devices" section: what to type into a phone (services.dav_info)
and the device passwords it logs in with (services.dav_passwords): add one, shown once on a
page of its own, and revoke. The same services as `goodwill dav` and /api/v1/dav."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, redirect_back, say
from goodwill.web.forms.dav import DevicePasswordForm


def dav_section(owner) -> dict:
    """What the section shows: the addresses (or why they can't be shown) and the working passwords."""
    from goodwill.services.dav_info import dav_addresses
    from goodwill.services.dav_passwords import device_passwords

    try:
        addresses, problem = dav_addresses(owner), ""
    except UserError as exc:  # GOODWILL_BASE_URL is not a web address: the passwords still work
        addresses, problem = None, str(exc)
    return {"addresses": addresses, "problem": problem, "passwords": device_passwords(owner)}


def _here() -> str:
    return reverse("web:settings") + "#phone"


@never_cache  # the password is on this answer only: no browser or proxy keeps it
@require_POST
@owner_view
def add_password(request):
    """A page of its own with the new password, never a message kept in the session for the next page."""
    from goodwill.services.dav_info import dav_addresses
    from goodwill.services.dav_passwords import add_device_password

    try:
        name = DevicePasswordForm(request.POST).values()["name"]
        addresses = dav_addresses(request.owner)  # first: a bad GOODWILL_BASE_URL makes no password
        new = add_device_password(request.owner, name)
    except UserError as exc:
        messages.error(request, say(exc))
        return redirect_back(request, _here())
    return render(request, "web/dav_password_new.html", {"new": new, "addresses": addresses})


@require_POST
@owner_view
def revoke_password(request, password_id: int):
    from goodwill.models import DavPassword
    from goodwill.services.dav_passwords import revoke_device_password

    device = DavPassword.objects.get_owned(request.owner, password_id)  # anyone else's: a plain 404
    return act(
        request,
        lambda: revoke_device_password(request.owner, device.pk),
        lambda d: f'Revoked the password for "{d.name}": that device can no longer sync.',
        _here(),
    )

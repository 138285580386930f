"""The user's preferences, as `goodwill config` and the web's Settings page change them."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Router, Schema

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Input

router = Router(tags=["settings"])


class SettingsOut(Schema):
    weekly_goal: int = Field(description="Outbound touches a week you aim for (1-100)")
    response_window: int = Field(description="Business days to answer a call or email (1-10)")
    phone_region: str = Field(description="Two-letter country for phones written without +code")
    currency: str = Field(description="ISO 4217: the currency of ledger amounts written without one")
    home: str = Field(description='Your home base for "who is near"')
    signature: str = Field(
        description="The name pass-on and introduction drafts are signed with; empty: your full "
        "name, else your login name"
    )
    signed_as: str = Field(description="The name drafts are signed with now (empty: none yet)")


class SettingsIn(Input):
    """Only the fields given change; a typo in a field name is refused, never ignored."""

    weekly_goal: int | None = None
    response_window: int | None = None
    phone_region: Annotated[str, Chars(10)] | None = None
    currency: Annotated[str, Chars(10)] | None = None
    home: Annotated[str, Chars(200, min_length=1)] | None = None
    signature: Annotated[str, Chars(1000)] | None = Field(
        None, description="At most 200 characters once spaces are tidied; empty goes back to your name"
    )


def _out(owner) -> dict:
    from goodwill.services.drafts import signature
    from goodwill.services.preferences import preferences

    return {key.replace("-", "_"): value for key, value in preferences(owner).items()} | {"signed_as": signature(owner)}


@router.get("", response={200: SettingsOut, **ERRORS}, summary="My preferences")
def read_settings(request):
    return _out(request.auth)


@router.patch("", response={200: SettingsOut, **ERRORS}, summary="Change preferences")
def change_settings(request, payload: SettingsIn):
    """The same rules as `goodwill config set` and the Settings page; all or nothing."""
    from django.db import transaction

    from goodwill.services.preferences import set_preference

    owner = request.auth
    with transaction.atomic():
        for field, value in payload.model_dump(exclude_none=True).items():
            set_preference(owner, field.replace("_", "-"), str(value))
    return _out(owner)

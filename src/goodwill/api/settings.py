"""My settings: the preferences the habits depend on, and the name drafts are signed with.

Thin over services.preferences, as `goodwill config` and the web's Settings page are: the same keys,
the same checks, the same one-line messages."""
from __future__ import annotations

from typing import Optional

from ninja import Field, Router, Schema
from pydantic import ConfigDict

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Str

router = Router(tags=["settings"])


class SettingsOut(Schema):
    weekly_goal: int = Field(description="Outbound touches a week I aim for (1-100)")
    response_window: int = Field(description="Business days to answer a call or email (1-10)")
    phone_region: str = Field(description="Two-letter country for phones written without +code")
    home: str = Field(description='My home base for "who is near"')
    signature: str = Field(description="The name pass-on and introduction drafts are signed with; empty: my full "
                                       "name, else my login name")
    signed_as: str = Field(description="The name drafts are signed with now")


class SettingsIn(Schema):
    """Only the settings given change; each is checked as `goodwill config set` checks it."""

    model_config = ConfigDict(extra="forbid")

    weekly_goal: Optional[int] = None
    response_window: Optional[int] = None
    phone_region: Optional[Str(2)] = None
    home: Optional[Str(300)] = None
    signature: Optional[Str(1000)] = Field(None, description="At most 200 characters once spaces are tidied; "
                                                             "empty goes back to my name")


def _out(owner) -> dict:
    from goodwill.services.drafts import signature
    from goodwill.services.preferences import preferences

    return {key.replace("-", "_"): value for key, value in preferences(owner).items()} | {"signed_as": signature(owner)}


@router.get("/settings", response={200: SettingsOut, **ERRORS}, summary="My settings")
def get_settings(request):
    return _out(request.auth)


@router.patch("/settings", response={200: SettingsOut, **ERRORS}, summary="Change some of my settings")
def change_settings(request, payload: SettingsIn):
    """All or nothing: one value refused leaves every setting as it was."""
    from django.db import transaction

    from goodwill.services.preferences import set_preference

    owner = request.auth
    with transaction.atomic():
        for name, value in payload.model_dump(exclude_unset=True).items():
            if value is None:
                continue
            set_preference(owner, name.replace("_", "-"), str(value))
    return _out(owner)

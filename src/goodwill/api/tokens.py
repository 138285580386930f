"""API tokens in the API, as `goodwill token` and Settings → API tokens give them
(services.tokens): list my own, make one (the token is in that answer only), revoke one.
Revoking the token the request came with is allowed: the answer says so, and the next
request with it gets a 401."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status
from ninja.security import HttpBearer

from goodwill.api.errors import ERRORS
from goodwill.api.fields import Chars, Id, Input
from goodwill.services.tokens import MAX_NAME

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: int
    name: str = Field(description='Where it is used, e.g. "laptop script"')
    starts_with: str = Field(description="The token's first characters, to tell tokens apart; never the token")
    created_at: datetime
    last_used_at: datetime | None = Field(description="When a request last came with it (to the minute)")
    revoked_at: datetime | None = Field(description="When it was revoked; null while it works")


class NewTokenOut(TokenOut):
    token: str = Field(description="The token itself, in this answer only: it is never shown again")


class RevokedTokenOut(TokenOut):
    used_by_this_request: bool = Field(
        description="This request came with the token it revoked: the next one with it gets a 401"
    )
    warning: str = Field(description="Says so in words when used_by_this_request; empty otherwise")


class TokenIn(Input):
    name: Annotated[str, Chars(MAX_NAME)] = Field(description='Where it will be used, e.g. "laptop script"')


def _token(token) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "starts_with": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


def _bearer(request) -> str | None:
    """The token this request was authenticated with, read as TokenAuth (an HttpBearer) reads it."""
    scheme, _, token = request.headers.get(HttpBearer.header, "").partition(" ")
    return token.strip() if scheme.lower() == HttpBearer.openapi_scheme else None


@router.get("", response={200: list[TokenOut], **ERRORS}, summary="My API tokens")
def list_tokens(request, all: bool = False):
    """Working ones, newest first, never the token itself; `all=true` adds the revoked ones."""
    from goodwill.services.tokens import list_tokens as tokens_of

    return [_token(t) for t in tokens_of(request.auth, include_revoked=all)]


@router.post("", response={201: NewTokenOut, **ERRORS}, summary="Make an API token")
def add_token(request, payload: TokenIn):
    """The token is in this answer only. 400 when the name is empty, too long, or already
    names a working token."""
    from goodwill.services.tokens import create_token

    new = create_token(request.auth, payload.name)
    return Status(201, _token(new.token) | {"token": new.plain})


@router.delete("/{token_id}", response={200: RevokedTokenOut, **ERRORS}, summary="Revoke an API token")
def revoke_token(request, token_id: Id):
    """Requests with it are refused from now on, this one's own token included. 400 when it is
    already revoked; someone else's token is a 404."""
    from goodwill.services.tokens import is_token
    from goodwill.services.tokens import revoke_token as revoke

    token = revoke(request.auth, token_id)
    own = is_token(token, _bearer(request))
    warning = "this request came with that token: it no longer works, use another" if own else ""
    return _token(token) | {"used_by_this_request": own, "warning": warning}

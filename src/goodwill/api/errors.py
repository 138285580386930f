"""Every error is JSON with a one-line `detail`: 400 for a mistake in the request,
401 without a valid token, 404 for what is not there (or not yours), 422 for a
field the request body should not have (a typo must not be ignored)."""

from __future__ import annotations

from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError

from goodwill.errors import NotFound, UserError


class Error(Schema):
    detail: str


# Documented on every operation, so clients and schemathesis know what to expect.
ERRORS = {400: Error, 401: Error, 404: Error, 422: Error}

UNAUTHORIZED = (
    "missing, wrong or revoked API token; send the header `Authorization: Bearer <token>` "
    "(Settings → API tokens in the browser, or `goodwill token add NAME`, makes one)"
)


# Our own check (fields.Input) and pydantic's extra="forbid", which backs it up.
UNKNOWN_TYPES = ("unknown_field", "extra_forbidden")


def _unknown(error: dict) -> dict:
    """pydantic's own "Extra inputs are not permitted" said as fields.Input says it."""
    if error.get("type") != "extra_forbidden" or not error.get("loc"):
        return error
    *where, name = error["loc"]
    return {**error, "loc": tuple(where), "msg": f'unknown field "{name}"'}


def _where(error: dict) -> str:
    # ("body", "payload", "people", 0) reads better as "people.0".
    parts = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "payload", "filters")]
    return ".".join(parts)


def one_line(errors: list[dict]) -> str:
    first = errors[0] if errors else {}
    where = _where(first)
    message = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        unknown = [_unknown(e) for e in exc.errors if e.get("type") in UNKNOWN_TYPES]
        if unknown:
            return api.create_response(request, {"detail": one_line(unknown)}, status=422)
        return api.create_response(request, {"detail": one_line(exc.errors)}, status=400)

    @api.exception_handler(AuthenticationError)
    def unauthorized(request, exc: AuthenticationError):
        response = api.create_response(request, {"detail": UNAUTHORIZED}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(NotFound)
    def not_found(request, exc: NotFound):
        return api.create_response(request, {"detail": str(exc)}, status=404)

    @api.exception_handler(UserError)
    def user_error(request, exc: UserError):
        return api.create_response(request, {"detail": str(exc)}, status=400)

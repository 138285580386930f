"""Settings' "API tokens" section: the tokens a script or tool opens /api/v1 with (services.tokens):
make one, shown once on a page of its own, and revoke. The same service as `goodwill token`
and /api/v1/tokens, so a browser-only user can use the API too."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import redirect_back, say
from goodwill.web.forms.settings import ApiTokenForm


def tokens_section(owner) -> dict:
    """What the section shows: the working tokens (never a secret: only the first characters are kept)."""
    from goodwill.services.tokens import list_tokens

    return {"tokens": list(list_tokens(owner))}


def api_addresses(request) -> dict:
    """Where the API answers, as this page was reached: for the example request and the docs link."""
    root = request.build_absolute_uri(reverse("goodwill-api:api-root"))
    return {"api_v1": root + "v1/", "api_docs": reverse("goodwill-api:openapi-view")}


def _here() -> str:
    return reverse("web:settings") + "#api-tokens"


def _refused(request, exc: UserError, name: str | None = None):
    """The service's one line in the section, status 400; a refused name is kept as typed and marked."""
    from goodwill.web.views.settings_page import render_settings

    extra = {"token_error": say(exc), "token_name": name or "", "token_name_invalid": name is not None}
    return render_settings(request, extra, status=400)


@never_cache  # the token is on this answer only: no browser or proxy keeps it
@require_POST
@owner_view
def add_token(request):
    """A page of its own with the new token, never a message kept in the session or a URL."""
    from goodwill.services.tokens import create_token

    name = ""
    try:
        name = ApiTokenForm(request.POST).values()["name"]
        new = create_token(request.owner, name)
    except UserError as exc:
        return _refused(request, exc, name)
    return render(request, "web/api_token_new.html", {"new": new} | api_addresses(request))


@require_POST
@owner_view
def revoke_token(request, token_id: int):
    from goodwill.models import ApiToken
    from goodwill.services.tokens import revoke_token as revoke

    token = ApiToken.objects.get_owned(request.owner, token_id)  # anyone else's: a plain 404
    try:
        revoke(request.owner, token.pk)
    except UserError as exc:  # already revoked: a second click, or another tab
        return _refused(request, exc)
    messages.success(request, f'Revoked the API token "{token.name}": requests with it are refused from now on.')
    return redirect_back(request, _here())

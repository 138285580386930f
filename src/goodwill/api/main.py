"""The REST API: /api/v1/..., its OpenAPI description at /api/openapi.json, the docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI, Swagger

from goodwill.api import (
    agenda,
    backups,
    capture,
    circles,
    dav,
    deletions,
    dupes,
    errors,
    feed_address,
    firm_accounts,
    firm_admin,
    firm_insight,
    firm_requests,
    firm_who,
    ideas,
    imports,
    interactions,
    intros,
    jobs,
    ledger,
    near,
    pass_on,
    people,
    phone_tasks,
    places,
    profiles,
    push,
    reminders,
    settings,
    steps,
    tokens,
    trips,
)
from goodwill.api.auth import TokenAuth

DESCRIPTION = """Goodwill's daily loop for scripts and other tools.

Authenticate with a token from Settings → API tokens in the browser, or `goodwill token add NAME`:
`Authorization: Bearer <token>`. Every error is JSON with a one-line `detail`.
Confidential notes and encounters appear only on `GET /api/v1/people/{id}?confidential=true`,
and confidential profile entries only on `GET /api/v1/people/{id}/profile?confidential=true`."""

api = NinjaAPI(
    title="Goodwill API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="goodwill-api",
    # Swagger UI from the ninja app's own static files (settings.WEB installs it): nothing from a CDN.
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=TokenAuth(),
)
errors.install(api)
api.add_router("/v1/people", people.router)
api.add_router("/v1/", deletions.router)
api.add_router("/v1/search", people.search_router)
api.add_router("/v1/", interactions.router)
api.add_router("/v1/", steps.router)
api.add_router("/v1/", agenda.router)
api.add_router("/v1/", circles.router)
api.add_router("/v1/", backups.router)
api.add_router("/v1/", imports.router)  # mail and meetings imports, past imports, undo
api.add_router("/v1/", dupes.router)
api.add_router("/v1/ledger", ledger.router)
api.add_router("/v1/introductions", intros.router)
api.add_router("/v1/pass-on", pass_on.router)
api.add_router("/v1/", profiles.router)
api.add_router("/v1/", ideas.router)
api.add_router("/v1/", near.router)
api.add_router("/v1/", places.router)  # where, places, geocode
api.add_router("/v1/", trips.router)
api.add_router("/v1/settings", settings.router)
api.add_router("/v1/jobs", jobs.router)
api.add_router("/v1/feed", feed_address.router)
api.add_router("/v1/push", push.router)
api.add_router("/v1/reminders", reminders.router)
api.add_router("/v1/capture", capture.router)
api.add_router("/v1/dav/tasks", phone_tasks.router)
api.add_router("/v1/dav", dav.router)
api.add_router("/v1/tokens", tokens.router)
# The firm (docs/firm.md): who knows whom, warm introductions, key accounts, the firm's views.
api.add_router("/v1/firm", firm_who.router)
api.add_router("/v1/firm", firm_admin.router)
api.add_router("/v1/firm", firm_requests.router)
api.add_router("/v1/firm", firm_accounts.router)
api.add_router("/v1/firm", firm_insight.router)

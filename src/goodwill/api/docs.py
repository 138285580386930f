"""The API docs page at /api/docs. Swagger UI when django-ninja's static files are
installed (the "ninja" app); otherwise a plain page, built from the OpenAPI
description, that fetches nothing from the internet."""
from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import escape
from ninja.openapi.docs import Swagger


class OfflineDocs(Swagger):
    def render_page(self, request, api, **kwargs):
        if "ninja" in settings.INSTALLED_APPS:
            return super().render_page(request, api, **kwargs)  # Swagger UI from local static files
        return HttpResponse(plain_page(api, self.get_openapi_url(api, kwargs)))


def plain_page(api, schema_url: str) -> str:
    schema = api.get_openapi_schema()
    rows = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            rows.append(
                f"<tr><td><code>{escape(method.upper())}</code></td><td><code>{escape(path)}</code></td>"
                f"<td>{escape(operation.get('summary', ''))}</td></tr>"
            )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>{escape(api.title)}</title>"
        "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "td{padding:.2rem .8rem .2rem 0;vertical-align:top}</style></head><body>"
        f"<h1>{escape(api.title)}</h1><p>{escape(api.description).replace(chr(10), '<br>')}</p>"
        f"<p>OpenAPI description: <a href='{escape(schema_url)}'>{escape(schema_url)}</a></p>"
        "<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )

"""Every firm page and endpoint, for each role and for nobody logged in (the rows live in
tests/firm/access_*.py, one file per part of the firm). A test also checks every API
operation under /firm is in a row, so no endpoint is added untested."""

from __future__ import annotations

import pytest

from tests.firm.conftest import ACCESS_MODULES, ROLES, api_client, web_client

PAGES = [row for module in ACCESS_MODULES for row in module.PAGES]
API = [row for module in ACCESS_MODULES for row in module.API]


def _fill(text: str, ids: dict) -> str:
    return text.format(**ids)


def _body(body, ids):
    if body is None:
        return None

    def fill(v):
        if isinstance(v, list):
            return [fill(x) for x in v]
        return _fill(v, ids) if isinstance(v, str) and "{" in v else v

    return {k: fill(v) for k, v in body.items()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", PAGES, ids=[r.id for r in PAGES])
def test_page(firm, row, role):
    client = web_client(firm["users"][role])
    path = _fill(row.path, firm["ids"])
    body = _body(row.body, firm["ids"])
    response = client.get(path, body or {}) if row.method == "get" else client.post(path, body or {})
    expected = row.ok if role in row.allowed else row.denied
    assert response.status_code == expected, (role, path, response.status_code)


@pytest.mark.parametrize("row", PAGES, ids=[r.id for r in PAGES])
def test_page_anonymous(firm, row):
    client = web_client(None)
    path = _fill(row.path, firm["ids"])
    response = client.get(path) if row.method == "get" else client.post(path, _body(row.body, firm["ids"]) or {})
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", API, ids=[r.id for r in API])
def test_api(firm, row, role):
    client = api_client(firm["users"][role])
    response = client.call(row.method, _fill(row.path, firm["ids"]), _body(row.body, firm["ids"]))
    expected = row.ok if role in row.allowed else row.denied
    assert response.status_code == expected, (role, row.path, response.status_code, response.content[:300])


@pytest.mark.parametrize("row", API, ids=[r.id for r in API])
def test_api_anonymous(firm, row):
    client = api_client(None)
    response = client.call(row.method, _fill(row.path, firm["ids"]), _body(row.body, firm["ids"]))
    assert response.status_code == 401


def test_every_firm_operation_has_a_row():
    import re

    from goodwill.api.main import api

    spec = api.get_openapi_schema()
    described = {
        (method, path.removeprefix("/api/v1"))
        for path, ops in spec["paths"].items()
        if path.startswith("/api/v1/firm")
        for method in ops
    }
    tested = {(r.method, re.sub(r"\{[^}]+\}", "{}", r.path).split("?")[0]) for r in API}
    described = {(m, re.sub(r"\{[^}]+\}", "{}", p)) for m, p in described}
    assert described <= tested, sorted(described - tested)

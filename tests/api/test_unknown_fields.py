"""A write endpoint refuses a field it does not know (422 naming it), never
ignores it: a typo in a privacy flag must not fail open."""

from __future__ import annotations

import re

import pytest

from goodwill.models import Interaction


def _openapi(client) -> dict:
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


# Bodies that are files, not request objects: a backup's keys are its format's, which
# services.backup reads (refusing what is not a Goodwill backup), not fields anyone types;
# an mbox or an .ics calendar is read by the mail and meetings imports, refused when it is not one.
FILES = {
    ("post", "/api/v1/restore"),
    ("post", "/api/v1/imports/contacts"),
    ("post", "/api/v1/imports/mail"),
    ("post", "/api/v1/imports/meetings"),
}


def _write_operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if "requestBody" in operation and (method, path) not in FILES:
                yield method, path, operation


def test_a_typo_in_confidentiality_is_refused_and_nothing_is_stored(as_alice, network):
    before = Interaction.objects.count()
    response = as_alice.post(
        "/interactions",
        {
            "kind": "call",
            "person_ids": [network["jane"].pk],
            "summary": "Told me about the merger",
            "next_steps": [],
            "confidential": True,
        },
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert '"confidential"' in detail and 'did you mean "confidentiality"' in detail and "\n" not in detail
    assert Interaction.objects.count() == before
    # Spelled right, it is stored as told.
    response = as_alice.post(
        "/interactions",
        {
            "kind": "call",
            "person_ids": [network["jane"].pk],
            "summary": "Told me about the merger",
            "next_steps": [],
            "confidentiality": "confidential",
        },
    )
    assert response.status_code == 201 and response.json()["interaction"]["confidentiality"] == "confidential"


def test_an_unknown_field_in_a_nested_object_is_named_with_its_place(as_alice, network):
    response = as_alice.post(
        "/interactions",
        {
            "kind": "call",
            "person_ids": [network["jane"].pk],
            "summary": "x",
            "next_steps": [{"text": "send the deck", "dew": "2026-12-01"}],
        },
    )
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("next_steps.0: ") and '"dew"' in detail and 'did you mean "due"' in detail


def test_a_patch_with_an_unknown_field_changes_nothing(as_alice, network):
    jane = network["jane"]
    response = as_alice.patch(f"/people/{jane.pk}", {"organization": "Initech", "nmae": "Jane Smith"})
    assert response.status_code == 422 and '"nmae"' in response.json()["detail"]
    jane.refresh_from_db()
    assert jane.organization.name == "Acme" and jane.name == "Jane Doe"


def test_every_request_body_schema_forbids_unknown_fields(client):
    """Walks the OpenAPI: every body, and every object nested in one, says
    additionalProperties: false (schemathesis and clients read it there too)."""
    spec = _openapi(client)
    schemas = spec["components"]["schemas"]
    seen: set[str] = set()
    open_ones: list[str] = []

    def walk(schema: dict, where: str) -> None:
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                walk(schemas[name], name)
            return
        if schema.get("type") == "object" or "properties" in schema:
            if schema.get("additionalProperties") is not False:
                open_ones.append(where)
            for key, sub in schema.get("properties", {}).items():
                walk(sub, f"{where}.{key}")
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                walk(schema[key], where)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in schema.get(key, []):
                walk(sub, where)

    operations = list(_write_operations(spec))
    assert len(operations) >= 15
    for method, path, operation in operations:
        for media in operation["requestBody"]["content"].values():
            walk(media["schema"], f"{method.upper()} {path}")
    assert not open_ones, f"request bodies that accept unknown fields: {open_ones}"


def test_every_write_endpoint_answers_422_for_an_unknown_field(as_alice, network):
    spec = _openapi(as_alice.client)
    for method, path, _operation in _write_operations(spec):
        url = re.sub(r"\{[^}]+\}", "1", path)
        response = getattr(as_alice.client, method)(
            url, '{"surely_not_a_field": true}', content_type="application/json", headers=as_alice._headers()
        )
        assert response.status_code == 422, (method, path, response.content)
        assert '"surely_not_a_field"' in response.json()["detail"], (method, path)


def test_a_schema_that_only_sets_extra_forbid_says_it_the_same_way():
    """A body schema may forbid extras with ConfigDict(extra="forbid") alone
    rather than inherit fields.Input: the answer still names the field."""
    from pydantic import BaseModel, ConfigDict
    from pydantic import ValidationError as PydanticError

    from goodwill.api.errors import _unknown, one_line

    class Closed(BaseModel):
        model_config = ConfigDict(extra="forbid")
        due: str = ""

    with pytest.raises(PydanticError) as caught:
        Closed.model_validate({"dew": "2026-12-01"})
    errors = [{**e, "loc": ("body", "payload", "next_steps", 0, *e["loc"])} for e in caught.value.errors()]
    assert one_line([_unknown(e) for e in errors]) == 'next_steps.0: unknown field "dew"'

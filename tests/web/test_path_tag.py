"""{% path %}: the once-reversed row URLs must be exactly what {% url %} gives."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse


@pytest.mark.parametrize(
    "name,pk", [("web:person", 7), ("web:step-done", 123456), ("web:person-snooze", "42"), ("web:step-drop", 1)]
)
def test_path_matches_reverse(name, pk):
    rendered = Template("{% path name pk %}").render(Context({"name": name, "pk": pk}))
    assert rendered == reverse(name, args=[int(pk)])


def test_path_without_an_id_and_as_a_variable():
    assert Template("{% path 'web:log' %}").render(Context()) == reverse("web:log")
    rendered = Template("{% path 'web:step-snooze' 9 as target %}[{{ target }}]").render(Context())
    assert rendered == f"[{reverse('web:step-snooze', args=[9])}]"


def test_path_refuses_a_non_numeric_id():
    with pytest.raises(ValueError):
        Template("{% path 'web:person' pk %}").render(Context({"pk": "1/../admin"}))

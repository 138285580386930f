"""{% stencil %}: a row fragment drawn once per page and filled per row must print exactly
what the same template included with the row's values prints, escaping included."""

from __future__ import annotations

import re

import pytest
from django.template import Engine, RequestContext, Template
from django.test import RequestFactory
from django.utils.safestring import mark_safe

ROWS = [
    {"id": 7, "name": 'Ann & "Bo" <b>O\'Neil</b>', "kind": "call"},
    {"id": 123456, "name": "Zoë Łukasz", "kind": "e&mail"},
    {"id": 1, "name": "gwSlot1xYz 7373737000000", "kind": "meeting"},  # a name that looks like markers
]


def _render(source: str, request, rows=ROWS, engine=None) -> str:
    template = engine.from_string(source) if engine else Template(source)
    rendered = template.render(
        RequestContext(
            request,
            {
                "rows": rows,
                "snooze_options": mark_safe("<option>1 week</option>"),
                "choices": ((7, "a week"), (30, "a month")),
                "levels": (("knows", "that I know them"), ("summaries", "& the <summaries>")),
                "confidentiality": ("private", "shareable", "confidential"),
            },
        )
    )
    return re.sub(r'csrfmiddlewaretoken" value="\w+"', 'csrfmiddlewaretoken" value="TOKEN"', rendered)


@pytest.fixture
def request_():
    request = RequestFactory().get("/")
    request.META["CSRF_COOKIE"] = "a" * 32
    return request


@pytest.mark.parametrize(
    "stencil,include",
    [
        (
            '{% stencil "web/_inline_log.html" fill person_id=r.id person_name=r.name default_kind=r.kind %}',
            '{% include "web/_inline_log.html" with person_id=r.id person_name=r.name default_kind=r.kind %}',
        ),
        (
            '{% stencil "web/_snooze.html" kind="step" snooze_options=snooze_options fill action_url=r.id %}',
            '{% include "web/_snooze.html" with kind="step" action_url=r.id %}',
        ),
        (
            '{% stencil "web/_step_actions.html" mine=False snooze_options=snooze_options'
            " fill step_id=r.id text=r.name person_id=r.id person_name=r.name %}",
            '{% include "web/_step_actions.html" with mine=False step_id=r.id text=r.name person_id=r.id'
            " person_name=r.name %}",
        ),
        (  # the page header (web/base.html)
            '{% stencil "web/_top.html" section="people" authenticated=True fill next=r.id username=r.name %}',
            '{% include "web/_top.html" with section="people" authenticated=True next=r.id username=r.name %}',
        ),
        (  # a Person page's actions, sharing control and forms (web/person.html)
            '{% stencil "web/_person_actions.html" archived="" owes="1" snooze_choices=choices'
            " fill person_id=r.id person_name=r.name path=r.name next=r.kind replies_owed=r.id %}",
            '{% include "web/_person_actions.html" with archived="" owes="1" snooze_choices=choices'
            " person_id=r.id person_name=r.name path=r.name next=r.kind replies_owed=r.id %}",
        ),
        (
            '{% stencil "web/_person_actions.html" archived="1" owes="" snooze_choices=choices'
            " fill person_id=r.id person_name=r.name path=r.name next=r.kind replies_owed=r.id %}",
            '{% include "web/_person_actions.html" with archived="1" owes="" snooze_choices=choices'
            " person_id=r.id person_name=r.name path=r.name next=r.kind replies_owed=r.id %}",
        ),
        (
            '{% stencil "web/firm/_person_sharing_form.html" level=None shown="knows" share_levels=levels'
            ' never_shared="Never & <never>" fill person_id=r.id %}',
            '{% include "web/firm/_person_sharing_form.html" with level=None shown="knows" share_levels=levels'
            ' never_shared="Never & <never>" person_id=r.id %}',
        ),
        (
            '{% stencil "web/_person_add_note.html" confidentiality=confidentiality fill person_id=r.id %}',
            '{% include "web/_person_add_note.html" with person_id=r.id %}',
        ),
        (
            '{% stencil "web/_person_add_profile.html" has_entries="" confidentiality=confidentiality'
            " fill person_id=r.id %}",
            '{% include "web/_person_add_profile.html" with has_entries="" person_id=r.id %}',
        ),
    ],
)
def test_a_stencil_prints_what_its_template_prints(request_, stencil, include):
    loop = "{% for r in rows %}[{}]{% endfor %}"
    filled = _render(loop.replace("[{}]", f"[{stencil}]"), request_)
    included = _render(loop.replace("[{}]", f"[{include}]"), request_)
    assert filled == included
    assert "123456" in filled  # each row filled with its own values


def _engine(templates: dict[str, str]) -> Engine:
    return Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates)], builtins=["goodwill.web.templatetags"]
    )


@pytest.mark.parametrize(
    "source,error",
    [
        ("{% if pk|divisibleby:2 %}even{% else %}odd{% endif %} {{ pk }}", "depends on a slot"),
        ("{{ name|upper }} {{ pk }}", "depends on a slot"),
        ("{{ pk|add:1 }} {{ name }}", "depends on a slot"),
        ("{{ name|length }} {{ pk }}", "depends on a slot"),
    ],
)
def test_a_stencil_refuses_a_template_that_does_more_than_print_a_slot(request_, source, error):
    engine = _engine({"row.html": source})
    with pytest.raises(ValueError, match=error):
        _render(
            '{% for r in rows %}{% stencil "row.html" fill pk=r.id name=r.name %}{% endfor %}', request_, engine=engine
        )


def test_a_stencil_sees_only_what_it_is_given_and_fills_every_row_with_its_own(request_):
    engine = _engine({"row.html": "<{{ name }}|{{ r.name }}|{{ label }}>"})
    rendered = _render(
        '{% for r in rows %}{% stencil "row.html" label="x" fill name=r.name %}{% endfor %}',
        request_,
        rows=[{"name": "Ann"}, {"name": "Bo"}],
        engine=engine,
    )
    # The row's loop variable stays out of the drawing: it would be the first row's for every row.
    assert rendered == "<Ann||x><Bo||x>"


def test_a_kept_stencil_carries_each_pages_own_csrf_token():
    """Stencils are kept per process: the token is filled in per page, never drawn into one."""
    source = '{% for r in rows %}{% stencil "web/_snooze.html" kind="step" snooze_options="" fill action_url=r.id %}{% endfor %}'
    pages = []
    for token in ("first" * 6, "second" * 6):
        context = RequestContext(RequestFactory().get("/"), {"rows": ROWS})
        context.update({"csrf_token": token})  # as the page cache's placeholder: after the context processors
        pages.append(Template(source).render(context))
    assert pages[0].count("first" * 6) == len(ROWS) and "second" not in pages[0]
    assert pages[1].count("second" * 6) == len(ROWS) and "first" not in pages[1]

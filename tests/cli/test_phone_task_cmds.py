"""`goodwill dav tasks` (list, assign, dismiss), through a Typer app built as `goodwill dav` will be."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from goodwill.models import NextStep, PhoneTask
from goodwill.services.people import PersonFields, add_person


@pytest.fixture
def dav(db, now):
    from goodwill.cli import phone_task_cmds
    from goodwill.cli.main import new_app

    root = new_app(name="goodwill")
    group = new_app(help="phone sync")
    phone_task_cmds.register(group)
    root.add_typer(group, name="dav")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(root, ["dav", *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def gift(me, now):
    return PhoneTask.objects.create(owner=me, uid="g1", text="buy a gift", due_on=date(2026, 12, 1), created_at=now)


def test_the_module_is_not_a_top_level_group(cli):
    assert "tasks" not in cli("--help").output.split()


def test_list_assign_and_the_list_empties(dav, me, gift):
    jane = add_person(me, PersonFields(name="Jane Doe"))
    listed = dav("tasks")
    assert listed.exit_code == 0 and f"#{gift.pk} buy a gift — due 01 Dec 2026" in listed.output
    assert json.loads(dav("tasks", "--json").output) == [
        {"id": gift.pk, "text": "buy a gift", "due_on": "2026-12-01", "created_at": "2026-11-23T09:00:00+00:00"}
    ]
    done = dav("tasks", "assign", str(gift.pk), "Jane")
    assert done.exit_code == 0, done.output
    step = NextStep.objects.get(owner=me, text="buy a gift")
    assert step.person == jane and f"Step #{step.pk} with Jane Doe" in done.output
    assert "No tasks from your phone" in dav("tasks").output


def test_dismiss_and_mistakes_are_one_line(dav, me, gift):
    missing = dav("tasks", "assign", str(gift.pk), "Nobody")
    assert missing.exit_code == 2 and len(missing.output.strip().splitlines()) == 1
    assert dav("tasks", "dismiss", str(gift.pk)).exit_code == 0
    again = dav("tasks", "dismiss", str(gift.pk))
    assert again.exit_code == 2 and "already answered" in again.output
    assert dav("tasks", "dismiss", "99999").exit_code == 2


def test_another_users_task_is_not_found(dav, alice, now):
    theirs = PhoneTask.objects.create(owner=alice, uid="a", text="alice's", created_at=now)
    result = dav("tasks", "dismiss", str(theirs.pk))
    assert result.exit_code == 2 and "no phone task" in result.output
    theirs.refresh_from_db()
    assert theirs.closed_at is None

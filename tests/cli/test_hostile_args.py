"""No argument a shell can pass makes a traceback: every command, walked from the
Typer tree, gets text that is not UTF-8, a 100,000-character value and a NUL
byte in each of its arguments. Each ends in exit 0, 1 or 2, and a failure is
one line."""

import click
import pytest
import typer
from typer.testing import CliRunner

SURROGATE = "Jane\udcc3("  # what Python makes of `goodwill add $'Jane\xc3\x28'`
HUGE = "a" * 100_000
NUL = "Jane\x00Doe"
HOSTILE = {"not-utf8": SURROGATE, "100k": HUGE, "nul": NUL}

# A plausible value for the other arguments, so the hostile one is reached.
PLAUSIBLE = {
    "kind": "call",
    "a": "Jane Doe",
    "b": "Sam Lee",
    "side": "a",
    "reply": "yes",
    "status": "won",
    "result": "met",
    "key": "weekly-goal",
    "value": "5",
    "until": "friday",
    "when": "friday",
    "cadence": "6w",
    "name": "close",
}


def _commands():
    from goodwill.cli.main import app

    def walk(command, path):
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                yield from walk(sub, [*path, name])
            if command.invoke_without_command:
                yield path, command
        else:
            yield path, command

    return list(walk(typer.main.get_command(app), []))


def _cases(hostiles):
    for path, command in _commands():
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        label = " ".join(path) or "goodwill"
        for hostile_name, hostile in hostiles.items():
            if not arguments:
                yield pytest.param(path + [hostile], id=f"{label}-extra-{hostile_name}")
                continue
            for index in range(len(arguments)):
                args = [hostile if i == index else PLAUSIBLE.get(a.name, "Jane Doe") for i, a in enumerate(arguments)]
                yield pytest.param(path + args, id=f"{label}-{arguments[index].name}-{hostile_name}")


# Commands left out of the option sweep: they start a server or a worker, or build a whole network.
NOT_SWEPT = {("serve",), ("demo",), ("worker",)}  # worker: runs until it is stopped
BIG = str(10**17)  # the largest number of digits an argument may have, for whole-number options


def _option_cases():
    for path, command in _commands():
        if tuple(path) in NOT_SWEPT:
            continue
        arguments = [PLAUSIBLE.get(p.name, "Jane Doe") for p in command.params if isinstance(p, click.Argument)]
        for option in command.params:
            if not isinstance(option, click.Option) or option.is_flag or option.opts[0] == "--help":
                continue
            number = isinstance(option.type, (click.types.IntParamType, click.types.FloatParamType))
            value = BIG if number else HUGE
            yield pytest.param([*path, *arguments, option.opts[0], value], id=f"{' '.join(path)}-{option.opts[0]}")


@pytest.fixture
def network(me, now):
    from goodwill.services.interactions import LogRequest, StepRequest, log_interaction
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(me, PersonFields(name="Jane Doe", emails=["jane@example.com"]))
    add_person(me, PersonFields(name="Sam Lee"))
    log_interaction(
        me, LogRequest(kind="call", people=[jane], summary="Talked", next_steps=[StepRequest("send the deck")])
    )


def _check(result, args):
    shown = result.output[:500]
    assert result.exit_code in (0, 1, 2), (args[0], result.exit_code, shown)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args[0]} raised {result.exception!r:.300}") from result.exception
    assert "Traceback" not in result.output
    if result.exit_code:
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:"), (args[0], shown)


# "²" passes str.isdigit() but int() refuses it: an id check must use isdecimal().
@pytest.mark.parametrize("args", list(_cases({"100k": HUGE, "superscript-two": "²"})))
def test_every_command_takes_a_100k_argument_without_a_traceback(network, monkeypatch, tmp_path, args):
    from goodwill.cli.main import app

    monkeypatch.chdir(tmp_path)  # anything a command writes lands here
    monkeypatch.delenv("GOODWILL_DEMO", raising=False)
    result = CliRunner().invoke(app, args)
    _check(result, args)


@pytest.mark.parametrize("args", list(_option_cases()))
def test_every_option_takes_a_100k_or_huge_value_without_a_traceback(network, monkeypatch, tmp_path, args):
    from goodwill.cli.main import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GOODWILL_DEMO", raising=False)
    result = CliRunner().invoke(app, args)
    _check(result, args)


@pytest.mark.parametrize("args", list(_cases({"not-utf8": SURROGATE, "nul": NUL})))
def test_every_command_refuses_text_that_is_not_text_before_it_runs(args):
    """No database here: a command that ran would fail to open it."""
    from goodwill.cli.main import app

    result = CliRunner().invoke(app, args)
    _check(result, args)
    assert result.exit_code == 2 and "argument" in result.output


@pytest.mark.parametrize("name,hostile", [("not-utf8", SURROGATE), ("nul", NUL)])
def test_text_that_is_not_text_is_one_line_and_exit_2(cli, name, hostile):
    result = cli("add", hostile)
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: argument 2 is not valid UTF-8 text; check the encoding of your terminal or script"
        if name == "not-utf8"
        else "error: argument 2 holds a NUL character; give plain text"
    )


def test_a_100k_name_is_refused_in_one_line(cli):
    from goodwill.models import Person

    result = cli("add", HUGE)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert not Person.objects.exists()


@pytest.mark.parametrize("args", [["kept", "-5"], ["done", "-1"], ["renegotiate", "-3", "friday"], ["show", "-7"]])
def test_a_negative_id_is_one_line_exit_2(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and args[1] in lines[0]


def test_usage_mistakes_are_one_line(cli):
    for args in (["kept"], ["--bogus"], ["promises", "--bogus"], ["momentum", "--weeks", "x"]):
        result = cli(*args)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), result.output


def test_the_real_command_line_with_bytes_that_are_not_utf8(tmp_path):
    """As a shell passes it: `goodwill add $'Jane\\xc3\\x28'`, through `run()`."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "GOODWILL_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "from goodwill.cli.main import run; run()", "add", b"Jane\xc3\x28"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "error: argument 2 is not valid UTF-8 text; check the encoding of your terminal or script"
    )
    assert b"Traceback" not in result.stdout + result.stderr
    assert not list(tmp_path.iterdir())  # nothing opened, nothing written


def test_a_value_the_database_refuses_is_one_line(cli, monkeypatch):
    """The last guard, for PostgreSQL's "value too long" where no validation caught it."""
    from django.db import DataError

    import goodwill.services.people as people

    def too_long(*args, **kwargs):
        raise DataError("value too long for type character varying(60)\n")

    monkeypatch.setattr(people, "add_person", too_long)
    result = cli("add", "Jane Doe")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: a value is too long or out of range for the database (value too long for type character varying(60)); "
        "shorten it and try again"
    ]

"""User text prints as written: brackets in a name, a step or a summary are not rich markup.

Rich read "[she/her]" and "[urgent]" as styles and dropped them from the output, and a "[/]"
stopped the command with a MarkupError traceback (goodwill.cli.output)."""

import ast
import re
from pathlib import Path

import goodwill.cli

NAME = "Ann [she/her]"
URGENT = "[urgent] send the deck"
CLOSING = "fix the [/] bug"
SUMMARY = "Re: [draft] budget [/b]"


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def _ann_with_steps(cli):
    ok(cli("add", NAME, "--email", "ann@example.com"))
    ok(cli("log", "call", "ann@example.com", "Budget call", "--next", URGENT, "--due", "today"))
    ok(cli("log", "call", "ann@example.com", "Follow-up", "--next", CLOSING, "--due", "today"))
    ok(cli("log", "email", "ann@example.com", SUMMARY, "--inbound", "--awaiting-reply", "--next", "none"))


def test_today_prints_brackets_as_written(cli):
    _ann_with_steps(cli)
    out = ok(cli("today"))
    for text in (NAME, URGENT, CLOSING, SUMMARY):
        assert text in out


def test_promises_and_the_person_print_brackets_as_written(cli):
    _ann_with_steps(cli)
    promises = ok(cli("promises"))
    assert NAME in promises and URGENT in promises and CLOSING in promises
    shown = ok(cli("show", "ann@example.com"))
    assert NAME in shown and URGENT in shown


def test_an_error_quotes_the_input_as_written(cli):
    result = cli("show", "[nobody]")
    assert result.exit_code == 2
    assert "[nobody]" in result.output
    assert "Traceback" not in result.output


# A markup tag rich knows: a style word, a closing tag, a link.
_TAG = re.compile(r"\[/?(bold|dim|red|green|yellow|cyan|italic|link|b|i|u)\b[^\]]*\]|\[/\]")


def _styled_prints(tree: ast.AST):
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "print"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("console", "errors")
        ):
            continue
        literals = [
            sub.value
            for arg in node.args
            for sub in ast.walk(arg)
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str)
        ]
        if any(_TAG.search(text) for text in literals):
            yield node


def test_every_styled_line_asks_for_markup():
    """The consoles print text as written; a line with [bold] in it must say markup=True, or
    the user sees the tags."""
    missing = []
    for path in sorted(Path(goodwill.cli.__file__).parent.glob("*.py")):
        for node in _styled_prints(ast.parse(path.read_text())):
            markup = [k for k in node.keywords if k.arg == "markup"]
            if not markup or not (isinstance(markup[0].value, ast.Constant) and markup[0].value.value is True):
                missing.append(f"{path.name}:{node.lineno}")
    assert not missing, missing

"""Every `goodwill ...` command shown in README.md and docs/*.md fits the real CLI, and
every command of the CLI is shown in docs/usage.md (as sqlite-utils tests its docs).
The notation the docs may use is in tests/docs_commands.py and docs/architecture.md."""

from __future__ import annotations

import shlex
from collections import Counter

import click
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.cli.main import app
from tests.docs_commands import (
    REDIRECTIONS,
    SEPARATORS,
    DocCommand,
    check,
    collect,
    command_paths,
    commands_in_line,
    commands_in_markdown,
)

ROOT = typer.main.get_command(app)
assert isinstance(ROOT, click.Group)

DOC_COMMANDS = collect()


def _ids(commands: list[DocCommand]) -> list[str]:
    """file:line, with the command's place on the line when a line shows several."""
    per_line = Counter(c.where for c in commands)
    seen: Counter[str] = Counter()
    ids = []
    for c in commands:
        seen[c.where] += 1
        ids.append(c.where if per_line[c.where] == 1 else f"{c.where}#{seen[c.where]}")
    return ids


def test_the_docs_show_commands():
    assert len(DOC_COMMANDS) > 200
    assert {c.file for c in DOC_COMMANDS} >= {"README.md", "docs/usage.md", "docs/import.md", "docs/serving.md"}
    assert sum(c.shows_error for c in DOC_COMMANDS) <= 3, "commands marked `# error` are for rare examples of mistakes"


@pytest.mark.parametrize("doc", DOC_COMMANDS, ids=_ids(DOC_COMMANDS))
def test_doc_command_fits_the_cli(doc: DocCommand):
    _, problems = check(ROOT, doc)
    if doc.shows_error:
        assert problems, f"{doc.where}: `{doc.text}` is marked `# error` but the CLI takes it"
    else:
        assert not problems, f"{doc.where}: `{doc.text}`: " + "; ".join(problems)


USAGE_PATHS = {check(ROOT, c)[0] for c in DOC_COMMANDS if c.file == "docs/usage.md" and not c.shows_error}


@pytest.mark.parametrize("path", command_paths(ROOT), ids=lambda path: "goodwill " + " ".join(path))
def test_every_command_is_in_the_usage_reference(path: tuple[str, ...]):
    assert path in USAGE_PATHS, f"`goodwill {' '.join(path)}` is not shown in docs/usage.md (see its last section)"


# The reader and the check themselves, on small made-up docs.


def _problems(markdown: str) -> list[list[str]]:
    return [check(ROOT, c)[1] for c in commands_in_markdown(markdown, "x.md")]


def test_a_continued_line_is_one_command():
    [doc] = commands_in_markdown(
        '```sh\ngoodwill log call Jane "Talked" \\\n    --next "send it" --due friday\n```', "x.md"
    )
    assert doc.args == ("log", "call", "Jane", "Talked", "--next", "send it", "--due", "friday")
    assert doc.line == 2
    assert check(ROOT, doc) == (("log",), [])


def test_a_synopsis_wrapped_onto_indented_lines_is_one_command():
    [doc] = commands_in_markdown("```\ngoodwill replies [--months 12]\n                 [--json]\n```", "x.md")
    assert doc.args == ("replies", "[--months", "12]", "[--json]")
    assert check(ROOT, doc) == (("replies",), [])


def test_output_lines_and_other_languages_are_not_commands():
    markdown = (
        "```\n 97  #1 Jane Doe  ⟷  #2 J. Doe\n       goodwill merge 1 2 3 4\n\ngoodwill dupes\n```\n"
        "```console\n$ goodwill feed url\ngoodwill is not a prompt here\n```\n"
        "```python\ngoodwill = 1\n```"
    )
    assert [c.args for c in commands_in_markdown(markdown, "x.md")] == [("dupes",), ("feed", "url")]


def test_commands_after_pipes_and_separators_are_found():
    markdown = '```sh\necho "$PW" | goodwill user add bob --password-stdin\ngoodwill dupes; goodwill export | head\n```'
    assert [c.args[:2] for c in commands_in_markdown(markdown, "x.md")] == [
        ("user", "add"),
        ("dupes",),
        ("export",),
    ]


def test_an_unknown_option_a_flag_with_a_value_and_a_missing_value_are_caught():
    assert _problems("`goodwill today --tomorrow`") == [["`goodwill today` has no option --tomorrow"]]
    assert _problems("`goodwill today --json=yes`") == [["--json is a flag: it takes no value"]]
    assert _problems("```\ngoodwill log call Jane hi --due\n```") == [["--due needs a value"]]


def test_a_wrong_command_and_the_wrong_number_of_arguments_are_caught():
    assert _problems("`goodwill tody`") == [["`goodwill` has no command 'tody'"]]
    assert _problems("`goodwill dates add Jane birthday`") == [["missing argument(s): WHEN"]]
    assert _problems("`goodwill show Jane Doe`") == [["takes at most 1 argument(s); 'Doe' is too many"]]
    assert _problems("```\ngoodwill intro\n```")[0][0].startswith("`goodwill intro` needs a command")


def test_an_unquoted_hash_id_is_a_shell_comment():
    assert _problems("`goodwill show #12`") == [["#12 starts a shell comment; write the bare number or quote it"]]
    assert _problems("`goodwill show '#12'`") == [[]]
    assert _problems("`goodwill show 12   # Jane`") == [[]]


def test_placeholders_stand_for_values():
    assert _problems("`goodwill mail import PATH... --me ME [--apply]`") == [[]]
    assert _problems("`goodwill show PERSON...`") == [
        ["PERSON... stands for several values, but no argument takes more than one"]
    ]
    assert _problems("`goodwill intro answer ID a yes|no`") == [[]]
    assert _problems("`goodwill promises --mine | --theirs | --person NAME`") == [[]]
    assert _problems("`goodwill export --format vdir ...`") == [[]]


def test_an_inline_mention_may_leave_out_arguments_but_not_add_any():
    assert _problems("`goodwill add --location`") == [[]]
    assert _problems("```\ngoodwill add Jane --location\n```") == [["--location needs a value"]]
    assert _problems("`goodwill next Jane`") == [["missing argument(s): TEXT"]]


def test_a_command_marked_error_is_expected_to_be_wrong():
    [doc] = commands_in_markdown("`goodwill kept -5  # error`", "x.md")
    assert doc.shows_error
    assert check(ROOT, doc)[1] == ["`goodwill kept` has no option -5"]


# A few examples run for real: the People block of docs/usage.md, in order, on a new network.


def test_the_people_examples_in_usage_run(cli):
    [block] = {
        c.block for c in DOC_COMMANDS if c.file == "docs/usage.md" and c.args[:1] == ("add",) and "--how-met" in c.args
    }
    examples = [c for c in DOC_COMMANDS if c.file == "docs/usage.md" and c.block == block]
    assert len(examples) >= 10
    assert cli("add", "Sam Lee").exit_code == 0  # Jane was introduced by Sam Lee, already in the network
    for doc in examples:
        result = cli(*doc.args)
        assert result.exit_code == 0, f"{doc.where}: `{doc.text}` failed: {result.output}"
    shown = cli("show", "Jane").output
    assert "CEO" in shown and "Interviewing at Stripe" in shown


# The reader splits a line as the shell does: any words, quoted by shlex, come back as they were.

_WORD = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n"), max_size=12).filter(
    lambda w: w not in SEPARATORS | REDIRECTIONS and not w.endswith(";")
)


@settings(deadline=None)  # pure and quick, but a loaded CI machine is not
@given(st.lists(_WORD, max_size=6), st.text(st.characters(blacklist_characters="\r\n"), max_size=20))
def test_quoted_words_come_back_as_they_were(words: list[str], comment: str):
    [doc] = commands_in_line(f"goodwill {shlex.join(words)}   # {comment}", "x.md", 1, inline=False)
    assert doc.args == tuple(words)
    assert doc.comment.strip() == comment.strip()

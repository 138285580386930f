"""The CLI renders an idea's action as the command that does it (cli/idea_commands.py)."""

from __future__ import annotations

import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.cli.idea_commands import command_for
from goodwill.queries.ideas import Action, Named


def test_each_action_becomes_its_command():
    ann, ben = Named(1, "Ann Able"), Named(2, "Ben Baker")
    assert command_for(Action("propose-intro", ann, ben, "a CFO")) == (
        'goodwill intro propose "Ann Able" "Ben Baker" --why "a CFO"'
    )
    assert command_for(Action("pass-on", ann, item=5, title="The report", url="https://x.test/?a=1&b=2")) == (
        'goodwill pass-on "The report" --to "Ann Able" --url "https://x.test/?a=1&b=2"'
    )
    assert command_for(Action("close-step", step=7)) == "goodwill done 7"
    assert command_for(Action("replied", ann)) == 'goodwill replied "Ann Able"'
    assert command_for(Action("intro-show", intro=3)) == "goodwill intro show 3"
    assert command_for(Action("ledger-status", entry=9)).startswith("goodwill ledger status 9 won")
    assert command_for(None) == ""


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_words_survive_the_shell(words):
    """A name or a why with quotes, dollars, backticks or backslashes reaches the command whole
    through a POSIX shell (sh prints each word the command would get)."""
    command = command_for(Action("propose-intro", Named(1, words), Named(2, "Ben"), words))
    args = command.removeprefix("goodwill ")
    printed = subprocess.run(["sh", "-c", "printf '%s\\0' " + args], capture_output=True, check=True).stdout
    assert printed.decode().split("\0")[:-1] == ["intro", "propose", words, "Ben", "--why", words]

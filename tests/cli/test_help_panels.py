"""`goodwill --help` groups the commands by what they are for, and start-up stays lazy."""

import click.testing
from typer.testing import CliRunner

from goodwill.cli import main


def test_help_groups_every_command_in_order():
    result = CliRunner().invoke(main.app, ["--help"], terminal_width=100)
    assert result.exit_code == 0
    titles = [line[:-1] for line in result.output.splitlines() if line.endswith(":") and not line.startswith(" ")]
    assert titles == ["Options", *main.PANELS]
    assert "Other" not in titles  # every command has its place
    daily = result.output.index("The daily loop:")
    assert daily < result.output.index(" today ") < result.output.index(" log ") < result.output.index("People:")


def test_the_quick_help_listing_prints_what_the_whole_app_does():
    """`goodwill --help` is printed without building every command; it must not differ."""
    whole = CliRunner().invoke(main.app, ["--help"], prog_name="goodwill", terminal_width=100)
    quick = click.testing.CliRunner().invoke(main._help_listing(), ["--help"], prog_name="goodwill", terminal_width=100)
    assert quick.exit_code == whole.exit_code == 0
    assert quick.output == whole.output
    assert " pass-on " in quick.output and " firm " in quick.output  # commands and groups alike


def test_every_top_level_command_is_in_a_panel():
    names = main._names(main.app)
    assert names <= set(main.PANEL_OF), names - set(main.PANEL_OF)


def test_a_command_builds_only_its_own_group():
    owner = main._app_for(["kept", "12"])
    assert "kept" in main._names(owner) and "serve" not in main._names(owner)
    assert main._app_for(["--help"]) is main.app

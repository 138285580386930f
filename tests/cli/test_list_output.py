"""`goodwill list` as a table written row by row, paged at a terminal as git pages."""

import sys

from goodwill.cli import pager
from goodwill.cli.streamed_table import Column, fit, shrink_to


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_the_list_is_a_table_with_every_name_whole_and_aligned(cli):
    long_name = "Maximiliana Wolfeschlegelsteinhausen-Bergerdorff"
    ok(cli("add", "Jane Doe", "--org", "Acme", "--circle", "inner"))
    ok(cli("add", long_name, "--org", "Zürich Röntgen Institut"))
    ok(cli("add", "王小明"))
    ok(cli("archive", "Jane Doe"))
    lines = ok(cli("list")).splitlines()
    assert lines[0].split() == ["id", "name", "organization", "circle", "status", "due", "last", "touch"]
    assert long_name in lines[1] and "Zürich Röntgen Institut" in lines[1]  # a pipe gets everything, uncut
    assert lines[2].startswith("#") and "王小明" in lines[2]
    assert lines[-1] == "2 people"
    organization = lines[0].index("organization")
    assert lines[1].index("Zürich") == organization  # the columns line up under their titles
    archived = ok(cli("list", "--archived")).splitlines()
    assert "Jane Doe (archived)" in archived[1] and archived[-1] == "1 person"
    assert ok(cli("list", "--tag", "nobody")).strip() == "Nobody matches."


def test_at_a_terminal_the_list_goes_through_the_pager(cli, tmp_path, monkeypatch):
    ok(cli("add", "Jane Doe"))
    shown = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        f"open({str(shown)!r}, 'w').write('LESS=' + os.environ.get('LESS', '') + '\\n' + sys.stdin.read())\n"
    )
    monkeypatch.setattr(pager, "at_terminal", lambda: True)
    monkeypatch.setenv("PAGER", f"{sys.executable} {script}")
    monkeypatch.delenv("LESS", raising=False)
    assert "Jane Doe" not in ok(cli("list"))
    paged = shown.read_text()
    assert paged.startswith("LESS=FRX\n") and "Jane Doe" in paged and paged.endswith("1 person\n")
    shown.unlink()
    assert "Jane Doe" in ok(cli("list", "--no-pager")) and not shown.exists()  # for scripts at a terminal
    monkeypatch.setenv("PAGER", "cat")
    assert "Jane Doe" in ok(cli("list"))  # PAGER=cat: no pager at all


def test_no_pager_when_the_pager_is_not_installed(cli, monkeypatch):
    ok(cli("add", "Jane Doe"))
    monkeypatch.setattr(pager, "at_terminal", lambda: True)
    monkeypatch.setenv("PAGER", "no-such-pager-anywhere")
    assert "Jane Doe" in ok(cli("list"))


def test_cells_are_cut_to_their_column_in_terminal_cells():
    assert fit("Ann", 5) == "Ann  "
    assert fit("Annabelle", 5) == "Anna…"
    assert fit("王小明", 4) == "王…" + " "  # a wide character is two cells, never split
    columns = [Column("id", 4), Column("name", 40), Column("organization", 40)]
    shrink_to(columns, 60, order=(2, 1))
    assert [c.width for c in columns] == [4, 40, 12]  # the organization gives way first, down to 12
    shrink_to(columns, 40, order=(2, 1))
    assert [c.width for c in columns] == [4, 20, 12]

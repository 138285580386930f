"""Naming someone on the command line as people type names: no accents, any case."""


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_log_and_show_find_a_name_typed_without_its_accents(cli):
    ok(cli("add", "Zoë O'Brien-Ávila", "--email", "zoe@example.com"))
    out = ok(cli("log", "call", "zoe", "Talked about the Lisbon office", "--next", "none"))
    assert "Zoë O'Brien-Ávila" in out
    assert "Zoë O'Brien-Ávila" in ok(cli("show", "obrien avila"))


def test_several_folded_matches_ask_which_one(cli):
    ok(cli("add", "José García"))
    ok(cli("add", "José Gómez"))
    result = cli("show", "jose")
    assert result.exit_code == 2
    assert "José García" in result.output and "José Gómez" in result.output and "Traceback" not in result.output

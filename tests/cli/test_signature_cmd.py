"""The signature setting from the CLI (issue 12): `goodwill config set signature`, shown by `config show`, used
under every pass-on draft, which also says where to send it; a signature too long is one line and exit 2."""

import json


def test_signature_signs_the_draft_and_the_draft_says_where_to_send_it(cli):
    assert cli("add", "Nina Need", "--email", "nina@ledgerly.example").exit_code == 0
    assert cli("profile", "add", "Nina Need", "interest", "fintech custody rules").exit_code == 0
    result = cli("config", "set", "signature", "Alice Adams, Adams & Co")
    assert result.exit_code == 0, result.output
    assert json.loads(cli("config", "show", "--json").output)["signature"] == "Alice Adams, Adams & Co"
    result = cli("pass-on", "New SEC guidance on fintech custody", "--to", "Nina Need")
    assert result.exit_code == 0, result.output
    assert "To: nina@ledgerly.example\nHi Nina," in result.output
    assert "Best,\nAlice Adams, Adams & Co" in result.output


def test_a_signature_too_long_is_one_line_and_exit_2(cli):
    result = cli("config", "set", "signature", "x" * 201)
    assert result.exit_code == 2
    assert "keep it to 200" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1

def test_add_log_today(cli):
    assert cli("add", "Jane Doe", "--email", "jane@example.com").exit_code == 0
    result = cli("log", "call", "Jane", "Talked about her move", "--next", "send the article", "--due", "friday")
    assert result.exit_code == 0, result.output
    assert "send the article" in result.output

"""`goodwill import` names the columns it keeps only as custom fields (issue 12)."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"


def test_the_dry_run_lists_unmapped_columns(cli):
    result = cli("import", str(DATA / "roundcube.csv"))
    assert result.exit_code == 0, result.output
    assert "Dry run, nothing written: roundcube" in result.output
    assert "not mapped      5 column(s), kept as custom fields only" in result.output
    for line in ("Gender (2 rows with a value)", "Spouse (1 row with a value)", "Assistant (1 row with a value)"):
        assert line in result.output
    assert "Email Home" not in result.output and "Phone Video" not in result.output


def test_the_json_report_lists_them_too(cli):
    result = cli("import", str(DATA / "roundcube.csv"), "--json")
    report = json.loads(result.output)
    assert {"file": str(DATA / "roundcube.csv"), "column": "Anniversary", "rows": 1} in report["unmapped"]


def test_a_one_column_list_of_addresses_imports(cli, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Primary Email\njane.doe@example.com\n")
    result = cli("import", str(path), "--apply")
    assert result.exit_code == 0 and "created         1 (e.g. Jane Doe)" in result.output, result.output


def test_a_column_with_no_values_says_so(cli, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Name,Email,Shoe Size,Hobby\nAda,ada@x.example,,chess\n")
    result = cli("import", str(path))
    assert "Shoe Size (empty in every row)" in result.output and "Hobby (1 row with a value)" in result.output

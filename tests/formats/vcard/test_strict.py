"""Every line Goodwill writes is valid vCard (issue 12): a property of the version or
an X- name, checked by the strict checker in strict.py; custom fields come
back as the same fields."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.formats import ContactRecord, write_vcard

from ..helpers import DATA, content, read_all
from .strict import strict_problems

FIXTURES = sorted(p.name for p in DATA.iterdir())


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_exports_as_strictly_valid_vcard(name, version):
    found, _ = read_all(DATA / name)
    assert strict_problems(write_vcard(found, version)) == []


def test_the_checker_refuses_what_the_export_used_to_write():
    card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\n{}\r\nEND:VCARD\r\n"
    assert strict_problems(card.format("X-FOO;X-BAR=1:ok")) == []
    for line in ("Birthday:20/01/1991", "Gender:female", "Spouse:Spouse", "TEL;WORK:1", "BDAY:20/01/1991", "LABEL:x"):
        assert strict_problems(card.format(line)), line


def test_the_old_x_goodwill_field_lines_still_read(tmp_path):
    path = tmp_path / "old.vcf"
    path.write_text('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nX-GOODWILL-FIELD;X-NAME="Met At":PyCon\r\nEND:VCARD\r\n')
    (ada,), problems = read_all(path)
    assert problems == [] and ada.extra == {"Met At": ["PyCon"]}


KEYS = st.one_of(
    st.sampled_from(
        [
            "Gender",
            "Spouse",
            "Anniversary",
            "Birthday",
            "Children",
            "Assistant",
            "sex",
            "X-FOO",
            "ROLE",
            "GENDER",
            "KIND",
            "Met At",
            "Custom 1",
            "Ünïcode Field",
            "",
        ]
    ),
    st.text(min_size=1, max_size=20),
)
VALUES = st.text(max_size=30).filter(lambda v: v.strip() == v)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(KEYS, st.lists(VALUES, min_size=1, max_size=2), max_size=5),
    st.sampled_from(["4.0", "3.0"]),
    st.sampled_from([None, "1991-01-20"]),
)
def test_any_custom_field_goes_out_valid_and_comes_back(tmp_path, extra, version, birthday):
    values = {
        _plain(k): [_plain(x) for x in v]
        for k, v in extra.items()
        if _plain(k).strip() == _plain(k) != "" and not k.upper().startswith("X-GOODWILL")
    }
    record = ContactRecord("csv", 1, full_name="Ada", birthday=birthday, extra=values)
    text = write_vcard([record], version)
    assert strict_problems(text) == []
    path = tmp_path / "x.vcf"
    path.write_bytes(text.encode("utf-8"))
    (back,), problems = read_all(path)
    assert problems == [] and content(back) == content(record)


def _plain(value: str) -> str:
    # Control characters are not kept in a vCard; a CSV cell with them is cleaned on export.
    return "".join(c for c in value if c >= " " and c not in "\x7f\x85\u2028\u2029")

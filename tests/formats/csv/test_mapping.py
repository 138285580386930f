"""Any other CSV, given a column mapping (--map), and the mapping language itself."""

import pytest

from goodwill.formats import FormatError, MappingError, Typed, parse_mapping, read_csv

from ..helpers import DATA, read_all


def test_parse_map_string():
    assert parse_mapping("Full Name=full_name, E-mail=email,Cell=phone:mobile") == {
        "Full Name": "full_name",
        "E-mail": "email",
        "Cell": "phone:mobile",
    }
    assert parse_mapping(r"Name\, Title=title") == {"Name, Title": "title"}


@pytest.mark.parametrize("bad", ["Full Name", "Full Name=nonsense", "", "X=email:work:maybe"])
def test_bad_map_strings_say_what_is_wrong(bad):
    with pytest.raises(MappingError) as caught:
        parse_mapping(bad)
    assert "\n" not in str(caught.value)


def test_generic_csv_with_map_string():
    items = list(
        read_csv(DATA / "generic_semicolon.csv", "Full Name=full_name,E-mail=email:work,Phone=phone:mobile,Team=tags")
    )
    robin, sam = items
    assert robin.source == "csv" and robin.full_name == "Robin Roe"
    assert robin.emails == [Typed("robin@roe.example", "work")]
    assert robin.phones == [Typed("+1 555 0177", "mobile")]
    assert robin.tags == ["alumni", "board"]
    assert robin.extra == {"Met At": ["Reunion 2024"]}  # unmapped: kept
    assert sam.phones == []


def test_mapping_dict_with_address_parts(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Who,Town,Zip,Skip me\nPat,Springfield,62701,x\n")
    (pat,) = read_csv(
        path, {"Who": "name", "Town": "address:home.city", "Zip": "address:home.zip", "Skip me": "ignore"}
    )
    assert pat.full_name == "Pat" and pat.extra == {}
    assert (pat.addresses[0].kind, pat.addresses[0].city, pat.addresses[0].postal_code) == (
        "home",
        "Springfield",
        "62701",
    )


def test_map_naming_a_missing_column_is_a_format_error():
    with pytest.raises(FormatError, match="E-mail Address"):
        read_csv(DATA / "generic_semicolon.csv", "Full Name=full_name,E-mail Address=email")


def test_unknown_csv_without_map_is_guessed_or_refused(tmp_path):
    guessable = tmp_path / "guess.csv"
    guessable.write_text("Name,Email,Employer,Favourite colour\nAl,al@x.example,Acme,blue\n")
    (al,), problems = read_all(guessable)
    assert (al.full_name, al.organization, al.extra) == ("Al", "Acme", {"Favourite colour": ["blue"]})
    hopeless = tmp_path / "hopeless.csv"
    hopeless.write_text("Colour,Size\nblue,10\n")
    with pytest.raises(FormatError, match="CSV columns not recognized") as refused:
        read_all(hopeless)
    assert "--map" not in str(refused.value) and refused.value.code == "unknown-columns"

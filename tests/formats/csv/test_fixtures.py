"""Each client's CSV export parses to the records a person would expect."""

import pytest

from goodwill.formats import Address, Typed, detect_format

from ..helpers import DATA, read_all, records


@pytest.mark.parametrize(
    "name, source",
    [
        ("linkedin_new.csv", "linkedin"),
        ("linkedin_old.csv", "linkedin"),
        ("google_current.csv", "google"),
        ("google_legacy_utf16.csv", "google"),
        ("outlook_en.csv", "outlook"),
        ("outlook_de_cp1252.csv", "outlook"),
        ("outlook_fr_semicolon.csv", "outlook"),
        ("thunderbird.csv", "thunderbird"),
        ("act.csv", "act"),
        ("generic_semicolon.csv", "csv"),
        ("roundcube.csv", "roundcube"),
    ],
)
def test_detects_the_client(name, source):
    assert detect_format(DATA / name) == source


def test_linkedin_new_header_after_notes_preamble():
    found = records("linkedin_new.csv")
    ada = found[0]
    assert (ada.line, ada.full_name, ada.organization, ada.title) == (
        5,
        "Ada Lovelace",
        "Analytical Engines",
        "Programmer",
    )
    assert ada.emails == [Typed("ada@example.com")]
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert ada.connected_on == "2025-11-12"
    assert found[1].title == "Rear Admiral, Director" and found[1].emails == []
    assert found[3].full_name == "Zoë Ødegård"


def test_linkedin_old_header():
    john, mary = records("linkedin_old.csv")
    assert john.linkedin_url is None and john.connected_on == "2018-08-15"
    assert mary.connected_on == "2017-03-07"


def test_google_current():
    ada, charles = records("google_current.csv")
    assert ada.emails == [
        Typed("ada@engine.example", "work", True),
        Typed("ada@example.com", "home"),
        Typed("ada.l@example.org", "home"),
    ]  # " ::: " = two values
    assert ada.phones == [Typed("+44 20 7946 0000", "mobile"), Typed("+44 20 7946 0001", "work fax")]
    assert ada.addresses == [
        Address(
            "home", "12 St James's Sq", "London", "", "SW1Y 4LB", "UK", label="12 St James's Sq\nLondon SW1Y 4LB\nUK"
        )
    ]
    assert ada.tags == ["starred", "Friends"]
    assert ada.urls == [Typed("https://ada.example", "Blog")]
    assert ada.photo.uri == "https://lh3.googleusercontent.com/contacts/AAbbCCdd1234"
    assert ada.extra["Relation 1 - Value"] == ["Lord Byron"]
    assert ada.note == "Met at the Royal Society.\nAsk about the engine."
    assert charles.birthday == "--12-26" and charles.tags == []


def test_google_legacy_utf16():
    (alan,) = records("google_legacy_utf16.csv")
    assert alan.full_name == "Alan Turing"
    assert (alan.organization, alan.title, alan.department) == ("GC&CS", "Cryptanalyst", "Hut 8")
    assert alan.emails[0] == Typed("alan@bletchley.example", "work", True)
    assert alan.tags == ["Colleagues"] and alan.extra == {"Hobby": ["Running"]}


def test_outlook_english():
    john, kim = records("outlook_en.csv")
    assert (john.prefix, john.given, john.middle, john.family, john.suffix) == ("Mr.", "John", "Q", "Public", "Jr.")
    assert john.title == "Account Manager" and john.department == "Sales"
    assert john.phones == [
        Typed("(425) 555-0100", "work"),
        Typed("(425) 555-0199", "mobile"),
        Typed("(425) 555-0101", "work fax"),
    ]
    assert john.addresses[0].street == "1 Microsoft Way\nSuite 100"
    assert john.birthday == "1985-04-12" and john.tags == ["Clients", "VIP"]
    # Outlook's "nothing here" defaults (0/0/00, Normal, False) are not kept as extras.
    assert john.extra == {"Initials": ["J.Q.P."], "Spouse": ["Jane"]}
    assert kim.birthday is None and kim.extra == {}


def test_outlook_german_windows_1252():
    (jurgen,) = records("outlook_de_cp1252.csv")
    assert (jurgen.given, jurgen.family, jurgen.title) == ("Jürgen", "Müller", "Geschäftsführer")
    assert jurgen.birthday == "1985-04-12"  # 12.04.1985, day first
    assert [e.value for e in jurgen.emails] == ["juergen@baeckerei.example", "jm@privat.example"]
    assert jurgen.addresses[0].city == "München" and jurgen.extra == {"Hobby": ["Segeln"]}


def test_outlook_french_semicolons_and_bom():
    (elodie,) = records("outlook_fr_semicolon.csv")
    assert (elodie.given, elodie.family, elodie.organization) == ("Élodie", "Lefèvre", "Société Générale d'Exemple")
    assert elodie.birthday == "1988-11-03"  # 03/11/1988, day first
    assert elodie.phones[1] == Typed("+33 6 12 34 56 78", "mobile")
    assert elodie.note == "Rencontrée au salon; rappeler en janvier"


def test_thunderbird():
    linus, mailing_list = records("thunderbird.csv")
    assert linus.emails == [Typed("linus@kernel.example", "other", True), Typed("lt@example.org")]
    assert linus.birthday == "1969-12-28"
    assert linus.extra == {"Screen Name": ["torvalds"], "Custom 1": ["git"]}
    assert mailing_list.birthday == "--03-04"


def test_act():
    (chris,) = records("act.csv")
    assert (chris.full_name, chris.nickname, chris.organization) == ("Chris Cross", "Chris", "Cross Consulting")
    assert chris.addresses[0].street == "100 Oak Ave\nSuite 5"
    assert chris.birthday == "1970-07-04"
    assert chris.extra["Phone Ext."] == ["12"] and chris.extra["ID/Status"] == ["Prospect"]


def test_bad_rows_in_the_middle():
    found, problems = read_all(DATA / "bad_rows.csv")
    assert [r.family for r in found] == ["One", "Two", "Three", "Date", "Four"]
    by_line = {p.line: p for p in problems}
    assert set(by_line) == {3, 4, 6, 8}
    assert "7 columns" in by_line[3].message
    assert "0xFC" in by_line[4].message
    assert by_line[8].field == "Connected On"
    assert found[3].extra == {"Connected On": ["someday"]}
    assert all(p.file.endswith("bad_rows.csv") and "\n" not in p.message for p in problems)

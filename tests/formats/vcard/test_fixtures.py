"""Each real-world vCard export parses to the records a person would expect."""

from goodwill.formats import Address, Photo, Typed, detect_format

from ..helpers import DATA, read_all, records


def test_macos_contacts_export():
    johnny, acme = records("macos_contacts.vcf")
    assert (johnny.prefix, johnny.given, johnny.middle, johnny.family, johnny.suffix) == (
        "Dr.",
        "Johnny",
        "Q.",
        "Appleseed",
        "Jr.",
    )
    assert johnny.full_name == "Dr. Johnny Q. Appleseed Jr."
    assert (johnny.organization, johnny.department, johnny.title) == ("Apple Inc.", "Engineering", "Senior Engineer")
    assert johnny.emails == [Typed("johnny@apple.example", "work", True), Typed("jay@home.example", "other")]
    assert johnny.phones == [
        Typed("+1 (408) 555-0101", "mobile", True),
        Typed("+1 408 555 0102", "work"),
        Typed("+1 408 555 0103", "Assistant"),
    ]  # item2.X-ABLabel
    assert johnny.urls == [Typed("https://apple.example/~johnny", "homepage", True)]
    assert johnny.addresses == [
        Address("home", "1 Infinite Loop", "Cupertino", "CA", "95014", "United States", preferred=True)
    ]
    assert johnny.birthday == "--04-12"  # 1604 + X-APPLE-OMIT-YEAR
    assert johnny.note == "Met at WWDC 2019.\nLikes apples, obviously."
    assert johnny.tags == ["Work", "Friends"]
    assert johnny.photo.media_type == "image/jpeg" and johnny.photo.data[:2] == b"\xff\xd8"
    assert johnny.linkedin_url == "https://www.linkedin.com/in/johnny-appleseed"
    assert johnny.extra["X-ABUID"] == ["5B2A4C3E-1234-4C5D-9E8F-0A1B2C3D4E5F:ABPerson"]
    assert johnny.extra["item5.X-ABRELATEDNAMES;type=pref"] == ["Jane Appleseed"]
    assert johnny.extra["item5.X-ABLabel"] == ["_$!<Spouse>!$_"]
    assert johnny.extra["item3.X-ABADR"] == ["us"]
    assert acme.full_name == "Acme Corp" and acme.given == "" and acme.extra["X-ABShowAs"] == ["COMPANY"]


def test_icloud_export():
    (jane,) = records("icloud.vcf")
    assert jane.phones == [Typed("+1 555 010 0200", "mobile", True), Typed("+1 555 010 0201", "main")]
    assert jane.addresses[0].kind == "work" and jane.addresses[0].extended == "Floor 3"
    assert (jane.uid, jane.rev, jane.birthday) == (
        "8F6A0B5C-0D4E-4F3A-9B8C-7D6E5F4A3B2C",
        "2025-03-04T10:11:12Z",
        "1990-02-28",
    )


def test_google_vcard_photo_urls_and_escaped_colons():
    ada, charles = records("google.vcf")
    assert ada.photo == Photo("", None, "https://lh3.googleusercontent.com/contacts/AAbbCCdd1234=s100")
    assert charles.photo.uri == "https://lh3.googleusercontent.com/contacts/EEff5678=s100"
    assert ada.urls == [Typed("https://ada.example/notes", "PROFILE")]  # Google writes https\://
    assert ada.tags == ["Friends"]  # myContacts is every contact: dropped
    assert [e.kind for e in ada.emails] == ["home", "work"]


def test_android_21_quoted_printable_utf8():
    taro, anna = records("android_21.vcf")
    assert (taro.family, taro.given, taro.full_name) == ("山田", "太郎", "太郎 山田")
    assert taro.note == "日本語のメモ\nSecond line, café"  # soft line break joined
    assert taro.photo.media_type == "image/jpeg" and len(taro.photo.data) == 91
    assert taro.extra["X-ANDROID-CUSTOM"] == ["vnd.android.cursor.item/nickname;Taro-chan;1;;;;;;;;;;;;;"]
    # N without FN: the display name is built from N.
    assert anna.full_name == "Anna Smith"
    assert anna.phones == [Typed("+1 555 0100", "work"), Typed("+1 555 0101", "work fax")]
    assert [a.kind for a in anna.addresses] == ["work", "home"]
    assert anna.birthday == "--04-12"


def test_outlook_21_windows_1252():
    (jurgen,) = records("outlook_21_cp1252.vcf")
    assert jurgen.full_name == "Dr. Jürgen Müller"
    assert jurgen.organization == "Bäckerei Müller GmbH" and jurgen.title == "Geschäftsführer"
    assert jurgen.addresses[0].city == "München" and jurgen.addresses[0].preferred
    assert jurgen.note == "Kunde seit 2015.\nBevorzugt Anrufe vormittags."
    # QP without CHARSET in a windows-1252 file, kept decoded, newlines as vCard escapes.
    assert jurgen.extra["LABEL;WORK;PREF"] == ["Hauptstraße 5\\nMünchen, Bayern 80331\\nDeutschland"]
    assert jurgen.birthday == "1970-03-01"


def test_utf16_le_with_bom():
    zoe, li = records("utf16le_bom.vcf")
    assert zoe.full_name == "Zoë Ødegård" and zoe.emails == [Typed("zoe@example.no", "work")]
    assert (li.full_name, li.family, li.given) == ("李小龙", "李", "小龙")


def test_utf16_without_bom(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.vcf"
        path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë\r\nEND:VCARD\r\n".encode(codec))
        found, problems = read_all(path)
        assert problems == [] and found[0].full_name == "Zoë"


def test_vcard_40_data_uri_photo_and_params():
    (grace,) = records("v4_data_uri.vcf")
    assert grace.photo.media_type == "image/png" and grace.photo.data.startswith(b"\x89PNG")
    assert grace.phones == [Typed("+1-555-555-0199", "mobile", True), Typed("+1-555-555-0100", "work")]
    assert grace.addresses[0].label == "Building 166\nWashington, DC 20374\nUSA"
    assert grace.birthday == "--12-09"
    assert grace.extra['X-CUSTOM-FIELD;X-PARAM="a:b"'] == ["custom value"]
    assert grace.extra["ANNIVERSARY"] == ["19300615"] and grace.extra["GENDER"] == ["F"]


def test_truncated_file_imports_what_it_has_and_says_so():
    found, problems = read_all(DATA / "truncated.vcf")
    assert [r.full_name for r in found] == ["Complete Person", "Cut Off"]
    assert len(problems) == 1 and problems[0].line == 7 and "END:VCARD" in problems[0].message


def test_garbage_property_costs_one_problem_and_the_card_imports():
    found, problems = read_all(DATA / "garbage_property.vcf")
    gary, following = found
    assert gary.emails == [Typed("gary@example.com", "work")]
    assert gary.phones == [Typed("+1 555 0142", "mobile")]  # after the garbage lines
    assert gary.extra["BDAY"] == ["sometime in spring"]  # kept, not lost
    assert following.full_name == "Next Card"
    where = {(p.line, p.field) for p in problems}
    assert where == {(6, "this line is not a property"), (7, "BDAY"), (8, None), (11, "stray text between cards")}
    assert all(p.file.endswith("garbage_property.vcf") for p in problems)


def test_bday_forms(tmp_path):
    forms = {
        "19850412": "1985-04-12",
        "1985-04-12": "1985-04-12",
        "--0412": "--04-12",
        "--04-12": "--04-12",
        "1985-04-12T00:00:00Z": "1985-04-12",
    }
    for raw, expected in forms.items():
        path = tmp_path / "b.vcf"
        path.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:X\nBDAY:{raw}\nEND:VCARD\n")
        assert records_at(path)[0].birthday == expected, raw


def test_fn_without_n_and_bare_21_types(tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:Only Display\nTEL;WORK;VOICE:1\nTEL;HOME;FAX:2\n"
        "EMAIL;INTERNET;PREF:a@b.example\nEND:VCARD\n"
    )
    (card,) = records_at(path)
    assert (card.full_name, card.given, card.family) == ("Only Display", "", "")
    assert card.phones == [Typed("1", "work"), Typed("2", "home fax")]
    assert card.emails == [Typed("a@b.example", "other", True)]


def test_unindented_21_base64_photo(tmp_path):
    path = tmp_path / "d.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:2.1\nFN:P\nPHOTO;TYPE=PNG;ENCODING=BASE64:\n"
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4\n"
        "nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC\n\nEND:VCARD\n"
    )
    (card,) = records_at(path)
    assert card.photo.media_type == "image/png" and card.photo.data.endswith(b"IEND\xaeB`\x82")


def test_detects_vcard():
    for name in ("macos_contacts.vcf", "utf16le_bom.vcf", "outlook_21_cp1252.vcf"):
        assert detect_format(DATA / name) == "vcard"


def records_at(path):
    found, problems = read_all(path)
    assert problems == [], problems
    return found

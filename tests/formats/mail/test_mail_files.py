"""Reading mail files: real-world exports, bad input, and a property check that any
bytes give messages, problems or one FormatError, never a traceback."""

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.formats.errors import FormatError, Problem
from goodwill.formats.mail.body import decode_bytes
from goodwill.formats.mail.headers import MailError, parse_mail
from goodwill.formats.mail.read import RawMessage, detect_kind, mailboxes, read_mail

DATA = Path(__file__).parents[2] / "data" / "mail"


def messages(path):
    return [item for item in read_mail(path) if isinstance(item, RawMessage)]


def problems(path):
    return [item for item in read_mail(path) if isinstance(item, Problem)]


def test_gmail_takeout_mbox_headers_and_text():
    raws = messages(DATA / "gmail_takeout.mbox")
    assert len(raws) == 8
    first = parse_mail(raws[0])
    assert first.message_id == "CAJane0001@mail.gmail.com"
    assert first.sender == "jane.doe@example.com" and first.sender_name == "Jane Doe"
    assert first.to == ["ann.owner@gmail.com"]
    assert first.date.isoformat() == "2026-11-16T11:02:00+01:00"
    assert first.headers["x-gm-thrid"] == "1784023311871238471"
    # quoted-printable UTF-8 soft line break, from the text/plain part (not the HTML)
    assert "the café project." in first.text()
    third = parse_mail(raws[2])
    assert third.sender_name == "Doe, Jane"  # a comma in a quoted display name
    assert third.references == ["CAJane0001@mail.gmail.com", "CAAnn0002@mail.gmail.com"]
    assert third.in_reply_to == ["CAAnn0002@mail.gmail.com"]
    # mboxrd: ">From the sounds" was escaped in the file
    assert "\nFrom the sounds of it he is hiring." in third.text()
    old = parse_mail(raws[-1])
    assert old.subject == "Café recommendations"
    # an unescaped "From " line inside a paragraph did not start a new message
    assert "From here the list is long." in old.text()


def test_outlook_message_with_windows_1252_and_encoded_words():
    [raw] = messages(DATA / "outlook_reply.eml")
    mail = parse_mail(raw)
    assert mail.sender == "bjorn.muller@contoso.example" and mail.sender_name == "Björn Müller"
    assert mail.subject == "AW: Angebot für Q1"
    assert "danke für das Angebot – wir möchten" in mail.text()  # 0x96 is an en dash in cp1252
    assert mail.headers["thread-index"].startswith("AQHZ")
    assert mail.in_reply_to == ["CAAnn0100@mail.gmail.com"] and mail.references == []


def test_broken_mbox_reports_each_bad_message_with_its_line():
    raws = messages(DATA / "broken.mbox")
    assert [r.line for r in raws] == [1, 12, 20, 28, 32]
    results = {}
    for raw in raws:
        try:
            results[raw.line] = parse_mail(raw)
        except MailError as exc:
            results[raw.line] = str(exc)
    charset = results[1]
    assert charset.subject.startswith("Hello and broken")  # unknown charset in an encoded word
    assert "Café au lait?" in charset.text()  # Latin-1 body under a charset nobody knows
    assert "no sender" in results[12]
    assert results[20].date.isoformat() == "2026-11-17T11:00:00+00:00"  # from the From_ line
    assert "not an email message" in results[28]
    assert "truncated" in results[32]  # the file ends inside a multipart attachment


def test_missing_message_id_gets_a_stable_derived_one():
    raw = RawMessage(
        b"From: a@x.example\nTo: b@y.example\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: hi\n\nbody\n", "m", 0
    )
    first, again = parse_mail(raw), parse_mail(raw)
    assert first.derived_id and first.message_id == again.message_id
    assert first.message_id.endswith("@goodwill.derived")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02PK\x03\x04binary", "binary"),
        (b"name,email\nJane,jane@x.example\n", "not mail"),
        (b"BEGIN:VCARD\nVERSION:3.0\nFN:Jane\nEND:VCARD\n", "not mail"),
    ],
)
def test_files_that_are_not_mail_are_refused_whole(tmp_path, content, message):
    path = tmp_path / "export.mbox"
    path.write_bytes(content)
    with pytest.raises(FormatError) as error:
        detect_kind(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_missing_path_and_folder_without_mail(tmp_path):
    with pytest.raises(FormatError, match="no such file"):
        mailboxes(tmp_path / "nope.mbox")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(FormatError, match="no mail in it"):
        mailboxes(tmp_path)


def _email(sender, to, subject, body, message_id):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = "Mon, 16 Nov 2026 10:00:00 +0000"
    message["Message-ID"] = message_id
    message.set_content(body)
    return message


def test_maildir_with_maildirplus_subfolders(tmp_path):
    root = mailbox.Maildir(tmp_path / "Mail", create=True)
    root.add(_email("jane@x.example", "me@x.example", "Hi", "inbox mail", "<in-1@x>"))
    sent = root.add_folder("Sent")
    sent.add(_email("me@x.example", "jane@x.example", "Re: Hi", "my answer", "<out-1@x>"))
    boxes = mailboxes(tmp_path / "Mail")
    assert [kind for kind, _ in boxes] == ["maildir", "maildir"]
    ids = sorted(parse_mail(raw).message_id for raw in messages(tmp_path / "Mail"))
    assert ids == ["in-1@x", "out-1@x"]


def test_apple_mail_export_bundle_and_folder_of_exports(tmp_path):
    bundle = tmp_path / "Exports" / "Inbox.mbox"
    bundle.mkdir(parents=True)
    box = mailbox.mbox(bundle / "mbox")
    box.add(_email("jane@x.example", "me@x.example", "From Apple", "From the start\nFrom here on", "<apple-1@x>"))
    box.flush()
    (bundle / "Info.plist").write_text("<plist/>")
    (tmp_path / "Exports" / "one.eml").write_bytes(
        bytes(_email("bob@x.example", "me@x.example", "eml", "x", "<eml-1@x>"))
    )
    assert detect_kind(bundle) == "mbox"
    ids = sorted(parse_mail(raw).message_id for raw in messages(tmp_path / "Exports"))
    assert ids == ["apple-1@x", "eml-1@x"]
    # the stdlib wrote mboxo ">From " escapes; they read back as written
    [apple] = [parse_mail(r) for r in messages(bundle)]
    assert apple.text().startswith("From the start\nFrom here on")


def test_charset_fallbacks():
    assert decode_bytes("Grüße".encode("cp1252"), "utf-8") == "Grüße"  # mislabelled as UTF-8
    assert decode_bytes("Grüße".encode(), "x-nonsense") == "Grüße"  # unknown label
    assert decode_bytes("naïve".encode("cp1252"), "iso-8859-1") == "naïve"
    assert decode_bytes(b"caf\xc3", "utf-8") == "caf\ufffd"  # cut mid-character


def test_mbox_written_by_the_stdlib_reads_back_message_for_message(tmp_path):
    box = mailbox.mbox(tmp_path / "std.mbox")
    for n in range(30):
        box.add(_email(f"p{n}@x.example", "me@x.example", f"n{n}", f"From line {n}\n\nFrom {n} too\n", f"<m{n}@x>"))
    box.flush()
    parsed = [parse_mail(raw) for raw in messages(tmp_path / "std.mbox")]
    assert [m.message_id for m in parsed] == [f"m{n}@x" for n in range(30)]
    assert all(m.text().startswith(f"From line {n}") for n, m in enumerate(parsed))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=3000),
    prefix=st.sampled_from([b"", b"From x@y Mon Nov 16 10:00:00 2026\n", b"From: a@b.c\n"]),
)
def test_any_bytes_give_messages_problems_or_one_format_error(tmp_path, data, prefix):
    path = tmp_path / "fuzz.mbox"
    path.write_bytes(prefix + data)
    try:
        items = list(read_mail(path))
    except FormatError:
        return
    for item in items:
        if isinstance(item, RawMessage):
            try:
                mail = parse_mail(item)
                mail.text()
            except MailError:
                pass
        else:
            assert isinstance(item, Problem)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), min_size=1, max_size=8))
def test_any_bodies_split_into_the_same_number_of_messages(bodies):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        box = mailbox.mbox(Path(folder) / "gen.mbox")
        for n, body in enumerate(bodies):
            box.add(_email("a@x.example", "b@x.example", "s", body, f"<g{n}@x>"))
        box.flush()
        parsed = [parse_mail(raw) for raw in messages(Path(folder) / "gen.mbox")]
    assert [m.message_id for m in parsed] == [f"g{n}@x" for n in range(len(bodies))]


def test_quick_message_id_agrees_with_the_parser():
    from goodwill.formats.mail.headers import quick_message_id

    for raw in messages(DATA / "gmail_takeout.mbox") + messages(DATA / "outlook_reply.eml"):
        assert quick_message_id(raw.data) == parse_mail(raw).message_id
    folded = b"From: a@x.example\r\nMessage-ID:\r\n <folded-1@x.example>\r\nDate: Mon, 2 Nov 2026 10:00:00 +0000\r\n\r\nMessage-ID: <body@x>\r\n"
    assert quick_message_id(folded) == "folded-1@x.example" == parse_mail(RawMessage(folded, "f", 0)).message_id
    assert quick_message_id(b"From: a@x.example\n\nMessage-ID: <in-the-body@x>\n") is None


def test_a_huge_message_without_line_breaks_is_skipped_not_loaded(tmp_path, monkeypatch):
    from goodwill.formats.mail import read

    monkeypatch.setattr(read, "MAX_MESSAGE_BYTES", 200_000)
    path = tmp_path / "huge.mbox"
    with path.open("wb") as out:
        out.write(b"From a@x Mon Nov 16 10:00:00 2026\nFrom: a@x.example\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n\n")
        out.write(b"x" * 3_000_000)  # 3 MB on one line
        out.write(
            b"\n\nFrom b@x Mon Nov 16 11:00:00 2026\nFrom: b@x.example\nDate: Mon, 16 Nov 2026 11:00:00 +0000\n"
            b"Message-ID: <after@x>\n\nfine\n"
        )
    items = list(read_mail(path))
    assert isinstance(items[0], Problem) and "broken mbox" in items[0].message
    assert parse_mail(items[1]).message_id == "after@x"

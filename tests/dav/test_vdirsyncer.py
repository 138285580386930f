"""vdirsyncer, a real CardDAV/CalDAV client, syncing alice's network with a local vdir both
ways (issue 16 §4): create, edit and delete on each side, sync, compare, sync again and
see nothing move; and a conflict, reported with nothing lost, then resolved."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.dav.vdirsyncer import configure, copied_or_deleted, set_conflict_resolution

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(alice, now):
    from goodwill.services.notes import add_note
    from goodwill.services.people import PersonFields, add_person

    jane = add_person(
        alice,
        PersonFields(
            name="Jane Doe",
            organization="Acme",
            emails=["jane@example.com"],
            circle="close",
            how_met="Met at the Austin trail run",
        ),
    )
    omar = add_person(alice, PersonFields(name="Omar Thompson", phones=["+1 512 555 0142"]))
    add_note(alice, jane, "Secretly interviewing at Globex", "confidential")
    return {"jane": jane, "omar": omar}


@pytest.fixture
def synced(tmp_path, dav_base, phone_password, people):
    """The pair configured, discovered and synced once: the vdir holds alice's cards."""
    sync = configure(tmp_path, dav_base, "alice", phone_password)
    sync.discover()
    sync.sync()
    return sync


def card_of(files: dict[str, str], full_name: str) -> tuple[str, str]:
    found = [(name, text) for name, text in files.items() if re.search(rf"^FN:{full_name}\r?$", text, re.M)]
    assert len(found) == 1, f"{full_name}: {len(found)} cards in {sorted(files)}"
    return found[0]


def with_line(card: str, line: str) -> str:
    """The card with `line` added before END:VCARD (line endings as the card has them)."""
    newline = "\r\n" if "\r\n" in card else "\n"
    return card.replace("END:VCARD", line + newline + "END:VCARD", 1)


def test_the_network_arrives_in_the_vdir_once(synced, people):
    files = synced.files()
    assert len(files) == 2
    _name, jane = card_of(files, "Jane Doe")
    assert "jane@example.com" in jane
    assert "Acme" in jane
    assert "Globex" not in "".join(files.values())  # a confidential note never leaves Goodwill
    _name, omar = card_of(files, "Omar Thompson")
    assert "555" in omar and "0142" in omar

    again = synced.sync()
    assert copied_or_deleted(again) == []
    assert synced.files() == files


def test_a_card_made_in_the_vdir_becomes_one_person(synced, alice):
    from goodwill.models import Person

    card = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "UID:3f1c2a7e-ada-lovelace",
            "N:Lovelace;Ada;;;",
            "FN:Ada Lovelace",
            "EMAIL;TYPE=INTERNET:ada@analytical.example",
            "END:VCARD",
            "",
        ]
    )
    (synced.vdir / "3f1c2a7e-ada-lovelace.vcf").write_text(card, encoding="utf-8")
    synced.sync()

    ada = Person.objects.get(owner=alice, name="Ada Lovelace")
    assert list(ada.contact_points.values_list("value", flat=True)) == ["ada@analytical.example"]
    synced.sync()
    again = synced.sync()
    assert copied_or_deleted(again) == []
    assert Person.objects.filter(owner=alice, name="Ada Lovelace").count() == 1
    assert len(synced.files()) == 3


def test_an_edit_in_the_vdir_merges_into_the_person(synced, alice, people):
    from goodwill.models import Person

    name, jane_card = card_of(synced.files(), "Jane Doe")
    edited = with_line(jane_card, "TITLE:Head of Research")
    edited = edited.replace("jane@example.com", "jane@acme.example")
    (synced.vdir / name).write_text(edited, encoding="utf-8")
    done = synced.sync()
    assert any("goodwill" in line for line in copied_or_deleted(done))

    jane = Person.objects.get(pk=people["jane"].pk)
    assert jane.title == "Head of Research"
    assert "jane@acme.example" in set(jane.contact_points.values_list("value", flat=True))
    # What a card can't hold is Goodwill's and stays.
    assert jane.how_met == "Met at the Austin trail run"
    assert jane.circle is not None and jane.circle.name == "close"
    assert jane.notes.filter(text__contains="Globex").exists()
    assert Person.objects.filter(owner=alice).count() == 2  # merged, not duplicated


def test_a_card_deleted_in_the_vdir_is_a_soft_delete_undone_in_goodwill(synced, alice, people):
    from goodwill.models import Person, PersonDeletion
    from goodwill.services.deletion import restore_person

    name, card = card_of(synced.files(), "Omar Thompson")
    (synced.vdir / name).unlink()
    synced.sync()

    assert not Person.objects.filter(pk=people["omar"].pk).exists()
    deletion = PersonDeletion.objects.get(owner=alice, person_id=people["omar"].pk)

    restore_person(alice, deletion)
    synced.sync()
    # The same card comes back (vdirsyncer names files itself: a UID with ":" gets a random name).
    _name, back = card_of(synced.files(), "Omar Thompson")
    assert uid_of(back) == uid_of(card)
    assert Person.objects.get(pk=people["omar"].pk).name == "Omar Thompson"


def uid_of(card: str) -> str:
    (uid,) = re.findall(r"^UID:(.+?)\r?$", card, re.M)
    return uid


def test_edits_in_goodwill_reach_the_vdir_and_then_rest(synced, alice, people):
    from goodwill.services.deletion import delete_person
    from goodwill.services.people import PersonFields, add_person, edit_person

    jane_file, _card = card_of(synced.files(), "Jane Doe")
    omar_file, _card = card_of(synced.files(), "Omar Thompson")
    edit_person(alice, people["jane"], PersonFields(title="Chief of Staff"))
    delete_person(alice, people["omar"])
    add_person(alice, PersonFields(name="Priya Laurent", emails=["priya@example.com"]))

    synced.sync()
    files = synced.files()
    assert "TITLE:Chief of Staff" in files[jane_file]
    assert omar_file not in files
    _name, priya = card_of(files, "Priya Laurent")
    assert "priya@example.com" in priya

    again = synced.sync()
    assert copied_or_deleted(again) == []
    assert synced.files() == files


def test_a_conflict_is_reported_and_nothing_is_lost_until_resolved(synced, alice, people):
    from goodwill.models import Person
    from goodwill.services.people import PersonFields, edit_person

    name, card = card_of(synced.files(), "Jane Doe")
    edit_person(alice, people["jane"], PersonFields(title="Chief of Staff"))
    (synced.vdir / name).write_text(with_line(card, "TITLE:Trail Captain"), encoding="utf-8")

    done = synced.sync(check=False)
    assert done.returncode != 0
    assert "changed on both sides" in done.stdout + done.stderr
    assert "TITLE:Trail Captain" in (synced.vdir / name).read_text(encoding="utf-8")
    assert Person.objects.get(pk=people["jane"].pk).title == "Chief of Staff"

    set_conflict_resolution(synced, "a wins")  # a is Goodwill
    synced.sync()
    assert "TITLE:Chief of Staff" in (synced.vdir / name).read_text(encoding="utf-8")
    assert Person.objects.get(pk=people["jane"].pk).title == "Chief of Staff"
    assert copied_or_deleted(synced.sync()) == []


def test_the_task_list_both_ways(tmp_path, dav_base, phone_password, alice, people):
    from goodwill.models import NextStep, StepStatus
    from goodwill.services.steps import add_step

    deck = add_step(alice, people["jane"], "send Jane the deck", due=date(2026, 11, 25))
    intro = add_step(alice, people["omar"], "introduce Omar to Priya", due=date(2026, 11, 27))
    theirs = add_step(alice, people["omar"], "Omar sends the contract", ball="theirs")
    sync = configure(tmp_path, dav_base, "alice", phone_password, collection="tasks")
    sync.discover()
    sync.sync()

    files = sync.files()
    texts = "".join(files.values())
    assert "send Jane the deck" in texts and "introduce Omar to Priya" in texts
    assert theirs.text not in texts  # only steps whose ball is mine
    assert "20261125" in texts

    (deck_file,) = [n for n, t in files.items() if "send Jane the deck" in t]
    (intro_file,) = [n for n, t in files.items() if "introduce Omar" in t]
    newline = "\r\n" if "\r\n" in files[deck_file] else "\n"
    done = re.sub(r"^STATUS:[A-Z-]+\r?\n", "", files[deck_file], flags=re.M).replace(
        "END:VTODO", f"STATUS:COMPLETED{newline}COMPLETED:20261123T100000Z{newline}END:VTODO"
    )
    (sync.vdir / deck_file).write_text(done, encoding="utf-8")
    moved = re.sub(r"^DUE(;VALUE=DATE)?:\d{8}", r"DUE\1:20261204", files[intro_file], flags=re.M)
    (sync.vdir / intro_file).write_text(moved, encoding="utf-8")
    sync.sync()

    assert NextStep.objects.get(pk=deck.pk).status == StepStatus.DONE
    intro_now = NextStep.objects.get(pk=intro.pk)
    assert intro_now.status == StepStatus.OPEN
    assert intro_now.due_on == date(2026, 12, 4)

"""Mail import: what is logged, what is ignored, idempotence, threads and replies owed,
promises in my sent mail, bad input, atomicity and owner isolation."""

import mailbox
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from goodwill.errors import InvalidInput
from goodwill.models import ImportBatch, Interaction, NextStep
from goodwill.queries.replies import replies_view
from goodwill.queries.today import agenda
from goodwill.services.contacts_import import undo_import
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.mail_import import external_id, import_mail
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).parents[1] / "data" / "mail"
ME = "ann.owner@gmail.com"


@pytest.fixture
def people(alice, now):
    return {
        "jane": add_person(alice, PersonFields(name="Jane Doe", emails=["Jane.Doe@example.com"])),
        "bob": add_person(alice, PersonFields(name="Bob Stone", emails=["bob@stone.example"])),
        "bjorn": add_person(alice, PersonFields(name="Björn Müller", emails=["bjorn.muller@contoso.example"])),
    }


def email(sender, to, subject, body, message_id, date, **headers):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = date
    message["Message-ID"] = message_id
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message


def mbox(path, *messages):
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    return path


def test_known_people_are_logged_privately_without_bodies(alice, people):
    report = import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    assert report.read == 8 and report.logged == 4
    assert (report.automated, report.unknown, report.skipped) == (3, 1, 0)
    assert report.automated_reasons == {"mailing list": 1, "auto-submitted": 1, "no-reply sender": 1}
    rows = list(Interaction.objects.filter(owner=alice).order_by("occurred_at"))
    assert all(r.kind == "email" and r.confidentiality == "private" and r.body == "" for r in rows)
    first = rows[1]
    assert first.summary.startswith("Lunch next week? — Hi Ann, Would you have time for lunch next week?")
    assert first.external_id == "mail:CAJane0001@mail.gmail.com" and first.direction == "inbound"
    assert list(first.participants.all()) == [people["jane"]]
    assert rows[2].direction == "outbound"
    # the rhythm moved to the latest mail
    people["jane"].refresh_from_db()
    assert people["jane"].last_touch_at == datetime(2026, 11, 20, 8, 15, tzinfo=UTC)


def test_importing_again_changes_nothing(alice, people):
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    before = list(Interaction.objects.filter(owner=alice).values().order_by("pk"))
    steps = NextStep.objects.count()
    again = import_mail(alice, [DATA / "gmail_takeout.mbox"], apply=True)  # my address is remembered
    assert again.logged == 0 and again.unchanged == 4 and again.promises == 0
    assert list(Interaction.objects.filter(owner=alice).values().order_by("pk")) == before
    assert NextStep.objects.count() == steps


def test_thread_with_their_last_word_is_a_reply_owed_on_today(alice, people, now):
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    jane_first, mine, jane_last = Interaction.objects.filter(owner=alice, participants=people["jane"]).order_by(
        "occurred_at"
    )
    assert jane_first.thread_id == mine.thread_id == jane_last.thread_id
    assert jane_first.awaiting_reply and jane_first.replied_at == mine.occurred_at  # answered in 5.5 hours
    assert jane_last.awaiting_reply and jane_last.replied_at is None
    owed = agenda(alice, now=now).replies_owed
    assert [(r.person_name, r.interaction_id) for r in owed] == [("Jane Doe", jane_last.pk)]
    old_bob = Interaction.objects.get(owner=alice, participants=people["bob"])
    assert not old_bob.awaiting_reply  # 2024 mail nobody waits on any more


def test_my_later_mail_in_the_thread_closes_the_reply(alice, people, tmp_path):
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    answer = email(
        ME,
        "jane.doe@example.com",
        "Re: Lunch next week?",
        "Happy to introduce you to Tom.",
        "<CAAnn0004@mail.gmail.com>",
        "Sun, 22 Nov 2026 20:00:00 +0000",
        In_Reply_To="<CAJane0003@mail.gmail.com>",
        References="<CAJane0001@mail.gmail.com> <CAAnn0002@mail.gmail.com> <CAJane0003@mail.gmail.com>",
    )
    report = import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], apply=True)
    assert report.logged == 1 and report.replies_closed == 1
    jane_last = Interaction.objects.get(owner=alice, external_id="mail:CAJane0003@mail.gmail.com")
    assert jane_last.replied_at == datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    assert not [r for r in agenda(alice).replies_owed if r.person_name == "Jane Doe"]


def test_sent_folder_imported_first_then_inbox(alice, people, tmp_path):
    """Order of imports does not matter: the thread and the reply come out the same."""
    question = email(
        "jane.doe@example.com",
        ME,
        "Intro?",
        "Could you introduce me to Tom?",
        "<q1@x>",
        "Thu, 19 Nov 2026 10:00:00 +0000",
    )
    answer = email(
        ME,
        "jane.doe@example.com",
        "Re: Intro?",
        "Done, see my other mail.",
        "<a1@x>",
        "Thu, 19 Nov 2026 12:00:00 +0000",
        In_Reply_To="<q1@x>",
        References="<q1@x>",
    )
    import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], me=[ME], apply=True)
    import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], apply=True)
    q = Interaction.objects.get(owner=alice, external_id="mail:q1@x")
    a = Interaction.objects.get(owner=alice, external_id="mail:a1@x")
    assert q.thread_id == a.thread_id == "mail:q1@x"
    assert q.awaiting_reply and q.replied_at == a.occurred_at


def test_subject_fallback_threads_a_reply_without_ids(alice, people, tmp_path):
    question = email(
        "bob@stone.example", ME, "Budget 2027", "Can we talk budget?", "<b1@x>", "Wed, 18 Nov 2026 09:00:00 +0000"
    )
    answer = email(
        ME, "bob@stone.example", "AW: Budget 2027", "Yes, Thursday.", "<b2@x>", "Wed, 18 Nov 2026 10:00:00 +0000"
    )
    import_mail(alice, [mbox(tmp_path / "m.mbox", question, answer)], me=[ME], apply=True)
    q = Interaction.objects.get(owner=alice, external_id="mail:b1@x")
    assert q.thread_id == "mail:b1@x" and q.replied_at is not None


def test_promises_come_from_my_new_text_only(alice, people):
    report = import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    assert report.promises == 1
    [step] = NextStep.objects.filter(owner=alice)
    assert step.text == "send the article on remote hiring" and step.ball == "mine"
    assert str(step.due_on) == "2026-11-20"  # "by Friday", from the mail's own date
    assert step.person == people["jane"] and step.interaction.external_id == "mail:CAAnn0002@mail.gmail.com"
    assert "brochure" not in step.source_sentence  # the quoted "I will bring the brochure" is Jane's


def test_old_sent_mail_is_not_read_for_promises(alice, people, tmp_path):
    old = email(
        ME, "bob@stone.example", "Deck", "I'll send you the deck tomorrow.", "<old@x>", "Mon, 2 Mar 2026 09:00:00 +0000"
    )
    report = import_mail(alice, [mbox(tmp_path / "m.mbox", old)], me=[ME], apply=True)
    assert report.logged == 1 and report.promises == 0
    report = import_mail(
        alice,
        [
            mbox(
                tmp_path / "n.mbox",
                email(
                    ME,
                    "bob@stone.example",
                    "Deck",
                    "I'll send you the deck tomorrow.",
                    "<old2@x>",
                    "Mon, 2 Mar 2026 09:00:00 +0000",
                ),
            )
        ],
        recent_days=365,
        apply=True,
    )
    assert report.promises == 1


def test_a_dry_run_writes_nothing(alice, people):
    report = import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME])
    assert report.logged == 4 and not report.applied and report.promises == 1
    assert not Interaction.objects.exists() and not NextStep.objects.exists() and not ImportBatch.objects.exists()


def test_bad_messages_are_skipped_and_reported_the_rest_imports(alice, people):
    report = import_mail(alice, [DATA / "broken.mbox"], me=[ME], apply=True)
    assert report.skipped == 3 and report.logged == 2
    assert any("broken.mbox:12: no sender" in p for p in report.problems)
    assert any("broken.mbox:32:" in p and "truncated" in p for p in report.problems)


def test_strict_imports_nothing_when_a_message_is_bad(alice, people):
    report = import_mail(alice, [DATA / "broken.mbox"], me=[ME], apply=True, strict=True)
    assert report.skipped == 3 and not report.applied
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.parametrize("content", [b"\x00\x01binary\xff" * 100, b"First Name,Last Name\nJane,Doe\n", b""])
def test_a_file_that_is_not_mail_is_one_clear_error(alice, people, tmp_path, content):
    path = tmp_path / "export.mbox"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as error:
        import_mail(alice, [path], me=[ME], apply=True)
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert not Interaction.objects.exists()


def test_my_addresses_are_needed_once_and_kept_in_my_settings(alice, bob, people):
    from goodwill.services.accounts import settings_for

    with pytest.raises(InvalidInput, match="say which addresses are yours"):
        import_mail(alice, [DATA / "gmail_takeout.mbox"], apply=True)
    with pytest.raises(InvalidInput, match="not a valid email"):
        import_mail(alice, [DATA / "gmail_takeout.mbox"], me=["not-an-address"], apply=True)
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[" Ann.Owner@Gmail.com "])  # a dry run keeps nothing
    assert settings_for(alice).my_emails == []
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=["Ann.Owner@Gmail.com", "ann@work.example"], apply=True)
    assert settings_for(alice).my_emails == ["ann.owner@gmail.com", "ann@work.example"]
    assert settings_for(bob).my_emails == []


def test_a_failure_while_writing_leaves_no_half_batch(alice, people, monkeypatch):
    from goodwill.services import mail_import

    def broken(self, batch, fresh):
        raise RuntimeError("disk full")

    monkeypatch.setattr(mail_import.MailImporter, "_promises", broken)
    with pytest.raises(RuntimeError):
        import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    assert not Interaction.objects.exists() and not ImportBatch.objects.exists()


def test_future_dated_mail_is_skipped(alice, people, tmp_path):
    future = email("bob@stone.example", ME, "From the future", "Hi", "<f@x>", "Fri, 1 Jan 2100 00:00:00 +0000")
    report = import_mail(alice, [mbox(tmp_path / "f.mbox", future)], me=[ME], apply=True)
    assert report.logged == 0 and "in the future" in report.problems[0]


def _answer_a_voicemail_by_mail(alice, people, tmp_path, set_now):
    """Bob's voicemail, logged by hand as a reply owed; then my email to him, imported."""
    set_now("2026-11-18T09:00:00+00:00")
    log_interaction(
        alice,
        LogRequest(
            kind="call",
            people=[people["bob"]],
            summary="Voicemail about the budget",
            direction="inbound",
            awaiting_reply=True,
        ),
    )
    set_now("2026-11-23T09:00:00+00:00")
    answer = email(ME, "bob@stone.example", "Budget", "Got your voicemail.", "<v@x>", "Thu, 19 Nov 2026 10:00:00 +0000")
    return import_mail(alice, [mbox(tmp_path / "v.mbox", answer)], me=[ME], apply=True)


def test_my_mail_answers_a_call_logged_by_hand(alice, people, tmp_path, set_now):
    report = _answer_a_voicemail_by_mail(alice, people, tmp_path, set_now)
    assert report.replies_closed == 1
    call = Interaction.objects.get(owner=alice, kind="call")
    assert call.replied_at == datetime(2026, 11, 19, 10, 0, tzinfo=UTC)


def test_undo_removes_the_logged_mail(alice, people):
    from goodwill.models import ImportItem

    report = import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    # the promise found is remembered by the batch too
    [item] = ImportItem.objects.filter(batch_id=report.batch_id, model="nextstep")
    assert item.object_id == NextStep.objects.get(owner=alice).pk
    undo_import(alice, report.batch_id)
    assert not Interaction.objects.filter(owner=alice).exists()
    assert not NextStep.objects.filter(owner=alice).exists()  # the promise found goes with its mail
    people["jane"].refresh_from_db()
    assert people["jane"].last_touch_at is None


def test_undo_reopens_a_reply_the_import_closed(alice, people, tmp_path, set_now):
    report = _answer_a_voicemail_by_mail(alice, people, tmp_path, set_now)
    undo_import(alice, report.batch_id)
    assert Interaction.objects.get(owner=alice, kind="call").replied_at is None  # owed again


def test_response_time_statistics(alice, people, now):
    import_mail(alice, [DATA / "gmail_takeout.mbox", DATA / "outlook_reply.eml"], me=[ME], apply=True)
    view = replies_view(alice, now=now)
    [november] = view.months
    assert november.month == "2026-11" and november.answered == 1
    assert november.median_hours == pytest.approx(5 + 28 / 60) and november.mean_hours == pytest.approx(5 + 28 / 60)
    # Björn's mail (Thu 14:05) is past its one-day window; Jane's (Fri 08:15) is not yet
    # judged until Monday 08:15 — it is 09:00, so both count against the window.
    assert november.unanswered_late == 2 and november.within_window == pytest.approx(1 / 3)
    assert [r.person_name for r in view.owed] == ["Björn Müller", "Jane Doe"]
    assert view.owed[0].overdue and view.owed[0].age_hours == pytest.approx(90.9, abs=0.1)


def test_outsiders_and_teammates_never_see_or_match_alices_mail(alice, bob, charlie, people):
    import_mail(alice, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    # bob imports the same mailbox: Jane is not one of *his* people, so nothing is logged for him
    report = import_mail(bob, [DATA / "gmail_takeout.mbox"], me=[ME], apply=True)
    assert report.logged == 0 and report.unknown == 5
    assert not Interaction.objects.filter(owner__in=[bob, charlie]).exists()
    assert replies_view(charlie).owed == [] and replies_view(bob).owed == []
    # and his own contact with the same address gets his own interactions, not alice's
    add_person(bob, PersonFields(name="Jane (Bob's)", emails=["jane.doe@example.com"]))
    report = import_mail(bob, [DATA / "gmail_takeout.mbox"], apply=True)
    assert report.logged == 3 and report.unchanged == 0
    assert Interaction.objects.filter(owner=alice).count() == 4


def test_long_message_ids_fit_the_column():
    key = external_id("x" * 1000 + "@example.com")
    assert len(key) <= 400 and key.startswith("mail:sha1:")
    assert external_id("short@x") == "mail:short@x"


# ----------------------------------------------------------------- several people on one message


def _people_of(row):
    return {p.name for p in row.participants.all()}


def test_known_people_on_cc_are_participants_of_the_same_email(alice, people, tmp_path):
    message = email(
        "Jane Doe <jane.doe@example.com>",
        f"{ME}, Stranger <s@elsewhere.example>",
        "Offsite",
        "Can you both make the offsite?",
        "<cc1@x>",
        "Fri, 20 Nov 2026 10:00:00 +0000",
        Cc="Bob Stone <bob@stone.example>",
    )
    report = import_mail(alice, [mbox(tmp_path / "m.mbox", message)], me=[ME], apply=True)
    assert report.logged == 1 and report.replies_owed == 1
    row = Interaction.objects.get(owner=alice)
    assert _people_of(row) == {"Jane Doe", "Bob Stone"} and row.direction == "inbound" and row.awaiting_reply
    # the reply is owed to the sender, once; Bob was only copied
    assert [r.person_name for r in replies_view(alice).owed] == ["Jane Doe"]
    assert [r.person_name for r in agenda(alice).replies_owed] == ["Jane Doe"]
    people["bob"].refresh_from_db()
    assert people["bob"].last_touch_at == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_mail_i_am_only_copied_on_is_logged_but_owes_no_reply(alice, people, tmp_path):
    message = email(
        "jane.doe@example.com",
        "bob@stone.example",
        "Budget",
        "Bob, can you send the numbers?",
        "<cc2@x>",
        "Fri, 20 Nov 2026 10:00:00 +0000",
        Cc=ME,
    )
    report = import_mail(alice, [mbox(tmp_path / "m.mbox", message)], me=[ME], apply=True)
    row = Interaction.objects.get(owner=alice)
    assert report.logged == 1 and report.replies_owed == 0 and not row.awaiting_reply
    assert _people_of(row) == {"Jane Doe", "Bob Stone"}


def test_a_stranger_copying_someone_i_know_is_not_logged(alice, people, tmp_path):
    message = email(
        "s@elsewhere.example",
        ME,
        "Hello",
        "We met at the fair.",
        "<cc3@x>",
        "Fri, 20 Nov 2026 10:00:00 +0000",
        Cc="bob@stone.example",
    )
    report = import_mail(alice, [mbox(tmp_path / "m.mbox", message)], me=[ME], apply=True)
    assert report.logged == 0 and report.unknown == 1 and not Interaction.objects.exists()


def test_my_mail_to_several_people_has_them_all(alice, people, tmp_path):
    message = email(
        ME,
        "jane.doe@example.com, bob@stone.example",
        "Intro",
        "Jane, meet Bob.",
        "<out1@x>",
        "Fri, 20 Nov 2026 10:00:00 +0000",
        Cc="bjorn.muller@contoso.example, s@elsewhere.example",
    )
    import_mail(alice, [mbox(tmp_path / "m.mbox", message)], me=[ME], apply=True)
    row = Interaction.objects.get(owner=alice)
    assert _people_of(row) == {"Jane Doe", "Bob Stone", "Björn Müller"} and row.direction == "outbound"


def test_in_a_thread_with_several_people_only_my_mail_closes_the_reply(alice, people, tmp_path):
    question = email(
        "jane.doe@example.com",
        ME,
        "Offsite",
        "Which day suits you?",
        "<t1@x>",
        "Thu, 19 Nov 2026 10:00:00 +0000",
        Cc="bob@stone.example",
    )
    bob_answers = email(
        "bob@stone.example",
        "jane.doe@example.com",
        "Re: Offsite",
        "Tuesday for me.",
        "<t2@x>",
        "Thu, 19 Nov 2026 11:00:00 +0000",
        Cc=ME,
        In_Reply_To="<t1@x>",
        References="<t1@x>",
    )
    import_mail(alice, [mbox(tmp_path / "in.mbox", question, bob_answers)], me=[ME], apply=True)
    first = Interaction.objects.get(owner=alice, external_id="mail:t1@x")
    second = Interaction.objects.get(owner=alice, external_id="mail:t2@x")
    assert first.thread_id == second.thread_id
    assert first.awaiting_reply and first.replied_at is None  # Bob answering does not answer for me
    assert not second.awaiting_reply  # I was only copied
    mine = email(
        ME,
        "jane.doe@example.com, bob@stone.example",
        "Re: Offsite",
        "Tuesday works.",
        "<t3@x>",
        "Thu, 19 Nov 2026 15:00:00 +0000",
        In_Reply_To="<t2@x>",
        References="<t1@x> <t2@x>",
    )
    report = import_mail(alice, [mbox(tmp_path / "sent.mbox", mine)], apply=True)
    assert report.replies_closed == 1
    first.refresh_from_db()
    assert first.replied_at == datetime(2026, 11, 19, 15, 0, tzinfo=UTC)


# ----------------------------------------------------------------- the subject fallback across imports


def test_a_reply_without_ids_in_a_later_import_joins_the_thread_and_closes_the_reply(alice, people, tmp_path):
    question = email(
        "Bob Stone <bob@stone.example>",
        ME,
        "[team] Budget 2027",
        "Can we talk budget?",
        "<x1@x>",
        "Wed, 18 Nov 2026 09:00:00 +0000",
    )
    first = import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], me=[ME], apply=True)
    assert first.replies_owed == 1
    answer = email(
        ME, "bob@stone.example", "SV: Fwd: Budget 2027", "Yes, Thursday.", "<x2@x>", "Wed, 18 Nov 2026 16:00:00 +0000"
    )
    second = import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], apply=True)
    assert second.replies_closed == 1 and second.replies_owed == 0
    q = Interaction.objects.get(owner=alice, external_id="mail:x1@x")
    a = Interaction.objects.get(owner=alice, external_id="mail:x2@x")
    assert a.thread_id == q.thread_id == "mail:x1@x"
    assert q.replied_at == datetime(2026, 11, 18, 16, 0, tzinfo=UTC)
    assert replies_view(alice).owed == []
    undo_import(alice, second.batch_id)  # and an undo makes it owed again
    assert [r.person_name for r in replies_view(alice).owed] == ["Bob Stone"]


def test_their_original_imported_after_my_reply_without_ids_is_answered(alice, people, tmp_path):
    answer = email(
        ME, "bob@stone.example", "Re: Budget 2027", "Yes, Thursday.", "<y2@x>", "Wed, 18 Nov 2026 16:00:00 +0000"
    )
    import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], me=[ME], apply=True)
    question = email(
        "bob@stone.example", ME, "Budget 2027", "Can we talk budget?", "<y1@x>", "Wed, 18 Nov 2026 09:00:00 +0000"
    )
    report = import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], apply=True)
    assert report.replies_owed == 0
    q = Interaction.objects.get(owner=alice, external_id="mail:y1@x")
    assert q.thread_id == "mail:y2@x"  # the thread keeps the id it already had
    assert q.awaiting_reply and q.replied_at == datetime(2026, 11, 18, 16, 0, tzinfo=UTC)


def test_the_subject_fallback_across_imports_needs_the_same_people_and_a_near_date(alice, people, tmp_path):
    question = email(
        "bob@stone.example", ME, "Budget 2027", "Can we talk budget?", "<z1@x>", "Mon, 5 Oct 2026 09:00:00 +0000"
    )
    import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], me=[ME], recent_days=90, apply=True)
    to_jane = email(
        ME, "jane.doe@example.com", "Re: Budget 2027", "Here it is.", "<z2@x>", "Tue, 6 Oct 2026 09:00:00 +0000"
    )
    too_late = email(
        ME, "bob@stone.example", "Re: Budget 2027", "Sorry for the delay.", "<z3@x>", "Fri, 13 Nov 2026 09:00:00 +0000"
    )  # 39 days on: past the 30-day window
    report = import_mail(alice, [mbox(tmp_path / "sent.mbox", to_jane, too_late)], recent_days=90, apply=True)
    assert report.replies_closed == 0
    threads = dict(Interaction.objects.filter(owner=alice).values_list("external_id", "thread_id"))
    assert threads == {"mail:z1@x": "mail:z1@x", "mail:z2@x": "mail:z2@x", "mail:z3@x": "mail:z3@x"}
    assert Interaction.objects.get(owner=alice, external_id="mail:z1@x").replied_at is None


def test_a_cc_reply_without_ids_joins_by_any_shared_person(alice, people, tmp_path):
    question = email(
        "jane.doe@example.com",
        ME,
        "Offsite venue",
        "Ideas?",
        "<v1@x>",
        "Thu, 19 Nov 2026 10:00:00 +0000",
        Cc="bob@stone.example",
    )
    import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], me=[ME], apply=True)
    answer = email(
        ME,
        "bob@stone.example",
        "RE: Offsite venue",
        "Bob, what about the boathouse?",
        "<v2@x>",
        "Thu, 19 Nov 2026 12:00:00 +0000",
    )
    report = import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], apply=True)
    assert report.replies_closed == 1
    assert Interaction.objects.get(owner=alice, external_id="mail:v2@x").thread_id == "mail:v1@x"


def test_a_subject_holding_the_summary_separator_still_threads_across_imports(alice, people, tmp_path):
    question = email(
        "bob@stone.example", ME, "Q4 — budget", "Numbers — attached.", "<d1@x>", "Wed, 18 Nov 2026 09:00:00 +0000"
    )
    import_mail(alice, [mbox(tmp_path / "inbox.mbox", question)], me=[ME], apply=True)
    answer = email(ME, "bob@stone.example", "Re: Q4 — budget", "Thanks.", "<d2@x>", "Wed, 18 Nov 2026 10:00:00 +0000")
    assert import_mail(alice, [mbox(tmp_path / "sent.mbox", answer)], apply=True).replies_closed == 1

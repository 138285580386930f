"""Pure mail rules: automated mail, subjects, my own text, threads, and who owes a reply."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.mail_rules import (
    Threader,
    ThreadMessage,
    automated_reason,
    is_reply_subject,
    normalize_subject,
    outlook_conversation,
    settle_thread,
    split_own,
)

T0 = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


@pytest.mark.parametrize(
    "headers, sender, subject, reason",
    [
        ({"list-id": "<python-list.python.org>"}, "jane@x.example", "Re: mboxrd", "mailing list"),
        ({"precedence": "bulk"}, "jane@x.example", "Offers", "Precedence: bulk"),
        ({"precedence": "junk"}, "jane@x.example", "x", "Precedence: junk"),
        ({"auto-submitted": "auto-replied"}, "jane@x.example", "Automatic reply: Lunch", "auto-submitted"),
        ({"x-autoreply": "yes"}, "jane@x.example", "Away", "auto-reply"),
        ({"list-unsubscribe": "<mailto:u@x>"}, "jane@x.example", "This week", "newsletter"),
        ({}, "noreply@github.com", "New issue", "no-reply sender"),
        ({}, "no-reply+abc@accounts.example", "Code", "no-reply sender"),
        ({}, "do_not_reply@bank.example", "Statement", "no-reply sender"),
        ({}, "MAILER-DAEMON@mx.example", "Undelivered Mail Returned to Sender", "no-reply sender"),
        (
            {"content-type": "multipart/report; report-type=delivery-status"},
            "postbox@mx.example",
            "x",
            "delivery report",
        ),
        ({}, "jane@x.example", "Out of Office: Lunch", "auto-reply"),
        ({}, "jane@x.example", "Automatische Antwort: Angebot", "auto-reply"),
    ],
)
def test_automated_mail_is_recognised(headers, sender, subject, reason):
    assert automated_reason(headers, sender, subject) == reason


@pytest.mark.parametrize(
    "headers, sender, subject",
    [
        ({"auto-submitted": "no"}, "jane@x.example", "Lunch?"),
        ({"precedence": "first-class"}, "jane@x.example", "Re: the deck"),
        ({}, "news.anchor@tv.example", "Dinner"),  # "news" only as the whole local part
        ({}, "info@smallfirm.example", "Your question"),  # a real person often reads info@
    ],
)
def test_mail_people_write_is_not_automated(headers, sender, subject):
    assert automated_reason(headers, sender, subject) is None


@pytest.mark.parametrize(
    "subject, normalized",
    [
        ("Re: Lunch", "lunch"),
        ("RE: re: Lunch", "lunch"),
        ("AW: WG: Angebot für Q1", "angebot für q1"),
        ("SV: VS: Möte", "möte"),
        ("Fwd: Re[2]: Budget  2027", "budget 2027"),
        ("[team] Re: Launch plan", "launch plan"),
        ("Re: [team] Launch plan", "launch plan"),
        ("TR: RE: Devis", "devis"),
        ("Re:Lunch", "lunch"),
        ("Regarding lunch", "regarding lunch"),  # a word, not a prefix
    ],
)
def test_subjects_are_normalised(subject, normalized):
    assert normalize_subject(subject) == normalized


def test_reply_prefixes():
    assert is_reply_subject("Re: x") and is_reply_subject("AW: x") and is_reply_subject("SV: x")
    assert not is_reply_subject("Fwd: x") and not is_reply_subject("Lunch")


def test_own_text_of_a_gmail_reply():
    own, earlier = split_own(
        "Tuesday works.\n\nBest,\nAnn\n\nOn Mon, Nov 16, 2026 at 11:02 AM Jane Doe <j@x.example> wrote:\n"
        "> I will bring the brochure.\n"
    )
    assert own == "Tuesday works."
    assert "I will bring the brochure." in earlier


def test_own_text_of_outlook_and_german_replies():
    outlook = "Sounds good.\n\n-----Original Message-----\nFrom: Jane\nSent: Monday\nSubject: x\n\nI'll call you."
    assert split_own(outlook)[0] == "Sounds good."
    outlook_new = (
        "Sounds good.\n\nFrom: Jane Doe <j@x.example>\nSent: Monday, 16 November 2026 10:00\nTo: Ann\n\nOld text"
    )
    assert split_own(outlook_new)[0] == "Sounds good."
    german = "Passt gut.\n\nAm 16.11.2026 um 10:00 schrieb Jane Doe <j@x.example>:\n> Alt"
    assert split_own(german)[0] == "Passt gut."
    signature = "See you then.\n-- \nAnn Owner | +1 555 0100"
    assert split_own(signature)[0] == "See you then."
    mobile = "On it.\n\nSent from my iPhone"
    assert split_own(mobile)[0] == "On it."
    inline = "Answers below.\n> first question\nYes.\n> second\nNo."
    assert split_own(inline)[0] == "Answers below.\nYes.\nNo."
    # "From" at the start of a sentence is text, not a header
    assert split_own("From what I heard, yes.\nTalk soon")[0] == "From what I heard, yes."


def test_outlook_thread_index_names_the_conversation():
    first = outlook_conversation("AQHZ1X9kAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AB")
    reply = outlook_conversation("AQHZ1X9kAbCdEfGhIjKlMnOpQrStUvWxYz0123456789ABCDEFGH")
    assert first and first == reply
    assert outlook_conversation("short") is None


def test_threads_follow_ids_in_any_order():
    threader = Threader()
    # The reply arrives first, with only In-Reply-To (no References).
    threader.add("c", at(5), in_reply_to=["b"])
    threader.add("a", at(0))
    threader.add("b", at(2), in_reply_to=["a"])
    threader.add("other", at(1))
    keys = threader.keys()
    assert keys["a"] == keys["b"] == keys["c"] == "a"
    assert keys["other"] == "other"


def test_references_root_is_the_key_even_when_unseen():
    threader = Threader()
    threader.add("r2", at(3), references=["root", "r1"], in_reply_to=["r1"])
    keys = threader.keys()
    assert keys["r2"] == "root"


def test_subject_fallback_only_for_replies_without_ids_and_same_people():
    threader = Threader()
    threader.add("q", at(0), subject="Lunch next week?", correspondents=["jane@x"])
    threader.add("ans", at(3), subject="Re: Lunch next week?", correspondents=["jane@x"])
    threader.add("bob", at(4), subject="Re: Lunch next week?", correspondents=["bob@x"])
    threader.add("again", at(500), subject="Lunch next week?", correspondents=["jane@x"])
    keys = threader.keys()
    assert keys["ans"] == keys["q"] == "q"
    assert keys["bob"] == "bob"  # another correspondent: another conversation
    assert keys["again"] == "again"  # no reply prefix: a new conversation


def test_subject_fallback_joins_the_latest_earlier_message_sharing_a_person_within_the_window():
    threader = Threader()
    threader.add("q", at(0), subject="Offsite", correspondents=["jane@x", "bob@x"])
    threader.add("reply-to-bob", at(5), subject="RE: Offsite", correspondents=["bob@x"])  # one of them: joins
    threader.add("june", at(24 * 40), subject="Offsite", correspondents=["jane@x"])  # a new conversation
    threader.add("late", at(24 * 72), subject="Re: Offsite", correspondents=["jane@x"])  # 31 days after "prompt"
    threader.add("prompt", at(24 * 41), subject="AW: [team] Offsite", correspondents=["jane@x"])
    keys = threader.keys()
    assert keys["reply-to-bob"] == keys["q"] == "q"
    assert keys["prompt"] == keys["june"] == "june"  # the latest earlier one, not the first
    assert keys["late"] == "late"  # past the 30-day window


def test_subject_fallback_links_to_mail_an_earlier_import_logged_in_both_directions():
    threader = Threader()
    threader.add_known("known:1", at(0), subjects={"budget"}, correspondents=[7], orphan=False)
    threader.add("my-reply", at(3), subject="Re: Budget", correspondents=[7])
    threader.add_known("known:2", at(50), subjects={"offsite"}, correspondents=[7], orphan=True)
    threader.add("their-question", at(49), subject="Offsite", correspondents=[7])
    # two earlier messages are never linked to each other here (their import decided)
    threader.add_known("known:3", at(60), subjects={"plans"}, correspondents=[7], orphan=False)
    threader.add_known("known:4", at(61), subjects={"plans"}, correspondents=[7], orphan=True)
    keys = threader.keys()
    assert keys["my-reply"] == keys["known:1"]
    assert keys["their-question"] == keys["known:2"]
    assert keys["known:3"] != keys["known:4"]


def test_gmail_conversation_ids_join_messages():
    threader = Threader()
    threader.add("m1", at(0), conversation="conv:17")
    threader.add("m2", at(1), conversation="conv:17")
    keys = threader.keys()
    assert keys["m1"] == keys["m2"] == "m1"


OLD = at(-24 * 365)


def test_last_word_from_them_owes_a_reply_and_my_answer_closes_it():
    messages = [
        ThreadMessage("in1", at(0), True, True),
        ThreadMessage("out", at(5), False, True),
        ThreadMessage("in2", at(30), True, True),
        ThreadMessage("in3", at(31), True, True),
    ]
    states = settle_thread(messages, owe_since=OLD)
    assert states["in1"] == (True, at(5))
    assert states["in2"] == (True, None)  # the reply is owed since their first unanswered message
    assert states["in3"] == (False, None)


def test_a_new_answer_closes_an_earlier_import():
    earlier = ThreadMessage("old-in", at(0), True, False, awaiting=True)
    states = settle_thread([earlier, ThreadMessage("mine", at(2), False, True)], owe_since=OLD)
    assert states["old-in"] == (True, at(2))


def test_old_unanswered_mail_owes_nothing_but_answered_old_mail_counts():
    states = settle_thread([ThreadMessage("a", at(0), True, True)], owe_since=at(100))
    assert states["a"] == (False, None)
    states = settle_thread(
        [ThreadMessage("a", at(0), True, True), ThreadMessage("b", at(3), False, True)], owe_since=at(100)
    )
    assert states["a"] == (True, at(3))


def test_a_manually_closed_reply_is_not_reopened_and_new_mail_after_it_opens_one():
    closed = ThreadMessage("manual", at(0), True, False, awaiting=True, replied_at=at(10))
    states = settle_thread([closed, ThreadMessage("new", at(20), True, True)], owe_since=OLD)
    assert "manual" not in states
    assert states["new"] == (True, None)


def test_mail_i_was_only_copied_on_opens_nothing_and_closes_nothing():
    messages = [
        ThreadMessage("ask", at(0), True, True),
        ThreadMessage("cc", at(1), True, True, asks=False),
        ThreadMessage("later-cc", at(10), True, True, asks=False),
    ]
    states = settle_thread(messages, owe_since=OLD)
    assert states["ask"] == (True, None) and states["cc"] == (False, None)
    states = settle_thread(
        [ThreadMessage("cc", at(1), True, True, asks=False), ThreadMessage("mine", at(2), False, True)], owe_since=OLD
    )
    assert states["cc"] == (False, None)  # no response time for mail that asked nothing of me


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.booleans()), min_size=1, max_size=12))
def test_replies_owed_invariants(events):
    messages = [ThreadMessage(n, at(hours), inbound, True) for n, (hours, inbound) in enumerate(events)]
    states = settle_thread(messages, owe_since=OLD)
    assert set(states) == {m.key for m in messages if m.inbound}
    open_ones = [k for k, (awaiting, replied) in states.items() if awaiting and replied is None]
    assert len(open_ones) <= 1  # one open reply per thread at most
    last_out = max((at(h) for h, inbound in events if not inbound), default=None)
    for key, (awaiting, replied) in states.items():
        when = at(events[key][0])
        if replied is not None:
            assert awaiting and replied >= when
            assert any(not inbound and at(h) == replied for h, inbound in events)
        if awaiting and replied is None:
            assert last_out is None or last_out < when or (last_out == when and False)  # noqa: SIM223 - a tie never counts
    # their message after my last one always leaves exactly one open reply
    if any(inbound and (last_out is None or at(h) > last_out) for h, inbound in events):
        assert len(open_ones) == 1

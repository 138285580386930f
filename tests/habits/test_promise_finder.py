"""The promise finder, one rule at a time (docs/promises.md lists the rules)."""

from datetime import date

import pytest

from goodwill.habits.promises import find_promises

MON = date(2026, 11, 23)  # a Monday
FRI = date(2026, 11, 27)


def found(text, *, base=MON, direction="outbound", counterparts=(), vague_days=14):
    return [
        (p.owner, p.action, p.due.day if p.due else None, p.due.firm if p.due else None)
        for p in find_promises(
            text, base=base, author="Alex", counterparts=counterparts, vague_days=vague_days, direction=direction
        )
    ]


def owners_actions(text, **kw):
    return [(o, a) for o, a, _d, _f in found(text, **kw)]


# --- who owes it --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, owner, action",
    [
        ("I'll send you the article.", "me", "send the article"),
        ("i'll text you the address tonight", "me", "text the address"),
        ("I'm going to forward her resume to the committee.", "me", "forward her resume to the committee"),
        ("Let me dig up the name of the firm.", "me", "dig up the name of the firm"),
        ("Will circulate the revised agenda tomorrow.", "me", "circulate the revised agenda"),
        ("Promised Mei I'd send her the article.", "me", "send the article"),
        ("Said I'd write the reference.", "me", "write the reference"),
        ("I told Rosa I would forward the job description.", "me", "forward the job description"),
        ("I owe you an answer on the advisory role.", "me", "owe an answer on the advisory role"),
        ("She'll send me her CV.", "them", "send her CV"),
        ("Jane promised to intro me to Bob.", "them", "intro me to Bob"),
        ("He said he'd get back to me with numbers.", "them", "get back to me with numbers"),
        ("Her assistant will set up a call.", "them", "set up a call"),
        ("Björn offered to introduce me to the head of design.", "them", "introduce me to the head of design"),
        ("Tariq owes me an intro to his cofounder.", "them", "an intro to his cofounder"),
        ("Let's have lunch.", "both", "have lunch"),
        ("We need to have lunch together.", "both", "have lunch together"),
        ("Kim and I are going to co-write the op-ed.", "both", "co-write the op-ed"),
    ],
)
def test_who_owes_it(text, owner, action):
    assert owners_actions(text) == [(owner, action)]


def test_in_their_mail_i_is_them_and_you_is_me():
    mail = "Hi Alex,\n\nI'll send you the contract by Thursday.\n\nBest,\nMiriam"
    assert found(mail, direction="inbound") == [("them", "send the contract", date(2026, 11, 26), True)]
    assert owners_actions("You said you'd review my draft.", direction="inbound") == [("me", "review their draft")]
    assert owners_actions("I'll send you my CV.", direction="inbound") == [("them", "send their CV")]


def test_you_will_have_it_is_the_writers_promise():
    assert owners_actions("You'll have the revised budget from me on Friday.", direction="inbound") == [
        ("them", "send the revised budget")
    ]


def test_their_we_is_their_side_unless_we_do_it_together():
    assert owners_actions("We will wire the deposit tomorrow.", direction="inbound") == [("them", "wire the deposit")]
    assert owners_actions("Let's catch up next Tuesday.", direction="inbound") == [("both", "catch up")]


def test_a_name_before_and_i_must_be_a_person():
    assert owners_actions("Sofia and I will have lunch next week.") == [("both", "have lunch")]
    assert owners_actions("She'll send her CV by Friday and I'll intro her to Bob.") == [
        ("them", "send her CV"),
        ("me", "intro her to Bob"),
    ]


def test_counterpart_names_replace_you():
    assert owners_actions("I'll call you with that information.", counterparts=["Jane Doe"]) == [
        ("me", "call Jane Doe with that information")
    ]


# --- meeting-note action items ------------------------------------------------


def test_action_items_in_meeting_notes():
    notes = (
        "Offsite planning\n- Me to book the train tickets by Wednesday\n- Nadia to send pricing by Dec 1\n"
        "- Nora: find a caterer by Friday\nAction items (me): send thank-you notes by Thursday\n"
        "Owner: Raj - check the vesting terms"
    )
    assert found(notes) == [
        ("me", "book the train tickets", date(2026, 11, 25), True),
        ("them", "send pricing", date(2026, 12, 1), True),
        ("them", "find a caterer", FRI, True),
        ("me", "send thank-you notes", date(2026, 11, 26), True),
        ("them", "check the vesting terms", None, None),
    ]


def test_my_own_chat_line_in_the_imperative_is_mine_but_theirs_may_be_a_request():
    assert owners_actions("Me: draft the renewal terms by 12/4.") == [("me", "draft the renewal terms")]
    assert owners_actions("Zoe: send me the slides by Friday") == []


def test_name_to_verb_needs_a_bullet_or_a_known_person():
    assert owners_actions("Lovely to catch up.") == []
    assert owners_actions("Jane to send the deck.", counterparts=["Jane Doe"]) == [("them", "send the deck")]


# --- accepted requests --------------------------------------------------------


def test_an_accepted_request_takes_its_action_from_the_request():
    chat = "Kofi: could you share the recording?\nMe: happy to!"
    assert owners_actions(chat) == [("me", "share the recording")]
    chat = "Zoe: can you send me the slides?\nMe: sure thing, will do"
    assert owners_actions(chat) == [("me", "send the slides")]


def test_a_top_posted_reply_accepts_the_request_quoted_below():
    mail = "Sure, will do.\n\n> Could you send me the board minutes before Friday's meeting?\n> Thanks, Ben"
    assert found(mail) == [("me", "send the board minutes", FRI, True)]


def test_an_acceptance_of_nothing_records_nothing():
    assert found("Me: will do, I'll ping Rob about it in the morning") == [
        ("me", "ping Rob about it", date(2026, 11, 24), True)
    ]


def test_an_open_request_is_not_a_promise():
    assert found("Could you send me the report?") == []
    assert found("Me: can you intro me to your CFO?") == []


# --- what is not a promise ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I sent the deck.",  # past
        "I won't be able to make it on Thursday.",  # negation
        "I'm not going to chase Stefan for the referral.",
        "If I get time I might look at her deck.",  # conditional, hedge
        "Maybe I'll call him after the holidays.",
        "Hopefully I'll have time to write the reference next week.",
        "I think he'll get the job.",  # opinion about the future
        "I'll be in Boston next week.",  # a plan owing nobody
        "She'll be traveling all of December.",
        "I'll get the flu shot next week.",
        "I'll think about it.",
        "Let's see how the pilot goes.",
        "Shall we meet next week?",  # a proposal, not agreed
        "Should I send you the deck?",
        "I promised myself I'd run more this year.",
        "I owe you a proper thank-you for the referral.",
        "Last year I promised Theo I would look over his CV, and I did.",  # kept already
        "Asked Greta to send me the photos; no answer yet.",
        "Calling him was a mistake.",
    ],
)
def test_not_a_promise(text):
    assert found(text) == []


def test_quoted_mail_and_signatures_are_not_the_authors_new_text():
    mail = (
        "Thanks!\n\nOn Fri, Nov 20, 2026 at 4:12 PM Eva <eva@example.com> wrote:\n> I'll send you the slides on Monday."
    )
    assert found(mail) == []
    forwarded = "Got it.\n\n-----Original Message-----\nFrom: Jonas\nSent: Friday\n\nWe will send the offer."
    assert found(forwarded) == []
    signed = "See you then.\n\nBest,\nAlex\nMoreno & Co. | We'll get you there."
    assert found(signed) == []


def test_out_of_office_notices_promise_no_reply():
    ooo = "I'm out until Monday 30 November and will reply when I'm back."
    assert found(ooo, direction="inbound") == []


# --- timing -------------------------------------------------------------------


def test_timing_after_the_cue_wins_over_earlier_context():
    assert found("Spoke to Sofia this morning, I will get back to her on pricing tomorrow.") == [
        ("me", "get back to her on pricing", date(2026, 11, 24), True)
    ]


def test_timing_that_opens_the_sentence_belongs_to_the_promise():
    assert found("By Friday, I'll send the summary.") == [("me", "send the summary", FRI, True)]


def test_a_shared_subject_shares_the_timing():
    assert found("I'll be in Boston next week and will bring you the book.") == [
        ("me", "bring the book", date(2026, 12, 4), True)
    ]


def test_two_verbs_with_their_own_timing_are_two_promises():
    assert found("I'll look at the term sheet tonight and call you tomorrow morning.") == [
        ("me", "look at the term sheet", MON, True),
        ("me", "call them", date(2026, 11, 24), True),
    ]
    # One timing for both verbs: one promise.
    assert owners_actions("I'll write up my notes and send them in two weeks.") == [
        ("me", "write up my notes and send them")
    ]


def test_a_second_cue_that_points_back_only_adds_timing():
    assert found("I promised you a summary of the panel, and you'll have it by Wednesday.") == [
        ("me", "owe a summary of the panel", date(2026, 11, 25), True)
    ]
    assert found("I will check whether the budget allows it; will confirm by EOW") == [
        ("me", "check whether the budget allows it", FRI, True)
    ]


def test_vague_timing_is_soft_and_uses_the_given_cadence():
    assert found("Let's have lunch soon.", vague_days=10) == [("both", "have lunch", date(2026, 12, 3), False)]
    assert found("I'll share the case study one of these days.")[0][2:] == (date(2026, 12, 7), False)
    assert found("I'll send it sometime.")[0][3] is False


def test_approximate_timing_is_soft():
    assert found("I'll reconnect with her in early March.")[0][2:] == (date(2027, 3, 5), False)
    assert found("She'll send the dataset after the holidays.")[0][2:] == (date(2027, 1, 5), False)
    assert found("I'll check in on him mid-December.")[0][2:] == (date(2026, 12, 15), False)


def test_no_timing_means_no_date():
    assert found("I'll send you the article.") == [("me", "send the article", None, None)]


def test_a_date_that_names_an_event_or_the_past_is_not_the_due():
    assert found("I'll make sure Ana gets the invite to the Dec 10 dinner.")[0][2] is None
    assert found("I'll send the board minutes before the Dec 10 meeting.")[0][2] == date(2026, 12, 10)
    assert found("Me: I'll send the slides from today in a bit")[0][2:] == (MON, False)


def test_bad_direction_is_refused():
    with pytest.raises(ValueError, match="direction"):
        find_promises("I'll call.", base=MON, direction="sideways")

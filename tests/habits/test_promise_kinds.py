"""Issue 14: the kinds of commitment the finder used to miss, one test per kind,
each with the near-misses that must stay silent (docs/promises.md, "Whose side")."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill.habits.promises import find_promises

MON = date(2026, 11, 23)  # a Monday


def owners(text, direction="outbound"):
    return sorted({p.owner for p in find_promises(text, base=MON, direction=direction)})


def found(text, direction="outbound"):
    return [
        (p.owner, p.action, p.due.day if p.due else None)
        for p in find_promises(text, base=MON, author="Alex", direction=direction)
    ]


# --- the issue's own misses ---------------------------------------------------


@pytest.mark.parametrize(
    "text, owner",
    [
        ("I'll sort it out over the weekend", "me"),
        ("will follow up on Monday", "me"),
        ("We'll get the revised draft to you by Friday", "me"),
        ("Our team will be sending you the agenda closer to the date", "me"),
        ("My assistant will set up the call", "me"),
        ("Dana and I will go through the list next week", "both"),
        ("I'll have to check with legal on the details", "me"),
    ],
)
def test_the_issues_examples_are_found_for_the_right_side(text, owner):
    assert owners(text) == [owner]


@pytest.mark.parametrize(
    "text", ["I'm in Sydney next week.", "Reminder to self: book dentist next week", "Remember to renew passport"]
)
def test_the_issues_non_promises_stay_silent(text):
    assert owners(text) == []


def test_newsletters_announce_and_promise_nothing():
    assert owners("We'll be announcing new features next month!", "inbound") == []
    assert owners("Our new app will launch next month.", "inbound") == []


# --- "we" and the people on a side ---------------------------------------------


@pytest.mark.parametrize(
    "text, direction, owner",
    [
        ("We will send the final invoice next week.", "outbound", "me"),
        ("We're going to refund the deposit this week.", "inbound", "them"),
        ("We'll grab lunch when you're in town.", "outbound", "both"),
        ("We'll meet again after the holidays.", "inbound", "both"),
        ("We will both review the draft before Friday.", "outbound", "both"),
        ("We'll regroup in two weeks.", "outbound", "both"),
    ],
)
def test_we_is_the_writers_side_unless_it_includes_the_reader(text, direction, owner):
    assert owners(text, direction) == [owner]


@pytest.mark.parametrize(
    "text, direction, owner",
    [
        ("My colleague Priya will walk you through the dashboard on Thursday.", "outbound", "me"),
        ("My assistant, Laura, will set up a call for next week.", "inbound", "them"),
        ("Our legal team will review the NDA and come back to you.", "outbound", "me"),
        ("Our operations team is going to ship the replacement unit this week.", "inbound", "them"),
        ("Your accountant will send us the 1099s by the end of January.", "inbound", "me"),
        ("Per our call, your team will provide the data extract by the 20th.", "outbound", "them"),
        ("Their lawyer will send the redlines tomorrow.", "outbound", "them"),
    ],
)
def test_a_colleague_commits_for_their_side(text, direction, owner):
    assert owners(text, direction) == [owner]


@pytest.mark.parametrize(
    "text",
    [
        "Our CEO will be on CNBC tomorrow.",
        "Our offices will be closed Monday.",
        "My team will be out on Friday for the holiday.",
        "Our prices will increase in January.",
        "Their team will be at the conference.",
    ],
)
def test_a_side_on_a_schedule_promises_nothing(text):
    assert owners(text, "inbound") == []


# --- things delivered: passive, "expect", "coming your way", "with you by" -----


def test_passive_deliveries_belong_to_whoever_does_them():
    assert found("The engagement letter will be sent by us on Friday.") == [
        ("me", "send the engagement letter", date(2026, 11, 27))
    ]
    assert found("The revised invoice will be issued by our billing team on Monday.") == [
        ("me", "issue the revised invoice", date(2026, 11, 30))
    ]
    assert owners("The invoice will be paid by your finance team on Friday.") == ["them"]
    assert owners("The report will be published by the regulator in May.") == []
    assert owners("The package was sent by us last Tuesday.") == []


def test_expect_it_and_it_will_be_with_you_are_the_writers_promise():
    assert found("Expect the updated deck by Monday.") == [("me", "send the updated deck", date(2026, 11, 30))]
    assert found("Expect an offer letter from us by Tuesday.", "inbound") == [
        ("them", "send an offer letter", date(2026, 11, 24))
    ]
    assert found("The slides will be with you by Friday.") == [("me", "send the slides", date(2026, 11, 27))]
    assert found("W-9 coming your way.") == [("me", "send the W-9", None)]
    # Weather, markets and sales are not deliveries.
    assert owners("Expect delays on the M4 tomorrow.") == []
    assert owners("Expect some turbulence in the markets next week.", "inbound") == []
    assert owners("Holiday sale coming shortly!", "inbound") == []


def test_an_expect_after_a_promise_only_dates_it():
    assert found("I'll introduce you to Mara - expect an email from me tomorrow.") == [
        ("me", "introduce them to Mara", date(2026, 11, 24))
    ]


# --- weak forms count with timing ----------------------------------------------


@pytest.mark.parametrize(
    "text, direction, owner",
    [
        ("I can have the term sheet back to you by Wednesday.", "outbound", "me"),
        ("I can get you a draft by end of day.", "inbound", "them"),
        ("Should have the numbers to you by Thursday.", "outbound", "me"),
        ("We should be able to deliver the prototype by the 15th.", "inbound", "them"),
        ("I should be able to turn the redlines around by tomorrow afternoon.", "outbound", "me"),
        ("I promise to send the photos this weekend.", "outbound", "me"),
        ("I'll aim to get the redlines back to you by Wednesday.", "outbound", "me"),
    ],
)
def test_hedged_commitments_with_timing_count(text, direction, owner):
    assert owners(text, direction) == [owner]


@pytest.mark.parametrize(
    "text",
    [
        "I can send a sample contract if that helps.",
        "I can send it over by Friday if you still need it.",
        "I can meet on Tuesday.",
        "I can't get it to you before Friday.",
        "We should be fine by next week.",
        "I should have sent it last week.",
        "We should have called earlier.",
        "I'll have to decline.",
        "I'd have to check with my manager.",
        "I'll turn 40 next month.",
    ],
)
def test_offers_availability_and_regrets_are_not_promises(text):
    assert owners(text) == []


def test_leave_it_to_me():
    assert found("Leave the booking to me.") == [("me", "handle the booking", None)]
    assert owners("Leave it to the lawyers.") == []
    assert owners("Leave a message after the tone.", "inbound") == []


# --- conditions that only wait ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Once the board approves, I'll send the offer letter.",
        "If you send me the contract, I'll turn comments around within a day.",
        "If you forward me the invoice, I'll get it paid this week.",
        "Let me know your address and I'll ship the samples.",
    ],
)
def test_a_promise_that_waits_for_an_input_or_event_counts(text):
    assert owners(text) == ["me"]


@pytest.mark.parametrize(
    "text",
    [
        "If you'd like, I can send the template.",
        "If you need anything, I'll be around.",
        "If I had more bandwidth I'd take this on.",
        "Happy to chat further if you'd like.",
    ],
)
def test_offers_on_the_readers_wish_and_counterfactuals_do_not(text):
    assert owners(text) == []


# --- the reader's side, restated -------------------------------------------------


def test_thanks_for_an_offer_binds_the_one_who_offered():
    assert found("Thanks for offering to review my cover letter!", "inbound") == [
        ("me", "review their cover letter", None)
    ]
    assert owners("Thanks so much for agreeing to speak at our offsite.") == ["them"]
    assert owners("Appreciate you taking the action item to draft the press release.", "inbound") == ["me"]
    # Done, declined, or thanks for a thing already sent: nothing is owed.
    assert owners("Thanks for offering to help — but we're all set.") == []
    assert owners("Thank you for agreeing to meet with us last week.", "inbound") == []
    assert owners("Appreciate you sending the deck.") == []


def test_a_subjectless_will_after_and_shares_the_subject():
    assert found("You're handling the venue booking and will confirm by Friday.", "inbound") == [
        ("me", "handle the venue booking", date(2026, 11, 27))
    ]
    assert owners("She'll review the draft and will send comments tomorrow.") == ["them"]
    assert owners("You're taking over from Sam as our account manager.", "inbound") == []


# --- proposals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "How about we grab coffee next Tuesday?",
        "Why not grab lunch next week?",
        "Why don't we set up a call next week?",
        "Let's touch base on Friday?",
        "You and I should write the proposal together.",
        "Let's work on the joint proposal together next week.",
        "Let's both take a day to think it over and talk Friday.",
        "We should do a proper debrief after the pitch.",
    ],
)
def test_proposals_are_joint_even_as_questions(text):
    assert owners(text, "inbound") == ["both"]


def test_a_question_that_proposes_nothing_stays_a_question():
    assert owners("Shall we meet next week?") == []
    assert owners("How about we skip the meeting?", "inbound") == ["both"]


# --- my own notes: to-dos and meetings ------------------------------------------------


@pytest.mark.parametrize(
    "text, owner",
    [
        ("Send Ken the deck Thursday", "me"),
        ("Note to self: send Ken the deck Thursday", "me"),
        ("Remember to thank Omar for the intro", "me"),
        ("Call Dana back re: partnership terms, Mon AM", "me"),
        ("Prep talking points for Rafael before the board call", "me"),
        ("Re-send Carla the invite with the right time zone", "me"),
        ("Buy Omar a birthday gift", "me"),
        ("Action (me): draft the SOW and share with client by 3/15", "me"),
        ("Coffee with Mateo next Thursday", "both"),
        ("sync w/ Omar on pricing next Tues", "both"),
        ("Jointly with Sam: finalize the interview rubric by Friday", "both"),
        ("- Chen (vendor) to send the updated quote by Thursday", "them"),
    ],
)
def test_to_dos_and_meetings_in_my_notes(text, owner):
    assert owners(text) == [owner]


@pytest.mark.parametrize(
    "text",
    [
        "Book flights to Denver",
        "Buy milk",
        "Update the README",
        "Call with Ravi.",  # a note's heading: a meeting that happened
        "Please find attached the signed agreement.",
        "Send your comments by Friday.",  # a request to the reader
        "Idea: look into switching payroll providers",
        "Reminder to self: book dentist",
    ],
)
def test_errands_headings_and_requests_are_not_to_dos(text):
    assert owners(text) == []


# --- explainability --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, direction, cue, why",
    [
        ("My assistant will set up the call", "outbound", "My assistant will", "your side: 'My assistant will'"),
        ("Their GC will send comments next week.", "outbound", "Their GC will", "their side: 'Their GC will'"),
        ("Let's have lunch on Friday.", "inbound", "Let's", "both of you: 'Let's'"),
        ("I owe you an answer.", "outbound", "I owe", "your side: 'I owe'"),
        (
            "We'll send the invoice on Friday.",
            "outbound",
            "We'll",
            "your side: 'We'll' ('we' here is the writer's side)",
        ),
        ("Send Ken the deck Thursday", "outbound", "Send", "your side: 'Send' (a to-do in your own note)"),
    ],
)
def test_each_promise_says_which_words_made_it_and_whose_it_is(text, direction, cue, why):
    [p] = find_promises(text, base=MON, direction=direction)
    assert (p.cue, p.why) == (cue, why)


def test_an_accepted_request_says_it_accepted_one():
    [p] = find_promises("Kofi: could you share the recording?\nMe: happy to!", base=MON)
    assert p.cue.lower().startswith("happy to") and p.why.endswith("(accepting a request)")


WORDS = [
    "I'll",
    "We'll",
    "we",
    "Our team will",
    "my assistant",
    "your team will",
    "Their GC will",
    "will be sent by us",
    "The letter",
    "expect",
    "coming your way",
    "I can",
    "Should have",
    "Leave it to me",
    "Thanks for offering to",
    "You're handling",
    "How about we",
    "Let's",
    "Send Ken",
    "Coffee with Mateo",
    "Jointly with Sam:",
    "(client)",
    "send",
    "the deck",
    "by Friday",
    "if",
    "once",
    "and",
    "will",
    "?",
    ".",
    "—",
    "\n",
    "- ",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60), st.sampled_from(["outbound", "inbound"]))
def test_cue_salad_never_raises_and_every_promise_explains_itself(words, direction):
    text = " ".join(words)
    for p in find_promises(text, base=MON, direction=direction):
        assert p.cue and p.cue in p.sentence  # the words that made it are the writer's own
        assert p.why.startswith({"me": "your side: ", "them": "their side: ", "both": "both of you: "}[p.owner])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000), st.sampled_from(["outbound", "inbound"]))
def test_find_promises_never_raises_on_arbitrary_text(text, direction):
    for p in find_promises(text, base=MON, direction=direction):
        assert p.cue in p.sentence and p.why


# --- refraining, bare acceptances, "to follow" -------------------------------------


def test_a_promise_to_refrain_counts_even_when_negated():
    assert found("I won't share the numbers with anyone outside the team.") == [
        ("me", "not share the numbers with anyone outside the team", None)
    ]
    assert owners("We will not sign with the other vendor until we speak.", "inbound") == ["them"]
    assert owners("I'll keep the term sheet confidential.") == ["me"]
    assert owners("I'll hold off on signing with the other vendor until we speak.") == ["me"]
    # Refusals and regrets stay silent.
    assert owners("I won't be able to make it.") == []
    assert owners("I won't make it on Thursday.") == []
    assert owners("We will not be moving forward with the partnership.", "inbound") == []


def test_a_bare_on_it_commits_when_nothing_else_says_what():
    assert found("On it.") == [("me", "do what was asked", None)]
    assert owners("Can do.", "inbound") == ["them"]
    # With a promise of its own, the acceptance adds nothing.
    assert found("Will do, I'll loop in Marcus from our tax team today.") == [
        ("me", "loop in Marcus from our tax team", MON)
    ]
    assert owners("Sure.") == []  # too weak alone: it may answer anything


def test_deliveries_to_follow_and_expected_by_the_reader():
    assert found("Minutes to follow by Friday.") == [("me", "send minutes", date(2026, 11, 27))]
    assert owners("You can expect the draft by Friday.") == ["me"]
    assert owners("Please expect the invoice by Monday.", "inbound") == ["them"]
    assert owners("Let's follow up next week.", "inbound") == ["both"]


def test_titles_on_a_side():
    assert owners("Our Head of Sales will call you on Monday.") == ["me"]
    assert owners("Our VP of Engineering will send the spec tomorrow.", "inbound") == ["them"]


def test_happy_to_with_a_time_is_a_promise_and_without_one_an_offer():
    assert found("Happy to send it over by Friday.") == [("me", "send it", date(2026, 11, 27))]
    assert owners("Happy to chat next week if you'd like.") == []
    assert owners("I'd be glad to make an introduction to our head of partnerships.", "inbound") == []


def test_a_side_reported_as_saying_so():
    assert owners("Our lawyer said she'd send the redlines Monday.") == ["me"]
    assert owners("Your assistant mentioned she'd send the calendar invite.") == ["them"]


def test_a_colleague_and_i_or_someone_i_ask_are_my_side():
    assert owners("My colleague and I will present the findings on Friday.") == ["me"]
    assert owners("Our CFO and I will walk you through the model next week.", "inbound") == ["them"]
    assert owners("I'll have Sarah send you the deck tomorrow.") == ["me"]
    assert owners("I'll have Monday off.") == []


@pytest.mark.parametrize(
    "text, direction",
    [
        ("Expect a call from Dana tomorrow.", "outbound"),  # Dana's call, not my promise
        ("Good vibes coming your way!", "outbound"),
        ("The steps to follow are below.", "inbound"),
        ("I can get there by 5pm.", "outbound"),  # a schedule
        ("We will grow revenue 20% next year.", "inbound"),  # a forecast
        ("We'll launch the new site next week.", "inbound"),  # an announcement
    ],
)
def test_near_misses_of_the_new_forms(text, direction):
    assert owners(text, direction) == []


@pytest.mark.parametrize(
    "text, direction, owner",
    [
        ("Noted, will do.", "outbound", "me"),
        ("I'll take it from here.", "outbound", "me"),
        ("Happy to jump on a call tomorrow at 10.", "inbound", "them"),
        ("I plan to send the draft next week.", "outbound", "me"),
        ("We're aiming to ship the fix on Thursday.", "inbound", "them"),
    ],
)
def test_plans_and_acceptances_said_plainly(text, direction, owner):
    assert owners(text, direction) == [owner]


@pytest.mark.parametrize(
    "text", ["I'll look forward to it.", "I'm hoping to send it by Friday.", "We expect to close the round by March."]
)
def test_wishes_and_forecasts_are_not_plans(text):
    assert owners(text, "inbound") == []


def test_the_needles_only_make_it_faster(monkeypatch):
    """A cue pattern is skipped when none of its words is in the sentence (cues.py,
    *_NEEDLES): on every labelled sentence the cues found are the same without it."""
    import json
    from pathlib import Path

    from goodwill.habits.promises import finder
    from goodwill.habits.promises.segment import sentences

    data = Path(__file__).resolve().parents[1] / "data" / "promises"
    texts = [
        json.loads(line)["text"]
        for name in ("corpus.jsonl", "heldout_2026-12-03.jsonl")
        for line in (data / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts += ["I won't share it.", "We won't sign until we speak.", "Minutes to follow.", "Why not meet Friday?"]
    texts += ["Happy to send it by Friday.", "I plan to call Tuesday.", "Noted, will do.", "You can expect it Monday."]
    units = [s.text for t in texts for s in sentences(t)]
    gated = [finder._cues(s) for s in units]
    monkeypatch.setattr(finder, "GATED", [(role, pattern, frozenset()) for role, pattern, _n in finder.GATED])
    assert [finder._cues(s) for s in units] == gated


def test_a_bare_department_is_the_writers_and_circling_back_is_one_sides():
    assert owners("Legal will send over the redlines by Wednesday.") == ["me"]
    assert owners("Our underwriting team will review the application within 5 business days.", "inbound") == ["them"]
    assert owners("We'll circle back with a proposal after Thanksgiving.", "inbound") == ["them"]
    assert owners("You and I can sync on the details offline.") == ["both"]


def test_an_outsider_named_with_their_organisation_binds_neither_side():
    assert owners("Note: Jim from Bain said their team will publish the report in May.") == []
    assert owners("Jim from Bain said he'll send the report.") == []
    assert owners("Priya said she'll send the term sheet Monday.") == ["them"]
    # A counterpart of the note is no outsider.
    found_for_ana = find_promises("Ana at Acme said she'd send pricing.", base=MON, counterparts=["Ana Ruiz"])
    assert [p.owner for p in found_for_ana] == ["them"]


def test_joint_plans_to_think_it_over():
    assert owners("Let's both sleep on it.", "inbound") == ["both"]
    assert owners("We'll think about it.", "inbound") == []

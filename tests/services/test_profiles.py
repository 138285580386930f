"""Profiles: entries with since-when, closing needs, details, and suggestions that are never set silently."""

from datetime import date

import pytest

from goodwill.errors import InvalidInput, NotFound
from goodwill.models import ProfileEntry
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.notes import add_note
from goodwill.services.people import PersonFields, add_person
from goodwill.services.profiles import (
    accept_suggestions,
    add_entry,
    close_entry,
    get_entry,
    profile_of,
    set_details,
    suggestions,
)


@pytest.fixture
def jane(alice, now):
    return add_person(alice, PersonFields(name="Jane Doe"))


def test_entries_and_since(alice, jane):
    need = add_entry(alice, jane, "needs", "  a   fractional CFO ")
    assert (need.kind, need.text, need.since) == ("need", "a fractional CFO", date(2026, 11, 23))
    older = add_entry(alice, jane, "need", "office space", since=date(2026, 6, 1))
    interest = add_entry(alice, jane, "topic", "climate tech")
    assert older.since == date(2026, 6, 1) and interest.since is None
    close_entry(alice, need)
    assert [e.text for e in profile_of(alice, jane)] == ["climate tech", "office space"]
    assert len(profile_of(alice, jane, include_closed=True)) == 3


@pytest.mark.parametrize(
    "kind,text,kw,message",
    [
        ("wish", "x", {}, "interest, need or offer"),
        ("need", "   ", {}, "needs words"),
        ("need", "x" * 301, {}, "at most 300"),
        ("need", "x", {"since": date(2027, 1, 1)}, "future"),
        ("need", "x", {"confidentiality": "secret"}, "confidentiality"),
    ],
)
def test_bad_entries_write_nothing(alice, jane, kind, text, kw, message):
    with pytest.raises(InvalidInput, match=message):
        add_entry(alice, jane, kind, text, **kw)
    assert not ProfileEntry.objects.exists()


def test_duplicates_refused(alice, jane):
    add_entry(alice, jane, "interest", "Golf")
    with pytest.raises(InvalidInput, match="already has"):
        add_entry(alice, jane, "interest", "golf")


def test_details(alice, jane):
    set_details(alice, jane, industry="Banking", role="CFO")
    jane.refresh_from_db()
    assert (jane.industry, jane.title) == ("Banking", "CFO")


def test_suggestions_from_notes_are_only_suggestions(alice, jane):
    add_note(alice, jane, "She is looking for a new audit firm. Interested in ESG reporting.", "private")
    add_note(alice, jane, "Told me in confidence she is looking for a new job", "confidential")
    log_interaction(alice, LogRequest(kind="call", people=[jane], summary="Said she can help with SEC filings"))
    found = suggestions(alice, jane)
    assert [(s.kind, s.text) for s in found] == [
        ("need", "a new audit firm"),
        ("interest", "ESG reporting"),
        ("offer", "SEC filings"),
    ]
    assert not ProfileEntry.objects.exists()  # nothing set until accepted
    added = accept_suggestions(alice, jane, [1, 3])
    assert [(e.kind, e.text) for e in added] == [("need", "a new audit firm"), ("offer", "SEC filings")]
    assert [(s.kind, s.text) for s in suggestions(alice, jane)] == [("interest", "ESG reporting")]
    with pytest.raises(InvalidInput, match="no suggestion number 7"):
        accept_suggestions(alice, jane, [7])


def test_a_number_accepted_as_shown_must_still_mean_what_it_showed(alice, jane):
    """Numbers follow the notes: after #1 is accepted, #2 becomes #1. A door that says what it
    showed (the web page) has a renumbered pick refused, and nothing is added."""
    add_note(alice, jane, "She is looking for a new audit firm. Interested in ESG reporting.", "private")
    accept_suggestions(alice, jane, [1])
    with pytest.raises(InvalidInput, match='suggestion 1 is no longer the interest "golf"'):
        accept_suggestions(alice, jane, [1], shown={1: ("interest", "golf")})
    assert ProfileEntry.objects.count() == 1
    (added,) = accept_suggestions(alice, jane, [1], shown={1: ("interest", "ESG reporting")})
    assert (added.kind, added.text) == ("interest", "ESG reporting")


def test_isolation(alice, bob, charlie, jane):
    entry = add_entry(alice, jane, "need", "a CFO")
    for other in (bob, charlie):
        with pytest.raises(NotFound):
            get_entry(other, entry.pk)
        with pytest.raises(NotFound):
            add_entry(other, jane, "need", "steal")
        assert suggestions(other, jane) == []

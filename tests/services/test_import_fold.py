"""How a contact record folds into a person (services.contacts_import.fold): pure
functions, tested without a database. An import fills only what is empty and adds
only what is new; folding the same record again changes nothing."""

from __future__ import annotations

import copy
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from goodwill.formats.contact import Address, ContactRecord, Photo, Typed
from goodwill.services.contact_mapping import record_points
from goodwill.services.contacts_import.fold import INTRODUCED_BY, Draft, Known, Pending, fold

# The Person fields a fold reads or fills, as a new person starts.
FIELDS = {
    "name": "",
    "given_name": "",
    "family_name": "",
    "nickname": "",
    "title": "",
    "birthday": None,
    "uid": "",
    "how_met": "",
    "industry": "",
    "location": "",
    "cadence_days": None,
    "snoozed_until": None,
    "organization_id": None,
    "introduced_by_id": None,
    "circle_id": 1,
    "circle": None,
    "extra": {},
}
TEXT_FIELDS = ["given_name", "family_name", "nickname", "title", "uid", "how_met", "industry", "location"]
NETWORK, FRIENDS = SimpleNamespace(pk=1, name="network"), SimpleNamespace(pk=2, name="friends")
CIRCLES = {"network": NETWORK, "friends": FRIENDS}


def person(**fields) -> Draft:
    return Draft({**FIELDS, "extra": {}, **fields})


def new(**fields) -> Pending:
    return Pending(person(**fields), True, Known())


def existing(known: Known | None = None, **fields) -> Pending:
    return Pending(person(pk=7, **fields), False, known or Known())


def record(**fields) -> ContactRecord:
    return ContactRecord(source="vcard", line=3, **fields)


def folded(target: Pending, rec: ContactRecord, problems: list | None = None) -> bool:
    points, _ = record_points(rec, "US")
    sink = (lambda field, message: problems.append((field, message))) if problems is not None else None
    return fold(target, rec, points, circles=CIRCLES, problem=sink)


def test_a_new_person_takes_the_records_fields():
    target = new(name="Ada Lovelace")
    rec = record(
        given=" Ada ",
        family="Lovelace",
        nickname="Countess",
        title="Analyst",
        birthday="1815-12-10",
        uid="u-1",
        organization=" Analytical Engines ",
        middle="Augusta",
        connected_on="2020-01-02",
    )
    assert folded(target, rec)
    p = target.person
    assert (p.given_name, p.family_name, p.nickname, p.title, p.birthday, p.uid) == (
        "Ada",
        "Lovelace",
        "Countess",
        "Analyst",
        "1815-12-10",
        "u-1",
    )
    assert p.how_met == "LinkedIn connection since 2020-01-02"
    assert target.org_name == "Analytical Engines"
    assert p.extra == {"middle_name": ["Augusta"], "connected_on": ["2020-01-02"]}
    assert not target.previous and not target.changed  # a new person has nothing to undo field by field


def test_what_the_user_wrote_is_never_overwritten():
    target = existing(given_name="Augusta", title="", organization_id=5, extra={"department": ["Maths"]})
    changed = folded(target, record(given="Ada", title="Analyst", organization="Other", department="Physics"))
    p = target.person
    assert changed and p.given_name == "Augusta" and p.title == "Analyst"
    assert target.org_name == "" and p.extra == {"department": ["Maths"]}
    # Only what was filled is recorded, with the value undo puts back.
    assert target.changed == {"title"} and target.previous == {"title": ""}


def test_an_organization_is_recorded_for_undo_on_a_person_who_had_none():
    target = existing()
    assert folded(target, record(organization="Acme"))
    assert target.org_name == "Acme" and target.previous == {"organization_id": None}


def test_contact_points_addresses_notes_and_tags_are_added_once():
    known = Known(points={("email", "ada@example.com")}, notes=["first", "second"], all_notes={"first", "second"})
    known.tags.add("friend")
    target = existing(known)
    home = Address(street="1 Main St", city="Austin")
    rec = record(
        emails=[Typed("ADA@example.com "), Typed("ada@work.example", "work", True)],
        phones=[Typed("(512) 555-0199", "mobile")],
        addresses=[home, Address(street=" 1 main st", city="AUSTIN "), Address()],
        note="first\n\nsecond",  # a Goodwill export's joined notes: nothing new
        tags=["#Friend", "Chess ", "chess", ""],
        photo=Photo(media_type="image/jpeg", data=b"x"),
    )
    assert folded(target, rec)
    assert target.points == [
        ("email", "ada@work.example", "ada@work.example", "work", True),
        ("phone", "(512) 555-0199", "+15125550199", "mobile", False),
    ]
    assert target.addresses == [home] and target.notes == [] and target.tags == ["chess"]
    assert target.photo is not None and target.known.photo
    assert not folded(target, rec)  # all of it is known now
    assert len(target.points) == 2 and target.tags == ["chess"]


def test_a_new_note_is_kept_and_not_added_twice():
    target = existing()
    assert folded(target, record(note=" met at PyCon "))
    assert not folded(target, record(note="met at PyCon"))
    assert target.notes == ["met at PyCon"]


def test_goodwill_fields_of_an_export():
    target = new(name="Bo")
    extra = {
        "X-GOODWILL-CIRCLE": ["Friends"],
        "X-GOODWILL-CADENCE": ["30"],
        "X-GOODWILL-SNOOZED-UNTIL": ["2026-05-01"],
        "X-GOODWILL-INTRODUCED-BY": ["Ada Lovelace"],
        "X-GOODWILL-HOW-MET": ["a conference"],
        "X-GOODWILL-ID": ["gw-1"],
        "X-SOMETHING": ["kept"],
    }
    problems: list = []
    assert folded(target, record(uid="other", extra=extra), problems)
    p = target.person
    assert (p.circle_id, p.circle, p.cadence_days, str(p.snoozed_until)) == (2, FRIENDS, 30, "2026-05-01")
    assert (p.how_met, p.uid) == ("a conference", "gw-1")
    assert p.extra == {"X-SOMETHING": ["kept"], INTRODUCED_BY: ["Ada Lovelace"]}
    assert problems == []


def test_goodwill_fields_that_make_no_sense_are_reported_and_ignored():
    target = new(name="Bo")
    extra = {
        "X-GOODWILL-CIRCLE": ["nowhere"],
        "X-GOODWILL-CADENCE": ["²"],  # a digit to str.isdigit, not to int()
        "X-GOODWILL-SNOOZED-UNTIL": ["soon"],
    }
    problems: list = []
    folded(target, record(extra=extra), problems)
    assert [field for field, _ in problems] == ["X-GOODWILL-CIRCLE", "X-GOODWILL-CADENCE", "X-GOODWILL-SNOOZED-UNTIL"]
    assert 'no circle "nowhere"' in problems[0][1]
    p = target.person
    assert (p.circle_id, p.cadence_days, p.snoozed_until) == (1, None, None)


def test_a_circle_is_taken_for_new_people_only():
    target = existing()
    folded(target, record(extra={"X-GOODWILL-CIRCLE": ["friends"]}))
    assert target.person.circle_id == 1


# -- properties -----------------------------------------------------------------

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_words = st.sampled_from(["", " ", "Ada", "ada ", "Lovelace", "#Chess", "30", "x", "2026-05-01", "friends"])
_value = st.one_of(_words, _text)
_typed = st.builds(Typed, value=_value, kind=st.sampled_from(["work", "home", ""]), preferred=st.booleans())
_address = st.builds(Address, street=_words, city=_words, country=_words)
_extra_keys = st.sampled_from(
    [
        "X-GOODWILL-CIRCLE",
        "X-GOODWILL-CADENCE",
        "X-GOODWILL-SNOOZED-UNTIL",
        "X-GOODWILL-INTRODUCED-BY",
        "X-GOODWILL-INDUSTRY",
        "X-GOODWILL-LOCATION",
        "X-GOODWILL-ID",
        "X-FOO",
        "department",
    ]
)
records = st.builds(
    ContactRecord,
    source=st.just("vcard"),
    line=st.just(1),
    given=_value,
    family=_value,
    middle=_value,
    nickname=_value,
    organization=_value,
    department=_value,
    title=_value,
    emails=st.lists(_typed, max_size=3),
    phones=st.lists(_typed, max_size=2),
    addresses=st.lists(_address, max_size=2),
    birthday=st.one_of(st.none(), _words),
    note=_value,
    tags=st.lists(_value, max_size=3),
    uid=st.one_of(st.none(), _value),
    connected_on=st.one_of(st.none(), _words),
    extra=st.dictionaries(_extra_keys, st.lists(_value, min_size=1, max_size=2), max_size=4),
)
people = st.fixed_dictionaries(
    {name: _words for name in TEXT_FIELDS},
    optional={"organization_id": st.just(5), "cadence_days": st.just(14)},
)


def _state(target: Pending) -> dict:
    return {
        "person": dict(vars(target.person)),
        "org_name": target.org_name,
        "rows": (list(target.points), list(target.addresses), list(target.notes), list(target.tags), target.photo),
        "previous": dict(target.previous),
    }


@given(fields=people, rec=records, is_new=st.booleans())
def test_folding_never_loses_a_value_the_person_has(fields, rec, is_new):
    target = Pending(person(**fields, extra={"X-FOO": ["mine"]}), is_new, Known())
    before = dict(vars(target.person))  # a new person's circle is the default one: an export may name another
    folded(target, rec)
    after = vars(target.person)
    for name, value in before.items():
        if value not in (None, "") and name != "extra" and not (is_new and name in ("circle_id", "circle")):
            assert after[name] == value, name
    assert after["extra"]["X-FOO"] == ["mine"]
    if not is_new:  # what undo puts back is what was there
        for name, value in target.previous.items():
            if name != "organization_id":
                assert before[name] == value


@given(fields=people, rec=records, is_new=st.booleans())
def test_folding_the_same_record_twice_changes_nothing_the_second_time(fields, rec, is_new):
    target = Pending(person(**fields), is_new, Known())
    folded(target, rec)
    once = copy.deepcopy(_state(target))
    assert not folded(target, rec)
    assert _state(target) == once


@given(rec=records)
def test_a_new_person_gets_every_name_field_the_record_has(rec):
    target = new()
    folded(target, rec)
    p = target.person
    for name, value, size in (
        ("given_name", rec.given, 100),
        ("family_name", rec.family, 100),
        ("nickname", rec.nickname, 100),
        ("title", rec.title, 200),
    ):
        assert getattr(p, name) == value.strip()[:size]
    if rec.organization.strip():
        assert target.org_name == rec.organization.strip()[:200]


@given(rec=records, is_new=st.booleans())
def test_a_dry_runs_keys_only_fold_keeps_what_a_full_fold_matches_on(rec, is_new):
    """A dry run folds its new people keys only: later records must find them by the
    same UID, organization and contact points as after the full fold of --apply."""
    full, quick = Pending(person(), is_new, Known()), Pending(person(), is_new, Known())
    folded(full, rec)
    points, _ = record_points(rec, "US")
    fold(quick, rec, points, circles=CIRCLES, keys_only=True)
    if not (rec.extra and any(k.startswith("X-GOODWILL-") for k in rec.extra)):
        # A Goodwill export's "X-GOODWILL-ID" is a UID too: such records take the full fold.
        assert (quick.person.uid, quick.org_name, quick.points) == (full.person.uid, full.org_name, full.points)
    else:
        assert _state(quick) == _state(full)

"""Duplicate matching: which pairs are found, with what evidence, in what order."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.dupes import (
    MAX_KEY_GROUP,
    Record,
    e164,
    find_pairs,
    linkedin_id,
    name_tokens,
    nickname_map,
)


def kinds(pair):
    return {e.kind for e in pair.evidence}


def only_pair(records, **kwargs):
    pairs = find_pairs(records, **kwargs)
    assert len(pairs) == 1, pairs
    return pairs[0]


def test_same_email_in_any_case_is_strong_evidence():
    pair = only_pair(
        [Record(1, "Jane Doe", emails=("Jane@Example.com",)), Record(2, "J. Doe", emails=("jane@example.com",))]
    )
    assert (pair.keep, pair.other) == (1, 2)
    assert "email" in kinds(pair) and pair.score >= 90
    assert any("jane@example.com" in e.detail for e in pair.evidence)


def test_phone_written_differently_matches_in_e164_with_the_users_region():
    records = [Record(1, "Ann Lee", phones=("(208) 555-0143",)), Record(2, "Ann Lee", phones=("+1 208 555 0143",))]
    pair = only_pair(records, region="US")
    assert "phone" in kinds(pair)
    assert any("+12085550143" in e.detail for e in pair.evidence)
    # Read as a British number, the local form is another number entirely.
    gb = find_pairs(records, region="GB")
    assert all("phone" not in kinds(p) for p in gb)


def test_e164_and_linkedin_normalization():
    assert e164("020 7946 0018", "GB") == "+442079460018"
    assert e164("not a phone", "US") is None
    assert linkedin_id("https://www.linkedin.com/in/Jane-Doe-42/?trk=x") == "jane-doe-42"
    assert linkedin_id("linkedin.com/in/jane%2Ddoe") == "jane-doe"
    assert linkedin_id("https://example.com/in/jane") is None


def test_linkedin_url_in_any_form_matches():
    pair = only_pair(
        [
            Record(1, "Jane Doe", urls=("https://www.linkedin.com/in/jane-doe-42/",)),
            Record(2, "Jane A. Doe", urls=("http://linkedin.com/in/Jane-Doe-42?trk=profile",)),
        ]
    )
    assert "linkedin" in kinds(pair)


def test_nickname_and_same_organization():
    pair = only_pair([Record(1, "Robert Smith", organization="Acme Inc."), Record(2, "Bob Smith", organization="ACME")])
    assert {"name", "organization"} <= kinds(pair)
    assert any("bob = robert" in e.detail or "robert = bob" in e.detail for e in pair.evidence)
    exact = only_pair(
        [Record(1, "Robert Smith", organization="Acme Inc."), Record(2, "Robert Smith", organization="ACME")]
    )
    assert 60 <= pair.score < exact.score
    # Without an organization in common, a nickname alone is too weak: "Will" and "Liam" are names too.
    assert find_pairs([Record(1, "Will Brennan"), Record(2, "Liam Brennan")]) == []


def test_nicknames_learned_from_the_users_own_cards():
    records = [
        Record(1, "Wolfgang Amadeus", organization="Salzburg"),
        Record(2, "Wolfi Amadeus", organization="Salzburg"),
    ]
    assert find_pairs(records) == []
    learned = nickname_map([("Wolfgang", "Wolfi")])
    assert only_pair(records, nicknames=learned).score >= 60


def test_typo_in_either_half_of_the_name_with_same_org():
    assert only_pair(
        [Record(1, "Katherine Johnson", organization="NASA"), Record(2, "Katherine Jonson", organization="NASA")]
    )
    assert only_pair(
        [Record(1, "Jonathan Meyer", organization="Initech"), Record(2, "Jonathon Meyer", organization="Initech")]
    )


def test_reversed_name_and_titles():
    assert name_tokens("Doe, Jane") == ["jane", "doe"]
    assert name_tokens("Dr. José Núñez Jr.") == ["jose", "nunez"]
    pair = only_pair([Record(1, "Doe, Jane", organization="X"), Record(2, "Dr. Jane Doe", organization="X")])
    assert pair.score >= 80


def test_same_name_at_different_organizations_is_below_the_default_cut():
    records = [Record(1, "John Smith", organization="Acme"), Record(2, "John Smith", organization="Globex")]
    assert find_pairs(records) == []
    weak = find_pairs(records, min_score=1)
    assert weak and weak[0].score < 50


def test_different_people_are_not_paired():
    records = [
        Record(1, "Jane Doe", organization="Acme", emails=("jane@acme.com",)),
        Record(2, "John Doe", organization="Acme", emails=("john@acme.com",)),
        Record(3, "Mary Major", organization="Acme"),
    ]
    assert find_pairs(records) == []


def test_a_shared_switchboard_with_different_names_scores_low():
    records = [Record(1, "Jane Doe", phones=("+12085550100",)), Record(2, "Peter Parker", phones=("+12085550100",))]
    pair = only_pair(records, min_score=1)
    assert (
        "names-differ" in kinds(pair)
        and pair.score
        < only_pair(
            [Record(1, "Jane Doe", phones=("+12085550100",)), Record(2, "Jane Doe", phones=("+12085550100",))]
        ).score
    )


def test_a_team_inbox_shared_by_many_is_ignored():
    records = [Record(i, f"Person{i} Name{i}", emails=("team@acme.com",)) for i in range(MAX_KEY_GROUP + 1)]
    assert find_pairs(records) == []


def test_strongest_first_and_several_evidence_combine():
    records = [
        Record(1, "Jane Doe", organization="Acme", emails=("jane@acme.com",), phones=("+12085550143",)),
        Record(2, "Jane Doe", organization="Acme", emails=("jane@acme.com",), phones=("+12085550143",)),
        Record(3, "Ann Lee", organization="Initech"),
        Record(4, "Ann Lee", organization="Initech"),
    ]
    pairs = find_pairs(records)
    assert [(p.keep, p.other) for p in pairs] == [(1, 2), (3, 4)]
    assert pairs[0].score > pairs[1].score
    assert {"email", "phone", "name"} <= kinds(pairs[0])


def test_large_name_blocks_stay_linear_and_keep_exact_matches():
    records = [Record(i, f"John Smith{'x' * (i % 7)}", organization=f"Org {i}") for i in range(500)]
    records.append(Record(1000, "John Smithxxx", organization="Org 3"))  # a twin of #3
    pairs = find_pairs(records)
    assert [(p.keep, p.other) for p in pairs] == [(3, 1000)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=15), st.text(max_size=20)), max_size=25))
def test_any_input_gives_ordered_valid_pairs(rows):
    records = [
        Record(i, name, organization=org, emails=(email,), phones=(email,), urls=(name,))
        for i, (name, org, email) in enumerate(rows)
    ]
    pairs = find_pairs(records, min_score=0)
    ids = {r.id for r in records}
    assert all(p.keep < p.other and {p.keep, p.other} <= ids and 0 <= p.score <= 100 for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert len({(p.keep, p.other) for p in pairs}) == len(pairs)


def test_order_of_input_does_not_change_the_result():
    rng = random.Random(3)
    records = [
        Record(
            i,
            rng.choice(["Bob Smith", "Robert Smith", "Ann Lee", "Anne Lee"]),
            organization="Acme",
            emails=(rng.choice(["a@x.com", "b@x.com", ""]),),
        )
        for i in range(30)
    ]
    first = [(p.keep, p.other, p.score) for p in find_pairs(records)]
    rng.shuffle(records)
    assert [(p.keep, p.other, p.score) for p in find_pairs(records)] == first


def test_short_family_name_slip_and_conflicting_middle_names():
    assert only_pair([Record(1, "Ivy Sato", organization="Acme"), Record(2, "Ivy Stao", organization="Acme")])
    assert find_pairs([Record(1, "Ivy Sato"), Record(2, "Ivy Stao")]) == []  # without an org in common: too weak
    same = only_pair(
        [Record(1, "Maria L. Garcia", organization="Acme"), Record(2, "Maria Lopez Garcia", organization="Acme")]
    )
    other = only_pair(
        [Record(1, "Maria Perez Garcia", organization="Acme"), Record(2, "Maria Lopez Garcia", organization="Acme")]
    )
    assert other.score < same.score
    assert find_pairs([Record(1, "Maria Perez Garcia"), Record(2, "Maria Lopez Garcia")]) == []

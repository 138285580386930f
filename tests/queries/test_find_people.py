"""Search: every word must match a name, title, organization, tag, email or phone."""

import random

import pytest
from django.db import connection

from goodwill.queries.people import find_people
from goodwill.services.people import PersonFields, add_person, archive_person


def add(owner, name, **fields):
    return add_person(owner, PersonFields(name=name, **fields))


def names(owner, text):
    return [p.name for p in find_people(owner, text)]


def test_each_word_may_match_a_different_field(alice, now):
    add(alice, "Jane Doe", organization="Acme", title="CFO", tags=["fintech"], emails=["jd@example.com"])
    add(alice, "Sam Lee", organization="Globex", phones=["+1 208 555 0143"])
    assert names(alice, "jane") == ["Jane Doe"]
    assert names(alice, "acme cfo") == ["Jane Doe"]
    assert names(alice, "#fintech jane") == ["Jane Doe"]
    assert names(alice, "jd@example") == ["Jane Doe"]
    assert names(alice, "5550143") == ["Sam Lee"]
    assert names(alice, "globex jane") == []


def test_someone_with_many_matching_emails_and_tags_is_listed_once(alice, now):
    add(
        alice,
        "Jane Doe",
        emails=["jane@acme.com", "jane.doe@acme.com", "jd@acme.com"],
        tags=["acme", "acme-alumni"],
        organization="Acme",
    )
    assert names(alice, "acme") == ["Jane Doe"]


def test_the_archived_come_last_and_other_networks_never(alice, bob, charlie, now):
    old = add(alice, "Aaron Acme")
    add(alice, "Zed Acme")
    archive_person(alice, old)
    add(bob, "Bea Acme", emails=["bea@acme.com"])
    add(charlie, "Cy Acme", organization="Acme")
    assert names(alice, "acme") == ["Zed Acme", "Aaron Acme"]
    assert names(bob, "acme") == ["Bea Acme"]
    assert names(charlie, "acme") == ["Cy Acme"]


def _reference(people, text):
    """The rule in plain Python: every word in one of the fields (tags whole, the rest as parts)."""
    found = []
    for person in people:
        haystacks = [person["name"], person["title"], person["organization"], *person["emails"]]
        if all(
            any(word.lower() in h.lower() for h in haystacks) or word.lstrip("#").lower() in person["tags"]
            for word in text.split()
        ):
            found.append(person["name"])
    return sorted(found)


def test_search_answers_as_the_rule_says_on_a_random_network(alice, now):
    rng = random.Random(18)
    syllables = ["an", "ber", "co", "dal", "el", "fi", "gor", "ha"]
    people = []
    for n in range(40):
        person = {
            "name": f"{rng.choice(syllables).title()}{rng.choice(syllables)} {rng.choice(syllables).title()} {n}",
            "title": rng.choice(["", "CFO", "partner", "engineer"]),
            "organization": rng.choice(["", "Acme", "Bercode", "Dalfi"]),
            "emails": [f"{rng.choice(syllables)}{n}@{rng.choice(['acme', 'mail'])}.com"],
            "tags": sorted({rng.choice(syllables) for _ in range(rng.randint(0, 2))}),
        }
        people.append(person)
        add(
            alice,
            person["name"],
            title=person["title"],
            organization=person["organization"],
            emails=person["emails"],
            tags=person["tags"],
        )
    for text in ["an", "co acme", "#el", "mail fi", "partner ber", "dalfi gor", "CFO", "zz", "ha 1"]:
        assert sorted(names(alice, text)) == _reference(people, text), text


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan")
def test_on_sqlite_search_scans_the_people_once_without_joining_their_points(alice, now):
    sql, params = find_people(alice, "acme jane").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "SCAN goodwill_person" in plan, plan
    assert "DISTINCT" not in sql.upper()
    assert "goodwill_contactpoint" not in plan.split("LIST SUBQUERY")[0], plan


def test_a_name_typed_without_its_accents_is_found_when_nothing_matches_as_typed(alice, bob, now):
    add(alice, "Zoë O'Brien-Ávila", organization="Acme")
    add(alice, "Søren Kierkegaard")
    add(bob, "Zoë Adler")
    assert names(alice, "zoe") == ["Zoë O'Brien-Ávila"]
    assert names(alice, "obrien avila") == ["Zoë O'Brien-Ávila"]
    assert names(alice, "soren") == ["Søren Kierkegaard"]
    assert names(alice, "acme") == ["Zoë O'Brien-Ávila"]  # as typed first: the organization
    assert names(alice, "xyz") == []
    assert names(bob, "soren") == []


def test_a_name_too_common_without_its_accents_asks_for_another_word(alice, now, monkeypatch):
    import goodwill.queries.people as people_queries
    from goodwill.errors import InvalidInput

    monkeypatch.setattr(people_queries, "FOLDED_MOST", 2)
    for n in range(3):
        add(alice, f"José Núñez {n}")
    with pytest.raises(InvalidInput, match="add a word"):
        find_people(alice, "jose")
    assert len(names(alice, "jose nunez 1")) == 1

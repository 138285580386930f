"""A name's words without case, accents or punctuation, and finding names by them."""

from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.habits.name_words import fold, name_tokens, named


def test_a_name_as_people_type_it():
    assert name_tokens("Zoë 🌟 O'Brien-Ávila") == ["zoe", "obrien", "avila"]
    assert name_tokens("Søren Øvergaard") == ["soren", "overgaard"]
    assert name_tokens("Dr. Łukasz Wałęsa, PhD") == ["lukasz", "walesa"]
    assert name_tokens("Doe, Jane") == ["jane", "doe"]
    assert name_tokens("Иван Петров") == ["иван", "петров"]  # other scripts keep their letters
    assert name_tokens("山田 太郎") == ["山田", "太郎"]
    assert fold("Straße ÆSIR") == "strasse aesir"


def test_the_whole_name_comes_before_a_part_of_one():
    names = {1: "José García-López", 2: "José García", 3: "Ana Ruiz"}
    assert named("jose garcia", names) == [2]
    assert named("JOSE", names) == [1, 2]
    assert named("lopez", names) == [1]
    assert named("xyz", names) == []
    assert named("Dr.", names) == []  # nothing left to look for once the title is off


def _reference(text: str, names: dict[int, str]) -> list[int]:
    """named() without its quick test: every name folded word by word."""
    wanted = name_tokens(text)
    if not wanted:
        return []
    exact = [k for k, n in names.items() if name_tokens(n) == wanted]
    partial = [
        k
        for k, n in names.items()
        if name_tokens(n) != wanted and all(any(p in w for w in name_tokens(n)) for p in wanted)
    ]
    return sorted(exact or partial)


# Letters that fold in every way a name can: accents, letters with no decomposition,
# apostrophes of several kinds, punctuation, ligatures, other scripts and emoji.
_LETTERS = "aeiouAEOnszZ éÉëøØłßæÆñÑçİı'’`´-.,·ﬁＪ3Иж山🌟"
_NAME = st.text(alphabet=_LETTERS, min_size=1, max_size=14)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(1, 10_000), _NAME, max_size=25), _NAME)
def test_the_quick_test_never_loses_a_name(names, text):
    assert named(text, names) == _reference(text, names)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(1, 10_000), _NAME, min_size=1, max_size=25))
def test_every_name_finds_itself(names):
    for key, name in names.items():
        if name_tokens(name):
            assert key in named(name, names)

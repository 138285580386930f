"""Forms of the Duplicates page: which pairs to list, and the two people a merge or a
"not the same" is about (ids the page itself wrote; each is checked against the owner later)."""

from __future__ import annotations

from goodwill.errors import InvalidInput
from goodwill.habits.dupes import DEFAULT_MIN_SCORE
from goodwill.web.forms.base import Flag, Parsed, WebForm


def min_score(typed: str) -> int:
    """A score from 0 to 100, as `goodwill dupes --min-score` takes it."""
    if not typed.isdecimal() or int(typed) > 100:
        raise InvalidInput(f'the lowest score is a whole number from 0 to 100, not "{typed}"')
    return int(typed)


def person_id(typed: str) -> int:
    number = typed.strip().lstrip("#")
    if not number.isdecimal():
        raise InvalidInput(f'"{typed}" is not a person\'s id')
    return int(number)


def _required_person(typed: str) -> int:
    if not typed:
        raise InvalidInput("name the two people: their ids are missing")
    return person_id(typed)


class DupesFilters(WebForm):
    """?min_score=30 shows weaker pairs; ?dismissed=1 shows the pairs marked "not the same" too."""

    min_score = Parsed(min_score, empty=DEFAULT_MIN_SCORE)
    dismissed = Flag()


class PairForm(WebForm):
    """The two people of a pair (a and b); for a merge, `keep` says which of them stays."""

    a = Parsed(_required_person, parse_blank=True)
    b = Parsed(_required_person, parse_blank=True)
    keep = Parsed(person_id)

    def other_than_kept(self) -> tuple[int, int]:
        """(keep, other): the one chosen to stay, and the other of the two."""
        values = self.values()
        pair = (values["a"], values["b"])
        keep = values["keep"]
        if keep not in pair:
            raise InvalidInput("choose which of the two records to keep")
        return keep, pair[1] if keep == pair[0] else pair[0]

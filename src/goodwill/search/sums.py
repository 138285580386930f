"""The best people by a weighted sum of their postings, in numpy (pure: no database).

A query's lexemes each bring a list of (person, weight) postings; a person's score is the sum,
over the lexemes they hold, of the weight times the lexeme's idf. The lists are concatenated
and each person's values added up in list order: counted into an array indexed by person id
when the ids are dense enough (a network's ids are), else stably sorted by person (each list
is a run, so the sort merges runs) and summed in one pass; with dense ids and a page's worth of
people above zero, the page is read from those totals directly. The page is the `wanted` best
by score, ties by person id, as PostgreSQL's `ORDER BY score DESC, person_id` would give;
`sure` says whether the person holds a lexeme that a phrase of that one word asked for (a
match needing no phrase check).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

DENSE = 16  # ids up to this many times the postings (plus a million): counted by id, not sorted


def best(
    lists: Mapping[str, tuple[np.ndarray, np.ndarray]],
    idfs: Mapping[str, float],
    single: Mapping[str, bool],
    wanted: int,
) -> list[tuple[int, float, bool]]:
    """(person, score, sure) of the `wanted` best, best first."""
    used = [lexeme for lexeme in lists if len(lists[lexeme][0]) and lexeme in idfs]
    if not used or wanted <= 0:
        return []
    persons = np.concatenate([lists[lexeme][0] for lexeme in used])
    values = np.concatenate([lists[lexeme][1] * idfs[lexeme] for lexeme in used])
    dense = persons.min() >= 0 and persons.max() < DENSE * len(persons) + 2**20
    if dense:
        # Ids dense enough to count into an array indexed by id: no sort, and less room.
        totals = np.bincount(persons, weights=values)
        found = _best_by_id(lists, used, single, totals, wanted)
        if found is not None:
            return found
    sure = np.concatenate([np.full(len(lists[lexeme][0]), single.get(lexeme, False)) for lexeme in used])
    if dense:
        people = np.flatnonzero(np.bincount(persons))
        scores = totals[people]
        sures = np.bincount(persons[sure], minlength=len(totals))[people] > 0
    else:
        order = np.argsort(persons, kind="stable")
        persons, values, sure = persons[order], values[order], sure[order]
        starts = np.flatnonzero(np.r_[True, persons[1:] != persons[:-1]])
        people = persons[starts]
        scores = np.add.reduceat(values, starts)
        sures = np.logical_or.reduceat(sure, starts)
    if len(people) > wanted:
        # Everyone above the wanted-th best score, then, of those at it, the lowest ids (people
        # are in id order here): the line often falls inside a tie of thousands.
        line = -np.partition(-scores, wanted - 1)[wanted - 1]
        above = np.flatnonzero(scores > line)
        chosen = np.concatenate([above, np.flatnonzero(scores == line)[: wanted - len(above)]])
    else:
        chosen = np.arange(len(people))
    chosen = chosen[np.lexsort((people[chosen], -scores[chosen]))][:wanted]
    return [(int(p), float(s), bool(u)) for p, s, u in zip(people[chosen], scores[chosen], sures[chosen])]


def _best_by_id(
    lists: Mapping[str, tuple[np.ndarray, np.ndarray]],
    used: list[str],
    single: Mapping[str, bool],
    totals: np.ndarray,
    wanted: int,
) -> list[tuple[int, float, bool]] | None:
    """The page straight from the totals indexed by id, when at least `wanted` people score above
    zero (the usual case: a search's common words are held by thousands). Nobody's holdings are
    listed and whether a page's person is sure is looked up for the page alone: on a big network
    each of those was another pass over every posting. None: too few score, best() answers."""
    if wanted >= len(totals):
        return None
    line = -np.partition(-totals, wanted - 1)[wanted - 1]
    if not line > 0:  # holders at zero (a weightless posting) would be tied with everyone else
        return None
    above = np.flatnonzero(totals > line)
    chosen = np.concatenate([above, np.flatnonzero(totals == line)[: wanted - len(above)]])
    chosen = chosen[np.lexsort((chosen, -totals[chosen]))]
    sure = np.zeros(len(totals), dtype=bool)
    for lexeme in used:
        if single.get(lexeme, False):
            sure[lists[lexeme][0]] = True
    return [(int(p), float(s), bool(u)) for p, s, u in zip(chosen, totals[chosen], sure[chosen])]

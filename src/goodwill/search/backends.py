"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). The scores differ between
engines; goodwill.habits.matching ranks the candidates the same way on both.

A search may be kept to some columns of the documents (`columns`, names from
goodwill.search.documents.COLUMNS; None for all of them): FTS5 filters by column; PostgreSQL's tsvector knows
columns only by weight class, and keeps a ranking of its own for the one set asked for,
offers and role (class C: whom to introduce someone to).
"""

from __future__ import annotations

import re

from django.db import connection

SAFE = re.compile(r"[^a-z0-9& ]+")


def _phrases(terms: list[str]) -> list[str]:
    result = []
    for term in terms:
        cleaned = " ".join(SAFE.sub(" ", term.lower()).replace("&", " ").split())
        if cleaned:
            result.append(f'"{cleaned}"')
    return list(dict.fromkeys(result))


class SQLiteFTS:
    # bm25 column weights: needs, interests, offers, role, notes.
    WEIGHTS = "4.0, 2.5, 1.5, 1.2, 0.6"
    # The index alone first: joining every match to its owner and person costs more
    # than the ranking. One owner per file is the usual case; when other owners' or
    # archived people crowd the first page, the joined query answers instead.
    FAST = f"""
        SELECT rowid, bm25(goodwill_search_fts, {WEIGHTS}) AS score FROM goodwill_search_fts
        WHERE goodwill_search_fts MATCH %s ORDER BY score LIMIT %s
    """
    SQL = f"""
        SELECT d.person_id, bm25(goodwill_search_fts, {WEIGHTS}) AS score
        FROM goodwill_search_fts
        JOIN goodwill_searchdocument d ON d.id = goodwill_search_fts.rowid
        JOIN goodwill_person p ON p.id = d.person_id
        WHERE goodwill_search_fts MATCH %s AND d.owner_id = %s AND p.archived_at IS NULL
        ORDER BY score LIMIT %s
    """

    def search(
        self, owner_id: int, terms: list[str], limit: int, columns: frozenset[str] | None = None
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        match = " OR ".join(phrases)
        if columns is not None:  # FTS5's column filter: matches and bm25 within those columns
            match = "{" + " ".join(sorted(columns)) + "} : (" + match + ")"
        with connection.cursor() as cursor:
            cursor.execute(self.FAST, [match, 2 * limit])
            rows = cursor.fetchall()
            if rows:
                marks = ", ".join(["%s"] * len(rows))
                cursor.execute(
                    f"SELECT d.id, d.person_id FROM goodwill_searchdocument d JOIN goodwill_person p ON p.id = d.person_id "
                    f"WHERE d.id IN ({marks}) AND d.owner_id = %s AND p.archived_at IS NULL",
                    [r[0] for r in rows] + [owner_id],
                )
                people = dict(cursor.fetchall())
                found = [(people[doc], -score) for doc, score in rows if doc in people]
                if len(found) >= limit or len(rows) < 2 * limit:  # a full page, or every match seen
                    return found[:limit]
            cursor.execute(self.SQL, [match, owner_id, limit])
            return [(pid, -score) for pid, score in cursor.fetchall()]


def _ranking(postings: str, tsv: str) -> str:
    """PostgresFTS's summed ranking over one postings table; `tsv`: the narrow table's tsvector
    as the phrase check must see it."""
    return f"""
        WITH phrases AS (
            SELECT to_tsvector('english', phrase) AS tsv FROM unnest(%(phrases)s::text[]) AS phrase
        ), words AS (  -- each lexeme once; `single`: a phrase of that one word asks for it alone
            SELECT w.lexeme, bool_or((SELECT sum(cardinality(x.positions)) FROM unnest(p.tsv) x) = 1) AS single
            FROM phrases p, unnest(p.tsv) w GROUP BY w.lexeme
        ), terms AS (
            SELECT greatest(count(*), 1) AS size,
                   (SELECT count(*) FROM phrases WHERE length(tsv) > 0) > 1 OR bool_and(single) AS summed
            FROM words
        )
        SELECT h.person_id, h.score, p.archived_at IS NULL,
               h.sure OR EXISTS (
                   SELECT 1 FROM goodwill_searchdocument d JOIN goodwill_search_rank r ON r.doc_id = d.id
                   WHERE d.person_id = h.person_id AND {tsv} @@ websearch_to_tsquery('english', %(query)s)),
               t.summed
        FROM terms t CROSS JOIN LATERAL (
            SELECT s.person_id, (sum(s.weight) / t.size)::real AS score, bool_or(w.single) AS sure
            FROM words w JOIN {postings} s ON s.owner_id = %(owner)s AND s.lexeme = w.lexeme
            GROUP BY s.person_id
            ORDER BY score DESC, s.person_id LIMIT %(wanted)s
        ) h JOIN goodwill_person p ON p.id = h.person_id
        ORDER BY h.score DESC, h.person_id
    """


def _joined(tsv: str) -> str:
    """ts_rank over the narrow table, `tsv` as above (the GIN index finds the matches first)."""
    within = "" if tsv == "s.tsv" else f" AND {tsv} @@ q"
    return f"""
        SELECT s.person_id, ts_rank({tsv}, q) AS score
        FROM goodwill_search_rank s
        JOIN goodwill_person p ON p.id = s.person_id,
             websearch_to_tsquery('english', %s) q
        WHERE s.owner_id = %s AND p.archived_at IS NULL AND s.tsv @@ q{within}
        ORDER BY score DESC, s.person_id LIMIT %s
    """


# The tsvector's weight class of each column (migration 0017): needs A, interests B, offers and
# role C, notes D. A search within offers and role ranks class C alone.
CLASS_OF = {"needs": "a", "interests": "b", "offers": "c", "role": "c", "notes": "d"}
OFFERS_AND_ROLE = "ts_filter(r.tsv, '{c}')"


class PostgresFTS:
    # For an item's common words most of an owner's documents match, and ts_rank would read
    # every match's tsvector. For OR-ed words ts_rank is a sum over the query's distinct
    # lexemes of a value that depends only on the document and the lexeme, divided by their
    # count; goodwill_search_posting holds that value for every document and lexeme (migration
    # 0020, written by triggers), so a ranking adds up its lexemes' postings, read from one
    # index, and looks at no tsvector. Only the first page is checked further: whether a
    # match through a phrase's words has the phrase itself (`@@`), and whether its person is
    # archived. When those crowd the page, or the query is one phrase of several words
    # (ts_rank ranks those by the words' distances), ts_rank answers over the narrow table.
    # Within offers and role, the same over goodwill_search_offer_posting (0021), the values
    # of each document's C positions alone: ts_rank of its tsvector filtered to class C.
    SQL = _ranking("goodwill_search_posting", "r.tsv")
    SQL_OFFERS_AND_ROLE = _ranking("goodwill_search_offer_posting", OFFERS_AND_ROLE)
    # Exact, and slow at 100,000 people: every match's tsvector read and ranked.
    JOINED = _joined("s.tsv")
    JOINED_OFFERS_AND_ROLE = _joined(OFFERS_AND_ROLE.replace("r.tsv", "s.tsv"))

    def search(
        self, owner_id: int, terms: list[str], limit: int, columns: frozenset[str] | None = None
    ) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        summed, joined = self._statements(columns)
        query = " or ".join(phrases)
        wanted = 2 * limit
        with connection.cursor() as cursor:
            cursor.execute(
                summed,
                {"phrases": [p.strip('"') for p in phrases], "query": query, "owner": owner_id, "wanted": wanted},
            )
            ranked = cursor.fetchall()
            if not ranked or ranked[0][4]:
                rows = [(pid, score) for pid, score, active, matches, _ in ranked if active and matches]
                if len(rows) >= limit or len(ranked) < wanted:  # a full page, or every match seen
                    return [(pid, float(score)) for pid, score in rows[:limit]]
            cursor.execute(joined, [query, owner_id, limit])
            return [(pid, float(score)) for pid, score in cursor.fetchall()]

    def _statements(self, columns: frozenset[str] | None) -> tuple[str, str]:
        if columns is None:
            return self.SQL, self.JOINED
        if {CLASS_OF[c] for c in columns} == {"c"}:  # offers, role, or both: one class, ranked as one
            return self.SQL_OFFERS_AND_ROLE, self.JOINED_OFFERS_AND_ROLE
        raise ValueError(f"PostgreSQL ranks within offers and role, or every column; not {sorted(columns)}")


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()

"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). The scores differ between
engines; goodwill.habits.matching ranks the candidates the same way on both.
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

    def search(self, owner_id: int, terms: list[str], limit: int) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        match = " OR ".join(phrases)
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
    SQL = """
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
                   WHERE d.person_id = h.person_id AND r.tsv @@ websearch_to_tsquery('english', %(query)s)),
               t.summed
        FROM terms t CROSS JOIN LATERAL (
            SELECT s.person_id, (sum(s.weight) / t.size)::real AS score, bool_or(w.single) AS sure
            FROM words w JOIN goodwill_search_posting s ON s.owner_id = %(owner)s AND s.lexeme = w.lexeme
            GROUP BY s.person_id
            ORDER BY score DESC, s.person_id LIMIT %(wanted)s
        ) h JOIN goodwill_person p ON p.id = h.person_id
        ORDER BY h.score DESC, h.person_id
    """
    # Exact, and slow at 100,000 people: every match's tsvector read and ranked.
    JOINED = """
        SELECT s.person_id, ts_rank(s.tsv, q) AS score
        FROM goodwill_search_rank s
        JOIN goodwill_person p ON p.id = s.person_id,
             websearch_to_tsquery('english', %s) q
        WHERE s.owner_id = %s AND p.archived_at IS NULL AND s.tsv @@ q
        ORDER BY score DESC, s.person_id LIMIT %s
    """

    def search(self, owner_id: int, terms: list[str], limit: int) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        query = " or ".join(phrases)
        wanted = 2 * limit
        with connection.cursor() as cursor:
            cursor.execute(
                self.SQL,
                {"phrases": [p.strip('"') for p in phrases], "query": query, "owner": owner_id, "wanted": wanted},
            )
            ranked = cursor.fetchall()
            if not ranked or ranked[0][4]:
                rows = [(pid, score) for pid, score, active, matches, _ in ranked if active and matches]
                if len(rows) >= limit or len(ranked) < wanted:  # a full page, or every match seen
                    return [(pid, float(score)) for pid, score in rows[:limit]]
            cursor.execute(self.JOINED, [query, owner_id, limit])
            return [(pid, float(score)) for pid, score in cursor.fetchall()]


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()

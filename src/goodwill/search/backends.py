"""The two full-text engines, one method each: candidates for a list of OR-ed terms.

Terms reach the engines as words (letters, digits, &), quoted as phrases, and
each engine stems them with the stemmer that built its index (FTS5's porter
tokenizer, PostgreSQL's english configuration). The scores differ between
engines; goodwill.habits.matching ranks the candidates the same way on both.
"""

from __future__ import annotations

import re
import time

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
    """ts_rank, but over a first cut of the matches rather than all of them.

    ts_rank reads and ranks every matching document, and an item's ordinary words
    ("state", "lending") are in the notes of most of a big network: 50,000-85,000
    documents per item at 100,000 people. So the match is cut down by document
    frequency, rarest terms first, to about RANKED documents, in two places:
    - the profile (tsv_profile: needs, interests, offers, role), where ts_rank gives
      a word 2 to 10 times a note's weight, so a person whose need says a common word
      still outranks one whose notes say a rare one;
    - the whole document (tsv), for terms rare enough anywhere.
    Every candidate is then ranked on the whole query, common words included, as
    before. Frequencies come from the planner's statistics (Frequencies); without
    them (a small or new table) every term counts as rare and every match is ranked.
    """

    RANKED = 2_000  # documents worth ranking for a page of 100 (each cut's estimate)
    FEWEST = 300  # the profile's cut goes past RANKED until this many
    LEXEMES = "SELECT t, tsvector_to_array(to_tsvector('english', t)) FROM unnest(%s::text[]) AS t"
    # The documents first, archived people after: joining every candidate to its person
    # cost more than ranking it. When archived people crowd the first page, the joined
    # statement answers instead (as SQLiteFTS does).
    SQL = """
        SELECT r.person_id, r.score, p.archived_at IS NULL FROM (
            SELECT d.person_id, ts_rank(d.tsv, websearch_to_tsquery('english', %s)) AS score
            FROM goodwill_searchdocument d
            WHERE d.owner_id = %s AND ({match})
            ORDER BY score DESC, d.person_id LIMIT %s
        ) r JOIN goodwill_person p ON p.id = r.person_id
        ORDER BY r.score DESC, r.person_id
    """
    JOINED = """
        SELECT d.person_id, ts_rank(d.tsv, websearch_to_tsquery('english', %s)) AS score
        FROM goodwill_searchdocument d
        JOIN goodwill_person p ON p.id = d.person_id
        WHERE d.owner_id = %s AND p.archived_at IS NULL AND ({match})
        ORDER BY score DESC, d.person_id LIMIT %s
    """
    MATCH = {
        "tsv_profile": "d.tsv_profile @@ websearch_to_tsquery('english', %s)",
        "tsv": "d.tsv @@ websearch_to_tsquery('english', %s)",
    }

    def search(self, owner_id: int, terms: list[str], limit: int) -> list[tuple[int, float]]:
        phrases = _phrases(terms)
        if not phrases:
            return []
        with connection.cursor() as cursor:
            cursor.execute(self.LEXEMES, [[p.strip('"') for p in phrases]])
            lexemes = {f'"{t}"': tuple(found) for t, found in cursor.fetchall()}
            kept = [p for p in phrases if lexemes.get(p)]  # stop words alone match nothing
            if not kept:
                return []
            cuts = self.cuts(kept, lexemes, frequencies(cursor))
            cursor.execute(*self.statement(owner_id, kept, cuts, 2 * limit))
            ranked = cursor.fetchall()
            rows = [(pid, score) for pid, score, active in ranked if active]
            if len(rows) < limit and len(ranked) == 2 * limit:  # archived people crowd the page
                cursor.execute(*self.statement(owner_id, kept, cuts, limit, joined=True))
                rows = cursor.fetchall()
            return [(pid, float(score)) for pid, score in rows[:limit]]

    def statement(self, owner_id: int, phrases: list[str], cuts: dict[str, list[str]], limit: int, joined=False):
        """The ranking over the cuts' matches, as (sql, params)."""
        match = " OR ".join(self.MATCH[column] for column in cuts)
        params = [" or ".join(phrases), owner_id, *(" or ".join(cut) for cut in cuts.values()), limit]
        return (self.JOINED if joined else self.SQL).format(match=match), params

    @classmethod
    def cuts(cls, phrases: list[str], lexemes: dict[str, tuple[str, ...]], freq: Frequencies) -> dict[str, list[str]]:
        """Per column, the terms whose matches are worth ranking: rarest first, while their
        documents add up to RANKED or fewer. Terms rarer than the statistics list cost
        nothing here (few documents each). The profile keeps adding terms until about
        FEWEST documents, so there are candidates even when every word is common."""
        cuts: dict[str, list[str]] = {}
        for column in ("tsv_profile", "tsv"):
            # A phrase matches at most as many documents as its rarest word.
            estimated = sorted((min(freq.documents(column, x) for x in lexemes[p]), p) for p in phrases)
            total, chosen = 0.0, []
            for documents, phrase in estimated:
                if total + documents > cls.RANKED and (total >= cls.FEWEST or column == "tsv"):
                    break
                total += documents
                chosen.append(phrase)
            if chosen:
                cuts[column] = chosen
        if len(cuts.get("tsv", ())) == len(phrases):  # every term is rare: one index, every match
            return {"tsv": phrases}
        return cuts


class Frequencies:
    """How many documents have a lexeme, estimated from pg_stats: ANALYZE keeps a
    tsvector column's most common lexemes with the share of rows that have each. A
    lexeme not listed is rarer than the least common one listed, and counts as 0:
    a real network's long tail of words, each in a few documents (most of an item's
    words that are not listed are in none). Read once per database every STATS_EVERY
    seconds: the estimates only decide what to rank."""

    def __init__(self, shares: dict[str, dict[str, float]], rows: float):
        self.shares, self.rows = shares, rows

    def documents(self, column: str, lexeme: str) -> float:
        return self.shares.get(column, {}).get(lexeme, 0.0) * self.rows


STATS = """
    SELECT s.attname, s.most_common_elems::text::text[], s.most_common_elem_freqs,
           (SELECT c.reltuples FROM pg_class c WHERE c.oid = 'goodwill_searchdocument'::regclass)
    FROM pg_stats s
    WHERE s.schemaname = ANY (current_schemas(false)) AND s.tablename = 'goodwill_searchdocument'
      AND s.attname IN ('tsv', 'tsv_profile') AND s.most_common_elems IS NOT NULL
"""
STATS_EVERY = 300.0
_frequencies: dict[str, tuple[float, Frequencies]] = {}


def frequencies(cursor) -> Frequencies:
    key = str(connection.settings_dict.get("NAME"))
    kept = _frequencies.get(key)
    if kept is not None and time.monotonic() - kept[0] < STATS_EVERY:
        return kept[1]
    cursor.execute(STATS)
    shares, rows = {}, 0.0
    for column, elems, freqs, reltuples in cursor.fetchall():
        shares[column] = dict(zip(elems, freqs))  # then the least and greatest share: not needed
        rows = max(rows, float(reltuples))
    found = Frequencies(shares, rows)
    _frequencies[key] = (time.monotonic(), found)
    return found


def forget() -> None:
    """Read the statistics again on the next search (tests; after ANALYZE)."""
    _frequencies.clear()


def backend():
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS()

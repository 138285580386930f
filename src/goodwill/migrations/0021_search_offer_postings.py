# Issue 18: an introduction idea's candidates on PostgreSQL come from what people offer and
# what they do, not from everything they said.
#
# For each of a person's needs, the Person page's ideas rank whom to introduce them to, scoring
# only offers, role and tags; but the full-text candidates were ranked over every column, where
# needs weigh most, so the pool was filled with people who need the same thing (and scored
# nothing), and every posting of every column was added up (~50 ms a need at 100,000 people).
# SQLite's FTS5 ranks within the offers and role columns by a column filter. PostgreSQL's
# tsvector holds offers and role at weight C (0017): goodwill_search_offer_posting holds, for
# every document and lexeme with C positions, ts_rank's value of those positions alone (the
# value ts_rank gives the document's tsvector filtered to C), so a ranking within offers and
# role adds up these postings as 0020's ranking adds up the whole document's.
#
# Kept in step with goodwill_search_rank by triggers, as goodwill_search_posting is (0020).
# PostgreSQL only. The SQL is frozen here (not imported) so later code changes never alter
# this migration.

from django.db import migrations

FORWARD = [
    """CREATE TABLE goodwill_search_offer_posting (
        owner_id bigint NOT NULL,
        lexeme text NOT NULL,
        person_id bigint NOT NULL,
        weight float8 NOT NULL,
        PRIMARY KEY (owner_id, lexeme, person_id) INCLUDE (weight))""",
    """INSERT INTO goodwill_search_offer_posting (owner_id, lexeme, person_id, weight)
        SELECT r.owner_id, t.lexeme, r.person_id, goodwill_term_rank(t.weights)
        FROM goodwill_search_rank r, unnest(ts_filter(r.tsv, '{c}')) t
        ORDER BY 1, 2, 3""",
    # As 0020's sync, on the tsvectors filtered to weight C: an edit rewrites only the lexemes
    # whose C positions changed, and a posting already there is overwritten, never an error.
    """CREATE FUNCTION goodwill_search_offer_posting_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.owner_id = NEW.owner_id AND OLD.person_id = NEW.person_id THEN
            DELETE FROM goodwill_search_offer_posting p
            USING unnest(ts_filter(OLD.tsv, '{c}')) o LEFT JOIN unnest(ts_filter(NEW.tsv, '{c}')) n ON n.lexeme = o.lexeme
            WHERE (n.lexeme IS NULL OR n.weights IS DISTINCT FROM o.weights)
              AND p.owner_id = OLD.owner_id AND p.lexeme = o.lexeme AND p.person_id = OLD.person_id;
            INSERT INTO goodwill_search_offer_posting (owner_id, lexeme, person_id, weight)
            SELECT NEW.owner_id, n.lexeme, NEW.person_id, goodwill_term_rank(n.weights)
            FROM unnest(ts_filter(NEW.tsv, '{c}')) n LEFT JOIN unnest(ts_filter(OLD.tsv, '{c}')) o ON o.lexeme = n.lexeme
            WHERE o.lexeme IS NULL OR n.weights IS DISTINCT FROM o.weights
            ON CONFLICT (owner_id, lexeme, person_id) DO UPDATE SET weight = EXCLUDED.weight;
            RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM goodwill_search_offer_posting
            WHERE owner_id = OLD.owner_id AND lexeme = ANY(tsvector_to_array(ts_filter(OLD.tsv, '{c}')))
              AND person_id = OLD.person_id;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO goodwill_search_offer_posting (owner_id, lexeme, person_id, weight)
            SELECT NEW.owner_id, t.lexeme, NEW.person_id, goodwill_term_rank(t.weights)
            FROM unnest(ts_filter(NEW.tsv, '{c}')) t
            ON CONFLICT (owner_id, lexeme, person_id) DO UPDATE SET weight = EXCLUDED.weight;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER goodwill_search_offer_posting_id AFTER INSERT OR DELETE ON goodwill_search_rank
        FOR EACH ROW EXECUTE FUNCTION goodwill_search_offer_posting_sync()""",
    """CREATE TRIGGER goodwill_search_offer_posting_u AFTER UPDATE ON goodwill_search_rank FOR EACH ROW
        WHEN ((OLD.tsv, OLD.owner_id, OLD.person_id) IS DISTINCT FROM (NEW.tsv, NEW.owner_id, NEW.person_id))
        EXECUTE FUNCTION goodwill_search_offer_posting_sync()""",
    """CREATE FUNCTION goodwill_search_offer_posting_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE goodwill_search_offer_posting;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER goodwill_search_offer_posting_t AFTER TRUNCATE ON goodwill_search_rank
        FOR EACH STATEMENT EXECUTE FUNCTION goodwill_search_offer_posting_truncate()""",
    "ANALYZE goodwill_search_offer_posting",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS goodwill_search_offer_posting_t ON goodwill_search_rank",
    "DROP TRIGGER IF EXISTS goodwill_search_offer_posting_u ON goodwill_search_rank",
    "DROP TRIGGER IF EXISTS goodwill_search_offer_posting_id ON goodwill_search_rank",
    "DROP FUNCTION IF EXISTS goodwill_search_offer_posting_truncate()",
    "DROP FUNCTION IF EXISTS goodwill_search_offer_posting_sync()",
    "DROP TABLE IF EXISTS goodwill_search_offer_posting",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0020_search_postings")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]

# Issues 14 and 18: pass-on's full-text ranking on PostgreSQL reads a narrow table.
#
# For an item's common words most of an owner's documents match, and ts_rank reads every
# one: the cost was reading goodwill_searchdocument's heap, where each row carries the
# document's texts beside its tsvector. The tsvector now lives in goodwill_search_rank
# (document id, owner, person, tsvector), kept in step by triggers as SQLite's FTS5 table
# is, and the generated column on the documents is dropped, so each document's tsvector
# is still computed once per write. The expression is the one of 0003, so every score
# and ranking stays the same (docs/performance.md, "Pass-on by meaning at 100,000 people").
# PostgreSQL only: on SQLite the FTS5 table is already an index of its own.
# The SQL is frozen here (not imported) so later code changes never alter this migration.

from django.db import migrations

TSV = """setweight(to_tsvector('english'::regconfig, coalesce({p}needs, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce({p}interests, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce({p}offers, '') || ' ' || coalesce({p}role, '')), 'C') ||
        setweight(to_tsvector('english'::regconfig, coalesce({p}notes, '')), 'D')"""

FORWARD = [
    """CREATE TABLE goodwill_search_rank (
        doc_id bigint PRIMARY KEY,
        owner_id bigint NOT NULL,
        person_id bigint NOT NULL,
        tsv tsvector NOT NULL)""",
    # Existing documents keep the tsvector already computed for them.
    """INSERT INTO goodwill_search_rank (doc_id, owner_id, person_id, tsv)
        SELECT id, owner_id, person_id, tsv FROM goodwill_searchdocument ORDER BY id""",
    "CREATE INDEX goodwill_search_rank_tsv ON goodwill_search_rank USING gin (tsv)",
    "CREATE INDEX goodwill_search_rank_owner ON goodwill_search_rank (owner_id)",
    f"""CREATE FUNCTION goodwill_search_rank_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM goodwill_search_rank WHERE doc_id = OLD.id;
            RETURN OLD;
        END IF;
        INSERT INTO goodwill_search_rank (doc_id, owner_id, person_id, tsv)
        VALUES (NEW.id, NEW.owner_id, NEW.person_id, {TSV.format(p="NEW.")})
        ON CONFLICT (doc_id) DO UPDATE
            SET owner_id = EXCLUDED.owner_id, person_id = EXCLUDED.person_id, tsv = EXCLUDED.tsv;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER goodwill_search_rank_id AFTER INSERT OR DELETE ON goodwill_searchdocument
        FOR EACH ROW EXECUTE FUNCTION goodwill_search_rank_sync()""",
    # Only a change of text touches the ranking table: marking a row stale does not.
    """CREATE TRIGGER goodwill_search_rank_u AFTER UPDATE ON goodwill_searchdocument FOR EACH ROW
        WHEN ((OLD.needs, OLD.interests, OLD.offers, OLD.role, OLD.notes, OLD.owner_id, OLD.person_id)
              IS DISTINCT FROM (NEW.needs, NEW.interests, NEW.offers, NEW.role, NEW.notes, NEW.owner_id, NEW.person_id))
        EXECUTE FUNCTION goodwill_search_rank_sync()""",
    # TRUNCATE fires no row triggers (Django's flush between transactional tests truncates).
    """CREATE FUNCTION goodwill_search_rank_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE goodwill_search_rank;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER goodwill_search_rank_t AFTER TRUNCATE ON goodwill_searchdocument
        FOR EACH STATEMENT EXECUTE FUNCTION goodwill_search_rank_truncate()""",
    "ANALYZE goodwill_search_rank",
    "DROP INDEX IF EXISTS goodwill_search_tsv",
    "ALTER TABLE goodwill_searchdocument DROP COLUMN IF EXISTS tsv",
]
BACKWARD = [
    f"ALTER TABLE goodwill_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({TSV.format(p='')}) STORED",
    "CREATE INDEX goodwill_search_tsv ON goodwill_searchdocument USING gin (tsv)",
    "DROP TRIGGER IF EXISTS goodwill_search_rank_t ON goodwill_searchdocument",
    "DROP TRIGGER IF EXISTS goodwill_search_rank_u ON goodwill_searchdocument",
    "DROP TRIGGER IF EXISTS goodwill_search_rank_id ON goodwill_searchdocument",
    "DROP FUNCTION IF EXISTS goodwill_search_rank_truncate()",
    "DROP FUNCTION IF EXISTS goodwill_search_rank_sync()",
    "DROP TABLE IF EXISTS goodwill_search_rank",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0016_item_meaning")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]

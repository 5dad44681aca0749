-- claimledger ledger schema, version 6, PostgreSQL: full-text search over the articles' titles and texts.
-- The SQLite backend's 0006 builds an FTS5 index; this one gives the articles a generated tsvector column
-- with a GIN index. Both answer Store.search with the same rules: words folded to lower case without
-- accents, no stemming and no stop words (the text search configuration 'claimledger': 'simple' after
-- 'unaccent'), the title weighted above the text. The column is generated, so ingest code does
-- nothing for it; the text is indexed up to its first 500,000 characters (a tsvector holds at most 1 MB).
-- unaccent ships with PostgreSQL (contrib) and is a trusted extension: a database owner may create it.

CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION claimledger (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION claimledger
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, simple;

ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('claimledger'::regconfig, coalesce(title, '')), 'A')
    || to_tsvector('claimledger'::regconfig, left(text, 500000))
) STORED;

CREATE INDEX articles_search ON articles USING GIN (search);

-- claimledger ledger schema, version 6: full-text search over the articles' titles and texts.
-- SQLite only (FTS5): a PostgreSQL backend gives the articles a tsvector column with a GIN index
-- in its own version of this step; both answer ``Store.search``.
--
-- article_search is an external-content FTS5 index over articles (rowid = articles.seq): it holds
-- the index, not a second copy of the text. Triggers keep it in step with every write to articles
-- (an article's text never changes; a later duplicate may fill an empty title), so ingest code
-- does nothing for it. Words are folded to lower case without accents (unicode61,
-- remove_diacritics 2). The 'rebuild' fills it from the articles already stored.

CREATE VIRTUAL TABLE article_search USING fts5(
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO article_search (article_search, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO article_search (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

INSERT INTO article_search (article_search) VALUES ('rebuild');

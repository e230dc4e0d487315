-- Extensions Kyodo needs. pg_trgm powers Japanese search (trigram LIKE and similarity);
-- PGlite loads it from @electric-sql/pglite/contrib/pg_trgm, PostgreSQL from contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

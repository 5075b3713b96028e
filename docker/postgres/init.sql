-- Runs once, when the postgres service initialises an empty data volume
-- (docker-entrypoint-initdb.d, connected to POSTGRES_DB as the superuser).
-- pg_trgm backs fuzzy search (%, similarity) next to full-text search.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Also in template1, so databases created later (e.g. throwaway test databases
-- made from TEST_DATABASE_URL) start with the extension installed.
\connect template1
CREATE EXTENSION IF NOT EXISTS pg_trgm;

#!/bin/sh
# Run once by the postgres image, when its data volume is first created
# (/docker-entrypoint-initdb.d/, see docker-compose.yml). Also usable by hand:
#   POSTGRES_USER=... POSTGRES_DB=... REGISTRY_READER_USER=... REGISTRY_READER_PASSWORD=... \
#     sh deploy/postgres-init.sh
#
# The provider registry gets a schema of its own, `registry`, owned by POSTGRES_USER
# (the action server and the staff command line write it; their ASSISTANS_DB_URL sets
# search_path=registry). The website, which faces the internet, logs in as
# REGISTRY_READER_USER: it can read the tables of `registry` (those made later too) and
# nothing else, not the conversations in `public`, and its transactions are read-only.
set -eu
psql -v ON_ERROR_STOP=1 --no-psqlrc ${PGHOST:+--host "$PGHOST"} \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner="$POSTGRES_USER" -v reader="$REGISTRY_READER_USER" \
  -v reader_password="$REGISTRY_READER_PASSWORD" <<'SQL'
CREATE SCHEMA IF NOT EXISTS registry AUTHORIZATION :"owner";
CREATE ROLE :"reader" LOGIN PASSWORD :'reader_password'
  NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
REVOKE ALL ON SCHEMA public FROM :"reader";
GRANT USAGE ON SCHEMA registry TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA registry TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA registry
  GRANT SELECT ON TABLES TO :"reader";
ALTER ROLE :"reader" SET search_path = registry;
ALTER ROLE :"reader" SET default_transaction_read_only = on;
SQL

#!/bin/sh
# PostgreSQL's image runs this once, when it initialises an empty data volume (docker-compose.yml mounts it
# into /docker-entrypoint-initdb.d): it creates the owner role that migrates and the app role the API uses.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v owner=commons_owner -v owner_password="$COMMONS_OWNER_PASSWORD" \
  -v app=commons_app -v app_password="$COMMONS_APP_PASSWORD" \
  -f /commons/roles.sql

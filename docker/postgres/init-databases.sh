#!/usr/bin/env bash
# One database per service, each with two roles and nothing on any other database (the postgres image runs this once,
# when its data volume is new):
#   <db>_owner  owns the database: the service's Flyway migrates as it (DB_MIGRATION_USERNAME / _PASSWORD);
#   <db>_app    may only connect: the service runs as it (DB_USERNAME / _PASSWORD), with the table rights its
#               migrations grant it, and owns nothing it could alter or drop.
# Passwords come from .env (scripts/generate-env.sh) through docker-compose.yml. A changed .env does not change them
# here: start from a new volume (docker compose down -v) or ALTER ROLE by hand.
set -eo pipefail

database() {
  local db=$1 owner_password=$2 app_password=$3
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
    -v owner_password="$owner_password" -v app_password="$app_password" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password';
CREATE DATABASE :"db" OWNER :"owner";
-- PUBLIC may connect to (and make temporary tables in) every new database: only this service's roles may here.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";
SQL
}

database referral "${REFERRAL_DB_OWNER_PASSWORD:?}" "${REFERRAL_DB_APP_PASSWORD:?}"
database scheduling "${SCHEDULING_DB_OWNER_PASSWORD:?}" "${SCHEDULING_DB_APP_PASSWORD:?}"
database notification "${NOTIFICATION_DB_OWNER_PASSWORD:?}" "${NOTIFICATION_DB_APP_PASSWORD:?}"

# Nor may the services' roles connect to the server's own databases.
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres <<'SQL'
REVOKE CONNECT ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT ON DATABASE template1 FROM PUBLIC;
SQL

#!/usr/bin/env bash
# Writes .env beside docker-compose.yml: a random value for every secret docker compose needs (compose refuses to start,
# naming it, when one is missing). .env is git-ignored: never commit it. An existing .env is kept unless --force is
# given, since the database roles and Kafka users keep the passwords they were created with (see
# docs/running.md, "Running with docker-compose").
#
#   scripts/generate-env.sh            writes .env if there is none
#   scripts/generate-env.sh --force    replaces it (then: docker compose down -v, to start from new volumes)
set -euo pipefail
cd "$(dirname "$0")/.."

env_file=.env
if [[ -e "$env_file" && "${1:-}" != "--force" ]]; then
  echo "$env_file exists; keeping it (scripts/generate-env.sh --force replaces it)." >&2
  exit 0
fi

# 32 random bytes, as base64 (EVENT_CONTACT_KEY: an AES-256 key) or as hex (passwords: no character that needs quoting
# in a shell, a URL, a JAAS line or Keycloak's realm file).
key() { openssl rand -base64 32; }
password() { openssl rand -hex 32; }

umask 077
{
  echo "# Written by scripts/generate-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Secrets: never commit this file."
  echo "# Seals patient contact details inside events (ADR 13); the same for the three services."
  echo "EVENT_CONTACT_KEY=$(key)"
  echo "# Signs the patients' links to their appointments (ADR 32); the same for the services that make and open them."
  echo "PATIENT_LINK_KEY=$(key)"
  echo "# The SMS provider signs its reply webhook with this (give it the same)."
  echo "SMS_INBOUND_SECRET=$(password)"
  echo "# The web console's client secret at Keycloak (the realm file reads it too)."
  echo "OIDC_CLIENT_SECRET=$(password)"
  echo "# Keycloak's administrator (user admin), and the demo users' password (physician, reviewer, scheduler, admin)."
  echo "KEYCLOAK_ADMIN_PASSWORD=$(password)"
  echo "DEMO_USER_PASSWORD=$(password)"
  echo "# PostgreSQL: the superuser, then each service's database owner (migrations) and application role."
  echo "POSTGRES_PASSWORD=$(password)"
  for service in REFERRAL SCHEDULING NOTIFICATION; do
    echo "${service}_DB_OWNER_PASSWORD=$(password)"
    echo "${service}_DB_APP_PASSWORD=$(password)"
  done
  echo "# Kafka: each service's SCRAM-SHA-512 password."
  for service in REFERRAL SCHEDULING NOTIFICATION; do
    echo "${service}_KAFKA_PASSWORD=$(password)"
  done
} > "$env_file"
echo "Wrote $env_file with new random secrets (readable by you only)."

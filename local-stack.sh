#!/usr/bin/env bash
# Runs the whole CellPath system on this machine without Docker: an in-process Kafka broker, embedded
# PostgreSQL (data kept in .local-stack/), a mail catcher, the three services and the web console. Ctrl-C stops it all.
#
# Ports, all overridable by environment variables: KAFKA_PORT=9092 POSTGRES_PORT=5433 SMTP_PORT=2525
# MAIL_UI_PORT=8025 CONSOLE_PORT=8084 (the web console); the services listen on 8081 (referral), 8082 (scheduling),
# 8083 (notification).
# SKIP_BUILD=1 starts the jars already built.
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building CellPath (./mvnw -q -B -DskipTests install) ..."
  # -q keeps the build quiet but still prints compiler and dependency errors.
  ./mvnw -q -B -DskipTests install
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach its shutdown hook directly.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar local-stack/target/local-stack.jar "$@"

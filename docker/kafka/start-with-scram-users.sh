#!/usr/bin/env bash
# Starts the apache/kafka image's broker as the image does (/etc/kafka/docker/run), then gives each service its
# SCRAM-SHA-512 credential, on every start, so that a new .env takes effect with a restart. Until that is done the
# healthcheck fails and no service starts.
#
# The services reach the broker on listener CLIENT (kafka:9092, SASL_PLAINTEXT, SCRAM only). The broker talks to
# itself, and this script to it, on LOCAL and CONTROLLER, which listen on the container's loopback address only.
# Passwords come from the environment (SCRAM_PASSWORD_<SERVICE>), never from KAFKA_* variables: the image writes every
# KAFKA_* variable into server.properties.
set -euo pipefail

ready=/tmp/cellpath-scram-users-ready
rm -f "$ready"

/etc/kafka/docker/run &
broker=$!
trap 'kill -TERM "$broker" 2>/dev/null; wait "$broker"' TERM INT

admin=(--bootstrap-server 127.0.0.1:9094)
until /opt/kafka/bin/kafka-broker-api-versions.sh "${admin[@]}" > /dev/null 2>&1; do
  if ! kill -0 "$broker" 2>/dev/null; then
    wait "$broker"
    exit $?
  fi
  sleep 1
done

for service in referral scheduling notification; do
  variable="SCRAM_PASSWORD_${service^^}"
  password="${!variable:?$variable is not set}"
  /opt/kafka/bin/kafka-configs.sh "${admin[@]}" --alter --entity-type users --entity-name "$service-service" \
    --add-config "SCRAM-SHA-512=[password=$password]" > /dev/null
  echo "SCRAM-SHA-512 credential set for $service-service"
done
touch "$ready"

wait "$broker"

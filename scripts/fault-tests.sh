#!/usr/bin/env bash
# Runs every fault-test scenario against a whole CellPath on this machine: the three services as processes, a Kafka
# broker in its own JVM and an embedded PostgreSQL server that the test stops and kills, GreenMail and an SMS provider
# stub, people acting through the APIs during each fault, and the planted-defect checks. Prints the result table; it
# is also in local-stack/target/faults/fault-report.{md,json}.
#
# FAULT_REFERRALS (default 90) sets the size of the bigger loads. Takes about 20 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
./mvnw -B -ntp -Pfault-tests verify -Dfaults.referrals="${FAULT_REFERRALS:-90}" || status=$?
echo
cat local-stack/target/faults/fault-report.md 2>/dev/null || echo "No report: the harness did not start (see the build output above)."
exit "$status"

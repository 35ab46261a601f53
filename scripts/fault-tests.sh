#!/usr/bin/env bash
# Runs every fault-test scenario of issue 7 against a whole CellPath on this machine: the three services as
# processes, an embedded Kafka broker and PostgreSQL server that the test stops and starts, GreenMail and an SMS
# provider stub. Prints the result table; it is also in local-stack/target/faults/fault-report.{md,json}.
#
# FAULT_REFERRALS (default 300) sets the size of the bigger loads. Takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
./mvnw -B -ntp -Pfault-tests verify -Dfaults.referrals="${FAULT_REFERRALS:-300}" || status=$?
echo
cat local-stack/target/faults/fault-report.md 2>/dev/null || echo "No report: the harness did not start (see the build output above)."
exit "$status"

#!/usr/bin/env bash
# Fills a running local stack (./local-stack.sh) with synthetic cases that have outcomes, so that a first start shows a
# living outcomes page (console: Outcomes, as a reviewer or admin) and similar past cases beside a review.
#
# Each case is marked synthetic wherever it shows: the patient's family name starts with "Synthetic-", the physician is
# "Dr. Synthetic Demo", the timeline says "Synthetic demo case", and the outcomes page and the review's panel count them
# ("includes N synthetic cases"). The cases are written straight into referral-service's database (a questionnaire
# cannot be answered 24 weeks after an injection in a demo's minutes); they send no message and book no appointment.
# Running it again replaces the synthetic cases it made before; `--remove` only removes them.
#
#   scripts/synthetic-outcomes.sh            # 300 cases
#   scripts/synthetic-outcomes.sh 500        # as many as you like
#   scripts/synthetic-outcomes.sh --remove
#
# REFERRAL_DB_URL (default jdbc:postgresql://localhost:5433/referral) and REFERRAL_DB_USER (default postgres, trusted
# locally) point it elsewhere; it refuses a database whose referral table it does not find.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
driver=$(find "${HOME}/.m2/repository/org/postgresql/postgresql" -name 'postgresql-*.jar' 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$driver" ]]; then
  echo "synthetic-outcomes.sh: the PostgreSQL JDBC driver is not in ~/.m2 yet: build once (./local-stack.sh does)" >&2
  exit 1
fi
exec java -cp "$driver" "$here/SyntheticOutcomes.java" "$@"

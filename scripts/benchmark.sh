#!/usr/bin/env bash
# Runs CellPath's benchmark (docs/benchmarks.md) on this machine: embedded broker and PostgreSQL, the three services as processes,
# GreenMail, the load generator, all local. Prints the figures; they are also in target/benchmark/benchmark.json
# (and the scheduling figures in scheduling-service/target/benchmark/).
#
# BENCH_REFERRALS (default 2000) sizes the throughput run, BENCH_LATENCY_REFERRALS (default 300) the 10/s run.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -ntp -Pbenchmark verify -Dbench.referrals="${BENCH_REFERRALS:-2000}" \
  -Dbench.latencyReferrals="${BENCH_LATENCY_REFERRALS:-300}"
echo
cat target/benchmark/benchmark.md 2>/dev/null || cat target/benchmark/benchmark.json

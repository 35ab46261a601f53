package org.cellpath.scheduling.bench;

import java.util.Arrays;

/** Durations of repeated runs of one operation, summarised as nearest-rank percentiles. */
final class LatencySamples {

  private long[] nanos;
  private int count;

  LatencySamples(int expected) {
    this.nanos = new long[Math.max(1, expected)];
  }

  void add(long durationNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = durationNanos;
  }

  int count() {
    return count;
  }

  /** The summary of every sample added so far; there must be at least one. */
  Summary summary() {
    if (count == 0) {
      throw new IllegalStateException("No samples");
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(
        micros(percentile(sorted, 50)),
        micros(percentile(sorted, 95)),
        micros(percentile(sorted, 99)),
        micros(sorted[sorted.length - 1]),
        count);
  }

  /**
   * Nearest rank: the smallest sample that at least {@code percent}% of the samples do not exceed.
   */
  private static long percentile(long[] sorted, int percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double micros(long nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }

  /** Percentiles and maximum in microseconds (one decimal), and how many samples they summarise. */
  record Summary(
      double p50Micros, double p95Micros, double p99Micros, double maxMicros, int samples) {}
}

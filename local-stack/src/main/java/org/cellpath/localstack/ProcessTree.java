package org.cellpath.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a child process together with every process it started: a service's JVM, or a launcher
 * script and the JVM it runs (Keycloak's {@code kc.sh}). Only the given process and its own
 * descendants are signalled, by process id.
 */
public final class ProcessTree {

  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  private ProcessTree() {}

  /**
   * SIGTERM to the process and its descendants, then, after {@code grace}, SIGKILL to whatever is
   * left.
   *
   * @param process the child process
   * @param grace how long to wait for a graceful exit
   * @return {@code true} if everything exited within the grace period
   */
  public static boolean stop(Process process, Duration grace) {
    // Collected before the parent exits: orphans are re-parented and no longer show as descendants.
    List<ProcessHandle> descendants = process.descendants().toList();
    if (!process.isAlive() && descendants.stream().noneMatch(ProcessHandle::isAlive)) {
      return true;
    }
    descendants.forEach(ProcessHandle::destroy);
    process.destroy();
    long deadline = System.nanoTime() + grace.toNanos();
    boolean graceful =
        waitForExit(process, grace)
            && descendants.stream().allMatch(child -> awaitExit(child, deadline));
    if (!graceful) {
      descendants.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      waitForExit(process, KILL_WAIT);
    }
    return graceful;
  }

  /**
   * SIGKILL to the process and its descendants at once, as a crash or an out-of-memory killer
   * would; waits until the process is gone.
   *
   * @param process the child process
   */
  public static void kill(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    waitForExit(process, Duration.ofSeconds(10));
  }

  static boolean waitForExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static boolean awaitExit(ProcessHandle handle, long deadlineNanos) {
    long remaining = Math.max(0, deadlineNanos - System.nanoTime());
    try {
      handle.onExit().get(remaining, TimeUnit.NANOSECONDS);
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return !handle.isAlive();
    }
  }
}

package org.cellpath.messaging;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sorts consumer failures, and describes them without their messages unless those are known to be
 * safe.
 */
final class Failures {

  private static final int STACK_FRAMES = 25;

  private Failures() {}

  /**
   * The infrastructure is down (database unreachable): wait and retry, however long, never
   * dead-letter.
   */
  static boolean isOutage(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof CannotCreateTransactionException
          || t instanceof TransientDataAccessException
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof ConnectException) {
        return true;
      }
      // PostgreSQL: class 08 is a connection failure, 57P01-57P03 the server shutting down or
      // starting up.
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  /** Retrying cannot help: the record is unreadable or its content is refused. */
  static boolean isPermanent(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof UnreadableEventException || t instanceof RejectedEventException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause: the failure that matters, without the listener's wrappers. */
  static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (next(root) != null) {
      root = next(root);
    }
    return root;
  }

  /**
   * The first message in the chain that is known to hold no patient data, else the root cause's
   * class name.
   */
  static String safeMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof SafeToLog) {
        return t.getMessage();
      }
    }
    return "Message withheld (may hold patient data): " + rootCause(failure).getClass().getName();
  }

  /** The root cause's stack frames, without any message text. */
  static String safeStackTrace(Throwable failure) {
    Throwable root = rootCause(failure);
    return root.getClass().getName()
        + Arrays.stream(root.getStackTrace())
            .limit(STACK_FRAMES)
            .map(frame -> "\n\tat " + frame)
            .collect(Collectors.joining());
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t.getCause();
    return cause == t ? null : cause;
  }
}

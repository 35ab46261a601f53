package org.cellpath.infra;

import org.slf4j.LoggerFactory;

/**
 * Turns chatty third-party loggers down to WARN when Logback is the SLF4J backend. The embedded
 * servers log hundreds of INFO lines at startup (every config value, every partition), which buries
 * the output of the tests and applications that host them.
 */
final class QuietLogging {

  private static final boolean LOGBACK_PRESENT = isPresent("ch.qos.logback.classic.LoggerContext");

  private QuietLogging() {}

  /**
   * Sets each named logger to WARN unless the host application already chose a level for it, so an
   * explicit {@code logging.level.kafka=INFO} (or a logback.xml entry) still wins.
   */
  static void atMostWarn(String... loggerNames) {
    if (LOGBACK_PRESENT) {
      Logback.atMostWarn(loggerNames);
    }
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, QuietLogging.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Kept in its own class so that Logback types are only linked when Logback is present. */
  private static final class Logback {

    static void atMostWarn(String... loggerNames) {
      if (!(LoggerFactory.getILoggerFactory()
          instanceof ch.qos.logback.classic.LoggerContext context)) {
        return;
      }
      for (String name : loggerNames) {
        ch.qos.logback.classic.Logger logger = context.getLogger(name);
        if (logger.getLevel() == null) {
          logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
      }
    }
  }
}

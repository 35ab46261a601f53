package org.cellpath.messaging.operations;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Captures what one logger writes while this is attached. */
final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  /** One line: its level, its message and its key-value pairs. */
  record Line(String level, String message, Map<String, String> values) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger logger;

  LogLines(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    setName("log-lines");
    start();
    logger.addAppender(this);
  }

  /** The audit log, {@code cellpath.audit}. */
  static LogLines audit() {
    return new LogLines("cellpath.audit");
  }

  @Override
  protected void append(ILoggingEvent event) {
    List<KeyValuePair> pairs =
        event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
    lines.add(
        new Line(
            event.getLevel().toString(),
            event.getFormattedMessage(),
            pairs.stream()
                .collect(
                    Collectors.toMap(
                        pair -> pair.key, pair -> String.valueOf(pair.value), (a, b) -> b))));
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    logger.detachAppender(this);
    stop();
  }
}

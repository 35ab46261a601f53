package org.cellpath.messaging;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cellpath.audit.OperatorAudit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The outbox for operators, at {@code /actuator/outbox} (ADMIN only, like every actuator endpoint
 * but health and info; a service lists {@code outbox} in {@code
 * management.endpoints.web.exposure.include}).
 *
 * <ul>
 *   <li>{@code GET}: the backlog: pending and parked events, and the age of the oldest pending one.
 *   <li>{@code POST {"from", "to", "topic"?, "referralId"?, "dryRun"?}}: sends again the events
 *       published from {@code from} (inclusive) to {@code to} (exclusive), ISO-8601 instants,
 *       optionally of one topic (its full name, as on the broker) and one referral, for a consumer
 *       that lost them to topic retention. A dry run (the default) only counts them; {@code
 *       "dryRun": "false"} makes them pending again, and the relay publishes them anew in id order,
 *       so each referral's events arrive in their original order. Consumers that already have them
 *       skip them (their inboxes know the event ids).
 *   <li>{@code POST /actuator/outbox/parked {"referralId"?, "dryRun"?}}: releases parked events
 *       (all, or one referral's) once their cause is fixed: they get a fresh set of attempts at
 *       once, and their referrals' later events follow them in order. A dry run (the default) only
 *       counts them.
 * </ul>
 *
 * <p>A re-publication and a release are written to the audit trail with the operator's name (a dry
 * run changes nothing and is not).
 */
@Endpoint(id = "outbox")
final class OutboxEndpoint {

  private static final Logger log = LoggerFactory.getLogger(OutboxEndpoint.class);

  private final OutboxRows rows;
  private final Runnable wakeRelay;
  private final OperatorAudit audit;

  OutboxEndpoint(OutboxRows rows, Runnable wakeRelay, OperatorAudit audit) {
    this.rows = rows;
    this.wakeRelay = wakeRelay;
    this.audit = audit;
  }

  @ReadOperation
  Map<String, Object> backlog() {
    OutboxRows.Backlog backlog = rows.backlog();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("pending", backlog.pending());
    answer.put("parked", backlog.parked());
    answer.put("oldestPendingAgeSeconds", backlog.oldestPendingAge().toSeconds());
    return answer;
  }

  @WriteOperation
  Map<String, Object> republish(
      String from,
      String to,
      @Nullable String topic,
      @Nullable String referralId,
      @Nullable Boolean dryRun,
      SecurityContext security) {
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (!start.isBefore(end)) {
      throw new InvalidEndpointRequestException("from must be before to", "from must be before to");
    }
    String key = blankToNull(referralId);
    String onTopic = blankToNull(topic);
    boolean onlyCount = dryRun == null || dryRun;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("dryRun", onlyCount);
    answer.put("from", start.toString());
    answer.put("to", end.toString());
    if (onlyCount) {
      OutboxRows.Window window = rows.window(start, end, onTopic, key);
      answer.put("events", window.events());
      answer.put("firstId", window.firstId());
      answer.put("lastId", window.lastId());
      return answer;
    }
    int requeued = rows.requeue(start, end, onTopic, key);
    log.warn(
        "Outbox: {} events published from {} to {} (topic {}, referral {}) made pending again for "
            + "re-publication",
        requeued,
        start,
        end,
        onTopic == null ? "any" : onTopic,
        key == null ? "any" : key);
    Map<String, List<?>> window = new LinkedHashMap<>();
    window.put("from", List.of(start));
    window.put("to", List.of(end));
    window.put("topic", onTopic == null ? List.of() : List.of(onTopic));
    window.put("requeued", List.of(requeued));
    audit.record(security, "OUTBOX_REPUBLISH", key == null ? "outbox" : "referral", key, window);
    wakeRelay.run();
    answer.put("requeued", requeued);
    return answer;
  }

  @WriteOperation
  Map<String, Object> release(
      @Selector String events,
      @Nullable String referralId,
      @Nullable Boolean dryRun,
      SecurityContext security) {
    if (!"parked".equals(events)) {
      throw new InvalidEndpointRequestException(
          "only parked events can be released", "unknown path");
    }
    String key = blankToNull(referralId);
    boolean onlyCount = dryRun == null || dryRun;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("dryRun", onlyCount);
    if (onlyCount) {
      answer.put("events", rows.parked(key));
      return answer;
    }
    int released = rows.releaseParked(key);
    log.warn(
        "Outbox: {} parked events (referral {}) released for new attempts",
        released,
        key == null ? "any" : key);
    audit.record(
        security,
        "OUTBOX_RELEASE_PARKED",
        key == null ? "outbox" : "referral",
        key,
        Map.of("released", List.of(released)));
    wakeRelay.run();
    answer.put("released", released);
    return answer;
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidEndpointRequestException(name + " is required", name + " is required");
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      String reason =
          name + " must be an ISO-8601 instant with its offset, such as 2026-01-31T00:00:00Z";
      throw new InvalidEndpointRequestException(reason, reason);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}

package org.cellpath.messaging.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cellpath.audit.OperatorAudit;
import org.cellpath.domain.FieldProblem;
import org.cellpath.domain.InvalidValueException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/consumergaps}: the open gaps and the last acknowledged ones ({@code GET}), and
 * acknowledging gaps once dealt with ({@code POST {"acknowledge": "3,4"}}), which the audit log
 * records. For {@code ADMIN} only.
 */
@Endpoint(id = "consumergaps")
class ConsumerGapsEndpoint {

  private static final int RECENT = 50;

  private final ConsumerGaps gaps;
  private final OperatorAudit audit;

  ConsumerGapsEndpoint(ConsumerGaps gaps, OperatorAudit audit) {
    this.gaps = gaps;
    this.audit = audit;
  }

  record Gaps(List<ConsumerGaps.Gap> open, List<ConsumerGaps.Gap> recentlyAcknowledged) {}

  /**
   * @param notOpen ids that were unknown or acknowledged before
   */
  record Acknowledged(List<Long> acknowledged, List<Long> notOpen) {}

  @ReadOperation
  Gaps gaps() {
    return new Gaps(gaps.open(), gaps.recentlyAcknowledged(RECENT));
  }

  /**
   * @param acknowledge the ids of the gaps to acknowledge, separated by commas (actuator request
   *     bodies hold strings only; a single number will do)
   */
  @WriteOperation
  Acknowledged acknowledge(@Nullable String acknowledge, SecurityContext security) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<Long> ids = new LinkedHashSet<>();
    if (acknowledge == null || acknowledge.isBlank()) {
      problems.add(
          new FieldProblem("acknowledge", "is required: the ids of the gaps to acknowledge"));
    } else {
      for (String id : acknowledge.split(",")) {
        try {
          ids.add(Long.parseLong(id.strip()));
        } catch (NumberFormatException notANumber) {
          problems.add(new FieldProblem("acknowledge", "must hold gap ids (whole numbers)"));
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidValueException(problems);
    }
    String subject = OperatorAudit.subject(security);
    List<Long> done = gaps.acknowledge(List.copyOf(ids), subject);
    List<Long> notOpen = ids.stream().filter(id -> !done.contains(id)).toList();
    Map<String, List<Long>> acknowledgements = new LinkedHashMap<>();
    acknowledgements.put("acknowledged", done);
    acknowledgements.put("notOpen", notOpen);
    audit.record(
        security,
        "CONSUMER_GAP_ACKNOWLEDGE",
        "consumer-gap",
        String.join(",", ids.stream().map(String::valueOf).toList()),
        acknowledgements);
    return new Acknowledged(done, notOpen);
  }
}

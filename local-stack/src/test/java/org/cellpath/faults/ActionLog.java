package org.cellpath.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the fault tests did to CellPath, recorded by the tests themselves as they did it: each
 * action with the referral it was about, when (by the wall clock and by the services' clock), and
 * what the API answered. The reconciliation derives every message and effect it expects from this
 * record and the domain rules, never from what the product says it did.
 */
final class ActionLog {

  /** What a person (or the SMS provider) did. */
  enum Act {
    SUBMITTED,
    APPROVED,
    DECLINED,
    INFO_REQUESTED,
    AMENDED,
    WITHDRAWN,
    BOOKED_BY_HAND,
    RESCHEDULED,
    CANCELLED,
    COMPLETED,
    NO_SHOW,
    STOP,
    SLOTS_ADDED
  }

  /**
   * One action.
   *
   * @param referralId the referral it was about; null for actions about a phone number or the
   *     clinic's slots
   * @param status the HTTP status the API answered (2xx: done; anything else: refused, so it must
   *     cause nothing)
   * @param details what else the action named: a pair, an appointment and its kind, a phone number,
   *     ...
   */
  record Action(
      Act act,
      String referralId,
      Instant wallAt,
      Instant serviceAt,
      int status,
      Map<String, String> details) {

    boolean done() {
      return status >= 200 && status < 300;
    }

    /**
     * Whether the tests cannot know if it happened: the connection broke, or the server failed (a
     * 5xx: its database may have committed before the answer was lost). A 4xx was refused and
     * changed nothing.
     */
    boolean unknown() {
      return status == Workflow.UNKNOWN || status >= 500;
    }

    String detail(String key) {
      return details.get(key);
    }
  }

  private final List<Action> actions = new ArrayList<>();

  synchronized Action record(
      Act act, String referralId, Instant serviceAt, int status, Map<String, String> details) {
    Action action =
        new Action(act, referralId, Instant.now(), serviceAt, status, Map.copyOf(details));
    actions.add(action);
    return action;
  }

  synchronized List<Action> all() {
    return List.copyOf(actions);
  }

  /** Every action about this referral, in the order the tests did them. */
  synchronized List<Action> of(String referralId) {
    return actions.stream().filter(a -> referralId.equals(a.referralId())).toList();
  }

  /** Every action the API accepted of this kind. */
  synchronized List<Action> done(Act act) {
    return actions.stream().filter(a -> a.act() == act && a.done()).toList();
  }

  synchronized List<Action> since(int index) {
    return List.copyOf(actions.subList(index, actions.size()));
  }

  synchronized int size() {
    return actions.size();
  }

  /** Actions the API refused, by act and status: a figure for the report. */
  synchronized Map<String, Long> refusals() {
    Map<String, Long> refused = new java.util.TreeMap<>();
    for (Action action : actions) {
      if (!action.done()) {
        refused.merge(action.act() + " " + action.status(), 1L, Long::sum);
      }
    }
    return refused;
  }

  static List<Action> concat(List<Action> a, List<Action> b) {
    List<Action> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

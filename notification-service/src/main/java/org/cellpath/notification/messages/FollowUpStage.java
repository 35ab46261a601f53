package org.cellpath.notification.messages;

import org.cellpath.notification.delivery.MessageKind;

/**
 * The follow-up series after a completed injection ({@code docs/domain.md §5}), each a number of
 * days after it.
 */
public enum FollowUpStage {
  /** Check-in: no NSAIDs for 2 weeks, how to manage pain, whom to call. */
  DAY_1(1, MessageKind.FOLLOW_UP_DAY_1),
  WEEK_2(14, MessageKind.FOLLOW_UP_WEEK_2),
  WEEK_6(42, MessageKind.FOLLOW_UP_WEEK_6),
  WEEK_12(84, MessageKind.FOLLOW_UP_WEEK_12),
  WEEK_24(168, MessageKind.FOLLOW_UP_WEEK_24);

  private final int daysAfterInjection;
  private final MessageKind kind;

  FollowUpStage(int daysAfterInjection, MessageKind kind) {
    this.daysAfterInjection = daysAfterInjection;
    this.kind = kind;
  }

  /** Days between the injection's local date and the local date the message is due. */
  public int daysAfterInjection() {
    return daysAfterInjection;
  }

  public MessageKind kind() {
    return kind;
  }
}

package org.cellpath.contracts;

/**
 * Topic names: one topic per publishing service, record key = referral id. A deployment may put a
 * prefix in front of every name (tests do, to keep runs apart); the names here are the unprefixed
 * ones.
 */
public final class Topics {

  public static final String REFERRAL_EVENTS = "referral-events";
  public static final String SCHEDULING_EVENTS = "scheduling-events";
  public static final String NOTIFICATION_EVENTS = "notification-events";

  /** Partitions a topic is created with unless the deployment says otherwise. */
  public static final int DEFAULT_PARTITIONS = 6;

  private Topics() {}

  /** The (unprefixed) topic an event travels on, decided by the service family it belongs to. */
  public static String topicOf(CellPathEvent event) {
    if (event instanceof ReferralEvent) {
      return REFERRAL_EVENTS;
    }
    if (event instanceof SchedulingEvent) {
      return SCHEDULING_EVENTS;
    }
    if (event instanceof NotificationEvent) {
      return NOTIFICATION_EVENTS;
    }
    throw new IllegalArgumentException("No topic for event type " + event.getClass().getName());
  }
}

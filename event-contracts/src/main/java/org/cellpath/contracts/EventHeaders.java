package org.cellpath.contracts;

/**
 * Kafka header names of the event envelope, after the CloudEvents Kafka protocol binding (binary
 * mode): metadata in {@code ce_*} headers, the event record as the JSON payload. Header values are
 * UTF-8 strings. Headers never carry patient data: ids, types, times and trace context only.
 */
public final class EventHeaders {

  /** The event id, equal to {@link CellPathEvent#eventId()}. */
  public static final String ID = "ce_id";

  /** The event type, see {@link EventTypes}. */
  public static final String TYPE = "ce_type";

  /** The publishing service, for example {@code /cellpath/referral-service}. */
  public static final String SOURCE = "ce_source";

  /** When the event happened, ISO-8601 UTC. */
  public static final String TIME = "ce_time";

  /** The referral id the event is about. */
  public static final String SUBJECT = "ce_subject";

  public static final String SPEC_VERSION = "ce_specversion";
  public static final String CONTENT_TYPE = "content-type";

  /** W3C trace context, so one case can be followed across services. */
  public static final String TRACEPARENT = "traceparent";

  public static final String SPEC_VERSION_VALUE = "1.0";
  public static final String JSON = "application/json";

  private EventHeaders() {}
}

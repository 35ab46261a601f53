package org.cellpath.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code ce_type} value of each event: its record's simple name (for example {@code
 * ReferralSubmitted}). A consumer uses it to pick the record to read the payload into, before
 * reading the payload.
 */
public final class EventTypes {

  private static final Map<String, Class<? extends CellPathEvent>> BY_TYPE = index();

  private EventTypes() {}

  public static String typeOf(Class<? extends CellPathEvent> eventClass) {
    return eventClass.getSimpleName();
  }

  public static String typeOf(CellPathEvent event) {
    return typeOf(event.getClass());
  }

  /**
   * The record class for a {@code ce_type}, or empty when this version of the contracts does not
   * know it.
   */
  public static Optional<Class<? extends CellPathEvent>> classOf(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }

  /** Every event type of the flow, by {@code ce_type}. */
  public static Map<String, Class<? extends CellPathEvent>> all() {
    return BY_TYPE;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Class<? extends CellPathEvent>> index() {
    Map<String, Class<? extends CellPathEvent>> byType = new LinkedHashMap<>();
    Stream.of(ReferralEvent.class, SchedulingEvent.class, NotificationEvent.class)
        .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
        .forEach(type -> byType.put(type.getSimpleName(), (Class<? extends CellPathEvent>) type));
    return Collections.unmodifiableMap(byType);
  }
}

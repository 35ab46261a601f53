package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.jspecify.annotations.Nullable;

/**
 * What one of {@link AppointmentPair}'s transitions decided: the pair after it, and the events it
 * caused. {@link AppointmentPairs#save} writes it and publishes the events with it, so a use case
 * loads, calls the pair and saves, and never writes to the outbox itself.
 */
sealed interface PairTransition {

  AppointmentPair pair();

  List<CellPathEvent> events();

  /**
   * The pair was booked. Its rows are already in place: the database's unique index decides who
   * gets a slot while they are inserted (ADR 7), so the announcement follows the insert, once it
   * held.
   */
  record Booked(AppointmentPair pair, List<CellPathEvent> events) implements PairTransition {}

  /** The pair and its booked appointments were cancelled, which lets their slots go. */
  record Cancelled(AppointmentPair pair, @Nullable String reason, List<CellPathEvent> events)
      implements PairTransition {}

  /**
   * The pair's appointments moved to other slots, keeping their ids; the former slots are let go.
   */
  record Moved(AppointmentPair pair, List<CellPathEvent> events) implements PairTransition {}

  /**
   * The patient confirmed the pair as it stands; no events when it already was confirmed at this
   * sequence (nothing changes then).
   */
  record Confirmed(AppointmentPair pair, List<CellPathEvent> events) implements PairTransition {}

  /** One appointment's outcome was recorded: it took place, or the patient did not come. */
  record Attended(
      AppointmentPair pair,
      UUID appointmentId,
      @Nullable String productLot,
      Instant at,
      List<CellPathEvent> events)
      implements PairTransition {

    BookingStatus outcome() {
      return pair.appointments().stream()
          .filter(a -> a.id().equals(appointmentId))
          .findFirst()
          .orElseThrow()
          .status();
    }
  }

  /**
   * The pair was offered to a waitlisted case. Like {@link Booked}, its rows are already in place,
   * inserted under the database's guard.
   */
  record Offered(AppointmentPair pair, List<CellPathEvent> events) implements PairTransition {}

  /** The patient accepted the offer: the pair is booked. */
  record OfferAccepted(AppointmentPair pair, List<CellPathEvent> events)
      implements PairTransition {}

  /** The patient declined the offer, or its hold ran out: the pair is cancelled, its slots free. */
  record OfferEnded(AppointmentPair pair, List<CellPathEvent> events) implements PairTransition {}
}

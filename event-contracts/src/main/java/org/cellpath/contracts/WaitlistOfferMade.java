package org.cellpath.contracts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The clinic offers a waitlisted case a pair it fits (docs/domain.md §8.3): the pair's slots are
 * held for the patient until {@code holdUntil}; the patient accepts (the pair is then booked and
 * {@link AppointmentPairBooked} follows) or declines, or the hold runs out.
 *
 * @param holdUntil when the offer ends unless the patient has accepted it
 * @param appointments the offered appointments, harvest first
 * @param patient whom to send the offer to, as the booking events carry it
 */
public record WaitlistOfferMade(
    UUID eventId,
    UUID referralId,
    Instant occurredAt,
    UUID pairId,
    Instant holdUntil,
    List<Appointment> appointments,
    PatientContact patient)
    implements SchedulingEvent {

  public WaitlistOfferMade {
    appointments = appointments == null ? List.of() : List.copyOf(appointments);
  }
}

package org.cellpath.notification;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.contracts.fixtures.Contacts;

/**
 * Fixtures: fresh review decisions and status changes as referral-service publishes them, the ones
 * that close the loop with the referring physician. Every call returns new ids.
 */
public final class PhysicianEvents {

  private PhysicianEvents() {}

  public static PhysicianContact physician(String email) {
    return Contacts.physician(email);
  }

  public static ReferralApproved approved(PatientContact patient, PhysicianContact physician) {
    return approved(CellSource.BONE_MARROW, patient, physician);
  }

  public static ReferralApproved approved(
      CellSource cellSource, PatientContact patient, PhysicianContact physician) {
    return new ReferralApproved(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Instant.now(),
        cellSource,
        Side.LEFT,
        LocalDate.now().minusDays(60),
        preferences(),
        patient,
        physician);
  }

  public static ReferralDeclined declined(PatientContact patient, PhysicianContact physician) {
    return new ReferralDeclined(
        UUID.randomUUID(), UUID.randomUUID(), Instant.now(), patient, physician);
  }

  public static ReferralInfoRequested infoRequested(PhysicianContact physician) {
    return new ReferralInfoRequested(
        UUID.randomUUID(), UUID.randomUUID(), Instant.now(), physician);
  }

  /** As referral-service publishes it: the status name and its own short note. */
  public static ReferralStatusChanged statusChanged(String status, PhysicianContact physician) {
    return new ReferralStatusChanged(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Instant.now(),
        status,
        "Note from referral-service",
        physician);
  }

  private static SchedulingPreferences preferences() {
    return new SchedulingPreferences(
        Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), Set.of(DayPart.MORNING));
  }
}

package org.cellpath.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.scheduling.planning.SchedulingRules;
import org.cellpath.time.ClinicTimeZone;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fresh events and a clean slate for integration tests. */
public final class SchedulingFixtures {

  /** Patient data that must never show up in a log line. */
  public static final String PATIENT_GIVEN_NAME = "Canaryfirst";

  public static final String PATIENT_FAMILY_NAME = "Canarylast";
  public static final String PATIENT_EMAIL = "canary.patient@example.org";
  public static final String PATIENT_PHONE = "+14155550199";

  private SchedulingFixtures() {}

  /** The planner's rules with nothing configured: the numbers of docs/domain.md §4. */
  public static SchedulingRules briefRules() {
    return new SchedulingRules(null, null, null, null, null, null, null, null, null, null);
  }

  public static PatientContact patient() {
    return new PatientContact(
        PATIENT_GIVEN_NAME,
        PATIENT_FAMILY_NAME,
        PATIENT_EMAIL,
        PATIENT_PHONE,
        "en",
        ContactChannel.SMS,
        true,
        "America/Los_Angeles");
  }

  public static ReferralApproved approval(CellSource source) {
    return approval(UUID.randomUUID(), source, SchedulingPreferences.any());
  }

  public static ReferralApproved approval(
      UUID referralId, CellSource source, SchedulingPreferences preferences) {
    return new ReferralApproved(
        UUID.randomUUID(),
        referralId,
        Instant.now(),
        source,
        Side.RIGHT,
        null,
        preferences,
        patient(),
        new PhysicianContact("Dr Referrer", "Foot Clinic", "referrer@example.org", "+14155550111"));
  }

  public static ReferralApproved approvalPreferring(
      CellSource source, Set<DayOfWeek> weekdays, Set<DayPart> parts) {
    return approval(UUID.randomUUID(), source, new SchedulingPreferences(weekdays, parts));
  }

  public static ReferralWithdrawn withdrawal(UUID referralId) {
    return new ReferralWithdrawn(UUID.randomUUID(), referralId, Instant.now());
  }

  /**
   * The procedure's earliest day for an approval made now, with the default seven-day NSAID pause.
   */
  public static LocalDate earliestDay(ClinicTimeZone clinic) {
    return LocalDate.now(clinic.timeZone()).plusDays(7);
  }

  /**
   * Removes every slot, case, pair and remembered withdrawal (not clinicians, sites or rooms: tests
   * make fresh ones), so that one test's free slots never fit another test's case. Integration test
   * classes share one application context and database.
   */
  public static void clearBookings(JdbcClient jdbc) {
    // One transaction that holds the tables: a booking another test left in flight (a consumer, the
    // waitlist worker)
    // waits for it instead of inserting a pair between two of the deletes.
    jdbc.sql(
            """
        do $$ begin
          lock table appointment, appointment_pair, scheduling_case, referral_withdrawal, slot in exclusive mode;
          delete from appointment; delete from appointment_pair; delete from scheduling_case;
          delete from referral_withdrawal; delete from slot;
        end $$""")
        .update();
  }
}

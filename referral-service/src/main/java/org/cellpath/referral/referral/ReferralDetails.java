package org.cellpath.referral.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.Npi;
import org.cellpath.domain.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * What a referral holds (docs/domain.md §1), as the aggregate and the eligibility rules read it.
 * Identifiers and contacts are value objects, valid by construction; the request that brings a
 * referral in is validated field by field before it becomes one, and the stored document is a type
 * of its own.
 */
public record ReferralDetails(
    Patient patient,
    Physician physician,
    Condition condition,
    Side side,
    @Nullable String icd10Code,
    @Nullable LocalDate symptomOnset,
    @Nullable Integer kellgrenLawrenceGrade,
    @Nullable LocalDate fractureDate,
    List<ConservativeCare> conservativeCare,
    @Nullable LocalDate lastCorticosteroidInjection,
    Set<HealthFactor> healthFactors,
    Boolean priorSurgery,
    @Nullable String priorSurgeryNote,
    CellSource preferredCellSource,
    Coverage expectedCoverage,
    Boolean selfPayAcknowledged,
    @Nullable Preferences schedulingPreferences) {

  /** Yes/no answers left out mean no, so that a missing answer is never read as consent. */
  public ReferralDetails {
    Objects.requireNonNull(patient, "patient");
    Objects.requireNonNull(physician, "physician");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(side, "side");
    priorSurgery = Boolean.TRUE.equals(priorSurgery);
    selfPayAcknowledged = Boolean.TRUE.equals(selfPayAcknowledged);
  }

  /** The patient and how to reach them: by mobile phone, email or both. */
  public record Patient(
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      Sex sex,
      @Nullable PhoneNumber mobilePhone,
      @Nullable EmailAddress email,
      String language,
      @Nullable ContactChannel preferredChannel,
      Boolean smsConsent,
      @Nullable String timeZone) {

    public Patient {
      smsConsent = Boolean.TRUE.equals(smsConsent);
    }

    /** What notifications need: contact and language, nothing clinical. */
    public PatientContact contact(ZoneId clinicZone) {
      ContactChannel channel =
          preferredChannel != null
              ? preferredChannel
              : email != null ? ContactChannel.EMAIL : ContactChannel.SMS;
      return new PatientContact(
          givenName,
          familyName,
          email == null ? null : email.value(),
          mobilePhone == null ? null : mobilePhone.value(),
          language,
          channel,
          smsConsent,
          timeZone != null ? timeZone : clinicZone.getId());
    }
  }

  /** The referring physician. */
  public record Physician(
      String name, Npi npi, String practice, @Nullable PhoneNumber phone, EmailAddress email) {

    public PhysicianContact contact() {
      return new PhysicianContact(
          name, practice, email.value(), phone == null ? null : phone.value());
    }
  }

  /** One course of conservative care; no end date means ongoing. */
  public record ConservativeCare(
      Modality modality,
      LocalDate startDate,
      @Nullable LocalDate endDate,
      @Nullable CareResult result) {}

  /** When the patient can come; empty means any time. */
  public record Preferences(@Nullable Set<DayOfWeek> weekdays, @Nullable Set<DayPart> dayParts) {

    public SchedulingPreferences toContract() {
      return new SchedulingPreferences(weekdays, dayParts);
    }
  }

  public SchedulingPreferences preferences() {
    return schedulingPreferences != null
        ? schedulingPreferences.toContract()
        : SchedulingPreferences.any();
  }
}

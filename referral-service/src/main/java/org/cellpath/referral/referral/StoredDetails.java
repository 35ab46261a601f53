package org.cellpath.referral.referral;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.Side;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.Npi;
import org.cellpath.domain.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * A referral's details as stored: the {@code details} document of the {@code referral} row, its
 * fields those the referral was first stored with, so that rows of every version read alike. Read
 * tolerantly (a field a later version stops writing does not make a referral unreadable); the web
 * console's views and the patient-name queries read the same paths.
 */
record StoredDetails(
    Patient patient,
    Physician physician,
    Condition condition,
    Side side,
    @Nullable String icd10Code,
    @Nullable LocalDate symptomOnset,
    @Nullable Integer kellgrenLawrenceGrade,
    @Nullable LocalDate fractureDate,
    List<ReferralDetails.ConservativeCare> conservativeCare,
    @Nullable LocalDate lastCorticosteroidInjection,
    Set<HealthFactor> healthFactors,
    Boolean priorSurgery,
    @Nullable String priorSurgeryNote,
    CellSource preferredCellSource,
    Coverage expectedCoverage,
    Boolean selfPayAcknowledged,
    ReferralDetails.@Nullable Preferences schedulingPreferences) {

  record Patient(
      String givenName,
      String familyName,
      LocalDate dateOfBirth,
      Sex sex,
      @Nullable String mobilePhone,
      @Nullable String email,
      String language,
      @Nullable ContactChannel preferredChannel,
      Boolean smsConsent,
      @Nullable String timeZone) {}

  record Physician(
      String name, String npi, String practice, @Nullable String phone, String email) {}

  static StoredDetails of(ReferralDetails d) {
    ReferralDetails.Patient p = d.patient();
    ReferralDetails.Physician doctor = d.physician();
    return new StoredDetails(
        new Patient(
            p.givenName(),
            p.familyName(),
            p.dateOfBirth(),
            p.sex(),
            p.mobilePhone() == null ? null : p.mobilePhone().value(),
            p.email() == null ? null : p.email().value(),
            p.language(),
            p.preferredChannel(),
            p.smsConsent(),
            p.timeZone()),
        new Physician(
            doctor.name(),
            doctor.npi().value(),
            doctor.practice(),
            doctor.phone() == null ? null : doctor.phone().value(),
            doctor.email().value()),
        d.condition(),
        d.side(),
        d.icd10Code(),
        d.symptomOnset(),
        d.kellgrenLawrenceGrade(),
        d.fractureDate(),
        d.conservativeCare(),
        d.lastCorticosteroidInjection(),
        d.healthFactors(),
        d.priorSurgery(),
        d.priorSurgeryNote(),
        d.preferredCellSource(),
        d.expectedCoverage(),
        d.selfPayAcknowledged(),
        d.schedulingPreferences());
  }

  /** The referral's details; an address stored blank is no address. */
  ReferralDetails toDetails() {
    return new ReferralDetails(
        new ReferralDetails.Patient(
            patient.givenName(),
            patient.familyName(),
            patient.dateOfBirth(),
            patient.sex(),
            patient.mobilePhone() == null ? null : new PhoneNumber(patient.mobilePhone()),
            patient.email() == null || patient.email().isBlank()
                ? null
                : new EmailAddress(patient.email()),
            patient.language(),
            patient.preferredChannel(),
            patient.smsConsent(),
            patient.timeZone()),
        new ReferralDetails.Physician(
            physician.name(),
            new Npi(physician.npi()),
            physician.practice(),
            physician.phone() == null ? null : new PhoneNumber(physician.phone()),
            new EmailAddress(physician.email())),
        condition,
        side,
        icd10Code,
        symptomOnset,
        kellgrenLawrenceGrade,
        fractureDate,
        conservativeCare,
        lastCorticosteroidInjection,
        healthFactors,
        priorSurgery,
        priorSurgeryNote,
        preferredCellSource,
        expectedCoverage,
        selfPayAcknowledged,
        schedulingPreferences);
  }
}

package org.cellpath.referral;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.ContactChannel;
import org.cellpath.contracts.DayPart;
import org.cellpath.contracts.Side;
import org.cellpath.domain.EmailAddress;
import org.cellpath.domain.Npi;
import org.cellpath.domain.PhoneNumber;
import org.cellpath.referral.referral.CareResult;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.Coverage;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.Modality;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.ReferralDetails.ConservativeCare;
import org.cellpath.referral.referral.Sex;

/** Fresh referrals for tests, as of {@link #TODAY}. */
public final class ReferralFixtures {

  public static final LocalDate TODAY = LocalDate.parse("2026-11-24");

  /** A valid NPI: the check digit is right for the 80840 prefix. */
  public static final String NPI = "1234567893";

  private ReferralFixtures() {}

  public static ReferralDetails.Patient patient(LocalDate dateOfBirth) {
    return new ReferralDetails.Patient(
        "Ana",
        "Rivera",
        dateOfBirth,
        Sex.FEMALE,
        new PhoneNumber("+14155550123"),
        new EmailAddress("ana.rivera@example.org"),
        "en",
        ContactChannel.EMAIL,
        true,
        "America/Los_Angeles");
  }

  public static ReferralDetails.Physician physician() {
    return new ReferralDetails.Physician(
        "Dr. Sam Lee",
        new Npi(NPI),
        "Bayview Orthopedics",
        new PhoneNumber("+14155550999"),
        new EmailAddress("lee@bayview.example"));
  }

  /** An Achilles case that has tried two qualifying modalities for six months: likely eligible. */
  public static ReferralDetails likelyEligibleAchilles() {
    return achilles(
        List.of(
            new ConservativeCare(
                Modality.PHYSICAL_THERAPY,
                TODAY.minusMonths(6),
                TODAY.minusMonths(2),
                CareResult.NO_IMPROVEMENT),
            new ConservativeCare(
                Modality.ANTI_INFLAMMATORY_MEDICATION,
                TODAY.minusMonths(5),
                null,
                CareResult.TEMPORARY_IMPROVEMENT)),
        Set.of(),
        true);
  }

  public static ReferralDetails achilles(
      List<ConservativeCare> care, Set<HealthFactor> factors, boolean selfPayAcknowledged) {
    return new ReferralDetails(
        patient(LocalDate.parse("1971-03-14")),
        physician(),
        Condition.ACHILLES_TENDON_INJURY,
        Side.LEFT,
        "M76.62",
        TODAY.minusMonths(9),
        null,
        null,
        care,
        TODAY.minusMonths(2),
        factors,
        false,
        null,
        CellSource.BONE_MARROW,
        Coverage.NONE_EXPECTED,
        selfPayAcknowledged,
        new ReferralDetails.Preferences(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), Set.of(DayPart.MORNING)));
  }

  /**
   * A course of conservative care that began on {@code start} and is still going on, so far without
   * effect.
   */
  public static ConservativeCare ongoing(Modality modality, LocalDate start) {
    return new ConservativeCare(modality, start, null, CareResult.NO_IMPROVEMENT);
  }

  /**
   * An Achilles case, acknowledged self-pay and without health factors, that tried exactly this
   * care.
   */
  public static ReferralDetails achillesWithCare(ConservativeCare... care) {
    return achilles(List.of(care), Set.of(), true);
  }

  /** The likely-eligible Achilles case, with these health factors reported. */
  public static ReferralDetails likelyEligibleAchillesWith(HealthFactor... factors) {
    return referral(
        Condition.ACHILLES_TENDON_INJURY,
        patient(LocalDate.parse("1971-03-14")),
        null,
        null,
        exhaustedCare(),
        Set.of(factors),
        false,
        true);
  }

  /** The likely-eligible Achilles case, for a patient born on {@code dateOfBirth}. */
  public static ReferralDetails likelyEligibleAchillesBornOn(LocalDate dateOfBirth) {
    return referral(
        Condition.ACHILLES_TENDON_INJURY,
        patient(dateOfBirth),
        null,
        null,
        exhaustedCare(),
        Set.of(),
        false,
        true);
  }

  /** The likely-eligible Achilles case, after an operation on the same site. */
  public static ReferralDetails likelyEligibleAchillesAfterSurgery() {
    return referral(
        Condition.ACHILLES_TENDON_INJURY,
        patient(LocalDate.parse("1971-03-14")),
        null,
        null,
        exhaustedCare(),
        Set.of(),
        true,
        true);
  }

  /**
   * Ankle osteoarthritis of this Kellgren-Lawrence grade (null: not given), with conservative care
   * exhausted.
   */
  public static ReferralDetails osteoarthritisOfGrade(Integer kellgrenLawrenceGrade) {
    return referral(
        Condition.ANKLE_OSTEOARTHRITIS,
        patient(LocalDate.parse("1971-03-14")),
        kellgrenLawrenceGrade,
        null,
        exhaustedCare(),
        Set.of(),
        false,
        true);
  }

  /**
   * A fracture dated {@code fractureDate} (null: not given) that tried this care, with these health
   * factors.
   */
  public static ReferralDetails nonHealingFracture(
      LocalDate fractureDate, List<ConservativeCare> care, Set<HealthFactor> factors) {
    return referral(
        Condition.NON_HEALING_FRACTURE,
        patient(LocalDate.parse("1971-03-14")),
        null,
        fractureDate,
        care,
        factors,
        false,
        true);
  }

  /** A fracture dated {@code fractureDate} that was cast from the day it happened. */
  public static ReferralDetails castFracture(LocalDate fractureDate) {
    return nonHealingFracture(
        fractureDate, List.of(ongoing(Modality.CASTING, fractureDate)), Set.of());
  }

  /** A condition the clinic does not treat, with no conservative care tried at all. */
  public static ReferralDetails outOfScope() {
    return referral(
        Condition.OTHER,
        patient(LocalDate.parse("1971-03-14")),
        null,
        null,
        List.of(),
        Set.of(),
        false,
        true);
  }

  /**
   * Any referral: the clinical answers given, everything else as in {@link
   * #likelyEligibleAchilles()}.
   */
  public static ReferralDetails referral(
      Condition condition,
      ReferralDetails.Patient patient,
      Integer kellgrenLawrenceGrade,
      LocalDate fractureDate,
      List<ConservativeCare> care,
      Set<HealthFactor> factors,
      boolean priorSurgery,
      boolean selfPayAcknowledged) {
    return new ReferralDetails(
        patient,
        physician(),
        condition,
        Side.LEFT,
        icd10(condition),
        TODAY.minusMonths(9),
        kellgrenLawrenceGrade,
        fractureDate,
        care,
        TODAY.minusMonths(2),
        factors,
        priorSurgery,
        priorSurgery ? "Tendon repair two years ago" : null,
        CellSource.BONE_MARROW,
        Coverage.NONE_EXPECTED,
        selfPayAcknowledged,
        new ReferralDetails.Preferences(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), Set.of(DayPart.MORNING)));
  }

  private static List<ConservativeCare> exhaustedCare() {
    return likelyEligibleAchilles().conservativeCare();
  }

  private static String icd10(Condition condition) {
    return switch (condition) {
      case ACHILLES_TENDON_INJURY -> "M76.62";
      case ANKLE_OSTEOARTHRITIS -> "M19.071";
      case NON_HEALING_FRACTURE -> "M84.372A";
      default -> null;
    };
  }

  /** The same referral for another patient, so that it is no duplicate of any other. */
  public static ReferralDetails forAnotherPatient(ReferralDetails d) {
    ReferralDetails.Patient p = d.patient();
    var patient =
        new ReferralDetails.Patient(
            p.givenName(),
            p.familyName() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8),
            p.dateOfBirth(),
            p.sex(),
            p.mobilePhone(),
            p.email(),
            p.language(),
            p.preferredChannel(),
            p.smsConsent(),
            p.timeZone());
    return new ReferralDetails(
        patient,
        d.physician(),
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

  /** The same referral from another referring physician, with this NPI. */
  public static ReferralDetails referredBy(ReferralDetails d, String npi) {
    var physician =
        new ReferralDetails.Physician(
            "Dr. Ada Kim",
            new Npi(npi),
            "Kim Podiatry",
            new PhoneNumber("+14155550777"),
            new EmailAddress("kim@podiatry.example"));
    return new ReferralDetails(
        d.patient(),
        physician,
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

  /** The same referral for this patient. */
  public static ReferralDetails forPatient(ReferralDetails d, ReferralDetails.Patient patient) {
    return new ReferralDetails(
        patient,
        d.physician(),
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
}

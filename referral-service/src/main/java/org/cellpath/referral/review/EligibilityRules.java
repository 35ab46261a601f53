package org.cellpath.referral.review;

import static org.cellpath.referral.review.Finding.informational;
import static org.cellpath.referral.review.Finding.needsReview;
import static org.cellpath.referral.review.Finding.notEligible;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.Modality;
import org.cellpath.referral.referral.ReferralDetails;

/**
 * The eligibility rules (docs/domain.md §3), each a named object, so that every finding says which
 * rule made it.
 */
final class EligibilityRules {

  static final Set<Modality> QUALIFYING_CARE =
      EnumSet.of(
          Modality.PHYSICAL_THERAPY,
          Modality.BRACING_OR_IMMOBILIZATION,
          Modality.ANTI_INFLAMMATORY_MEDICATION,
          Modality.CORTICOSTEROID_INJECTION);
  static final int MIN_MODALITIES = 2;
  static final int MIN_CARE_MONTHS = 3;
  static final int MIN_FRACTURE_AGE_DAYS = 90;

  private EligibilityRules() {}

  static List<EligibilityRule> all() {
    return List.of(
        EligibilityRules::conditionInScope,
        EligibilityRules::conservativeCareExhausted,
        EligibilityRules::fractureGivenTime,
        EligibilityRules::contraindications,
        EligibilityRules::bleedingRisks,
        EligibilityRules::severeArthritis,
        EligibilityRules::minor,
        EligibilityRules::outcomeFactors,
        EligibilityRules::priorSurgery,
        EligibilityRules::selfPayAcknowledgement);
  }

  static List<Finding> conditionInScope(ReferralDetails referral, LocalDate today) {
    return referral.condition().inScope()
        ? List.of()
        : List.of(
            notEligible(
                FindingCode.CONDITION_OUT_OF_SCOPE,
                "The condition is outside what the clinic treats with stem cell therapy."));
  }

  static List<Finding> conservativeCareExhausted(ReferralDetails referral, LocalDate today) {
    if (!referral.condition().inScope() || referral.condition() == Condition.NON_HEALING_FRACTURE) {
      return List.of();
    }
    Set<Modality> tried =
        referral.conservativeCare().stream()
            .map(ReferralDetails.ConservativeCare::modality)
            .filter(QUALIFYING_CARE::contains)
            .collect(Collectors.toSet());
    LocalDate earliest =
        referral.conservativeCare().stream()
            .filter(care -> QUALIFYING_CARE.contains(care.modality()))
            .map(ReferralDetails.ConservativeCare::startDate)
            .min(LocalDate::compareTo)
            .orElse(null);
    List<String> missing = new ArrayList<>();
    if (tried.size() < MIN_MODALITIES) {
      missing.add(
          "at least "
              + MIN_MODALITIES
              + " of physical therapy, bracing or immobilization, "
              + "anti-inflammatory medication and corticosteroid injection ("
              + tried.size()
              + " tried)");
    }
    if (earliest == null || earliest.isAfter(today.minusMonths(MIN_CARE_MONTHS))) {
      missing.add(
          "conservative care that began at least "
              + MIN_CARE_MONTHS
              + " months before the referral");
    }
    return missing.isEmpty()
        ? List.of()
        : List.of(
            notEligible(
                FindingCode.CONSERVATIVE_CARE_NOT_EXHAUSTED,
                "Conservative care is not yet exhausted: the referral needs "
                    + String.join(" and ", missing)
                    + "."));
  }

  static List<Finding> fractureGivenTime(ReferralDetails referral, LocalDate today) {
    if (referral.condition() != Condition.NON_HEALING_FRACTURE) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    if (referral.fractureDate() == null
        || ChronoUnit.DAYS.between(referral.fractureDate(), today) < MIN_FRACTURE_AGE_DAYS) {
      findings.add(
          notEligible(
              FindingCode.FRACTURE_TOO_RECENT,
              "The fracture needs at least "
                  + MIN_FRACTURE_AGE_DAYS
                  + " days to heal on its own before it counts as non-healing."));
    }
    boolean immobilized =
        referral.conservativeCare().stream()
            .anyMatch(
                care ->
                    care.modality() == Modality.CASTING
                        || care.modality() == Modality.BRACING_OR_IMMOBILIZATION);
    if (!immobilized) {
      findings.add(
          notEligible(
              FindingCode.FRACTURE_NOT_IMMOBILIZED,
              "Casting or immobilization should be tried before the fracture counts as non-healing."));
    }
    return findings;
  }

  static List<Finding> contraindications(ReferralDetails referral, LocalDate today) {
    List<Finding> findings = new ArrayList<>();
    if (referral.healthFactors().contains(HealthFactor.ACTIVE_INFECTION)) {
      findings.add(
          notEligible(
              FindingCode.ACTIVE_INFECTION,
              "An active infection rules the therapy out until it has cleared."));
    }
    if (referral.healthFactors().contains(HealthFactor.ACTIVE_CANCER)) {
      findings.add(
          notEligible(FindingCode.ACTIVE_CANCER, "Active cancer rules stem cell therapy out."));
    }
    return findings;
  }

  static List<Finding> bleedingRisks(ReferralDetails referral, LocalDate today) {
    List<Finding> findings = new ArrayList<>();
    for (HealthFactor factor :
        List.of(
            HealthFactor.BLEEDING_DISORDER,
            HealthFactor.ANTICOAGULANT_USE,
            HealthFactor.PREGNANCY)) {
      if (referral.healthFactors().contains(factor)) {
        findings.add(
            needsReview(
                codeOf(factor),
                "A clinician must weigh "
                    + describe(factor)
                    + "; a bone marrow harvest carries a higher risk."));
      }
    }
    return findings;
  }

  static List<Finding> severeArthritis(ReferralDetails referral, LocalDate today) {
    boolean severe =
        referral.condition() == Condition.ANKLE_OSTEOARTHRITIS
            && Integer.valueOf(4).equals(referral.kellgrenLawrenceGrade());
    return severe
        ? List.of(
            needsReview(
                FindingCode.SEVERE_OSTEOARTHRITIS,
                "Kellgren-Lawrence grade 4 arthritis "
                    + "cannot be reversed; the clinician will discuss fusion or joint replacement."))
        : List.of();
  }

  static List<Finding> minor(ReferralDetails referral, LocalDate today) {
    return age(referral, today) < 18
        ? List.of(
            needsReview(
                FindingCode.PATIENT_UNDER_18,
                "The patient is under 18: a guardian's consent is needed."))
        : List.of();
  }

  static List<Finding> outcomeFactors(ReferralDetails referral, LocalDate today) {
    boolean fracture = referral.condition() == Condition.NON_HEALING_FRACTURE;
    String consequence =
        fracture
            ? "this can slow bone healing, which is a reason the therapy may help."
            : "outcomes vary.";
    List<Finding> findings = new ArrayList<>();
    for (HealthFactor factor :
        List.of(HealthFactor.DIABETES, HealthFactor.SMOKING, HealthFactor.OSTEOPOROSIS)) {
      if (referral.healthFactors().contains(factor)) {
        findings.add(
            informational(
                codeOf(factor), "The patient reports " + describe(factor) + "; " + consequence));
      }
    }
    if (age(referral, today) > 70) {
      findings.add(
          informational(FindingCode.PATIENT_OVER_70, "The patient is over 70; " + consequence));
    }
    return findings;
  }

  static List<Finding> priorSurgery(ReferralDetails referral, LocalDate today) {
    return referral.priorSurgery()
        ? List.of(
            informational(
                FindingCode.PRIOR_SURGERY,
                "Prior surgery on the site: "
                    + "the therapy can help where surgery has not restored function."))
        : List.of();
  }

  static List<Finding> selfPayAcknowledgement(ReferralDetails referral, LocalDate today) {
    return referral.selfPayAcknowledged()
        ? List.of()
        : List.of(
            informational(
                FindingCode.SELF_PAY_NOT_ACKNOWLEDGED,
                "The patient has not yet acknowledged that "
                    + "the therapy is investigational and usually self-pay; "
                    + "approval needs it recorded."));
  }

  /**
   * A health factor's own finding code: every factor has one, so a new factor does not compile
   * without it.
   */
  private static FindingCode codeOf(HealthFactor factor) {
    return switch (factor) {
      case DIABETES -> FindingCode.DIABETES;
      case SMOKING -> FindingCode.SMOKING;
      case OSTEOPOROSIS -> FindingCode.OSTEOPOROSIS;
      case ACTIVE_INFECTION -> FindingCode.ACTIVE_INFECTION;
      case ACTIVE_CANCER -> FindingCode.ACTIVE_CANCER;
      case BLEEDING_DISORDER -> FindingCode.BLEEDING_DISORDER;
      case ANTICOAGULANT_USE -> FindingCode.ANTICOAGULANT_USE;
      case PREGNANCY -> FindingCode.PREGNANCY;
    };
  }

  private static int age(ReferralDetails referral, LocalDate today) {
    return Period.between(referral.patient().dateOfBirth(), today).getYears();
  }

  private static String describe(HealthFactor factor) {
    return factor.name().toLowerCase().replace('_', ' ');
  }
}

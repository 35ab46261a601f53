package org.cellpath.referral.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.referral.ReferralFixtures.TODAY;
import static org.cellpath.referral.ReferralFixtures.ongoing;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cellpath.contracts.Recommendation;
import org.cellpath.referral.ReferralFixtures;
import org.cellpath.referral.referral.CareResult;
import org.cellpath.referral.referral.Condition;
import org.cellpath.referral.referral.HealthFactor;
import org.cellpath.referral.referral.Modality;
import org.cellpath.referral.referral.ReferralDetails;
import org.cellpath.referral.referral.ReferralDetails.ConservativeCare;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pre-screen rules (docs/domain.md §3), each at its boundaries, as of {@link
 * ReferralFixtures#TODAY}.
 */
class EligibilityRulesTest {

  @Nested
  class ConditionInScope {

    @Test
    void findsAConditionOutsideTheTableNotEligible() {
      List<Finding> findings =
          EligibilityRules.conditionInScope(ReferralFixtures.outOfScope(), TODAY);

      assertThat(findings)
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("CONDITION_OUT_OF_SCOPE");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence()).contains("outside what the clinic treats");
              });
    }

    @Test
    void findsNothingForAConditionInTheTable() {
      assertThat(
              EligibilityRules.conditionInScope(ReferralFixtures.likelyEligibleAchilles(), TODAY))
          .isEmpty();
      assertThat(
              EligibilityRules.conditionInScope(ReferralFixtures.osteoarthritisOfGrade(2), TODAY))
          .isEmpty();
      assertThat(
              EligibilityRules.conditionInScope(
                  ReferralFixtures.castFracture(TODAY.minusDays(120)), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class ConservativeCareExhausted {

    @Test
    void acceptsTwoQualifyingModalitiesThatBeganExactlyThreeMonthsAgo() {
      var referral =
          ReferralFixtures.achillesWithCare(
              ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusMonths(3)),
              ongoing(Modality.CORTICOSTEROID_INJECTION, TODAY.minusWeeks(2)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY)).isEmpty();
    }

    @Test
    void findsCareThatBeganThreeMonthsLessADayAgoNotExhausted() {
      var referral =
          ReferralFixtures.achillesWithCare(
              ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusMonths(3).plusDays(1)),
              ongoing(Modality.BRACING_OR_IMMOBILIZATION, TODAY.minusMonths(2)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("CONSERVATIVE_CARE_NOT_EXHAUSTED");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence())
                    .contains("began at least 3 months before the referral")
                    .doesNotContain("(1 tried)", "(2 tried)");
              });
    }

    @Test
    void findsASingleQualifyingModalityNotExhaustedHoweverLongItRan() {
      var referral =
          ReferralFixtures.achillesWithCare(
              ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusYears(1)),
              ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusMonths(4)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("CONSERVATIVE_CARE_NOT_EXHAUSTED");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence())
                    .contains("at least 2 of physical therapy", "(1 tried)")
                    .doesNotContain("3 months");
              });
    }

    @Test
    void doesNotCountRestOrthoticsOrCastingForSoftTissue() {
      var referral =
          ReferralFixtures.achillesWithCare(
              ongoing(Modality.ANTI_INFLAMMATORY_MEDICATION, TODAY.minusMonths(4)),
              ongoing(Modality.REST, TODAY.minusYears(1)),
              ongoing(Modality.ORTHOTICS, TODAY.minusYears(1)),
              ongoing(Modality.CASTING, TODAY.minusYears(1)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding.sentence()).contains("(1 tried)").doesNotContain("3 months"));
    }

    @Test
    void startsTheThreeMonthsAtTheEarliestQualifyingCareNotAtRestOrOrthotics() {
      var referral =
          ReferralFixtures.achillesWithCare(
              ongoing(Modality.REST, TODAY.minusYears(1)),
              ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusMonths(2)),
              ongoing(Modality.CORTICOSTEROID_INJECTION, TODAY.minusMonths(1)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding.sentence()).contains("3 months").doesNotContain("tried)"));
    }

    @Test
    void namesEverythingMissingWhenNoQualifyingCareWasTried() {
      var referral = ReferralFixtures.achillesWithCare(ongoing(Modality.REST, TODAY.minusYears(1)));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding.sentence())
                      .startsWith("Conservative care is not yet exhausted")
                      .contains(
                          "physical therapy",
                          "bracing or immobilization",
                          "anti-inflammatory medication",
                          "corticosteroid injection",
                          "(0 tried)",
                          "3 months")
                      .endsWith("."));
    }

    @Test
    void appliesToOsteoarthritisToo() {
      var referral =
          ReferralFixtures.referral(
              Condition.ANKLE_OSTEOARTHRITIS,
              ReferralFixtures.patient(LocalDate.parse("1960-05-01")),
              3,
              null,
              List.of(ongoing(Modality.ORTHOTICS, TODAY.minusYears(2))),
              Set.of(),
              false,
              true);

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY))
          .extracting(Finding::code)
          .containsExactly("CONSERVATIVE_CARE_NOT_EXHAUSTED");
    }

    @Test
    void isSilentForAFractureWhichHasItsOwnRule() {
      var referral = ReferralFixtures.castFracture(TODAY.minusDays(120));

      assertThat(EligibilityRules.conservativeCareExhausted(referral, TODAY)).isEmpty();
    }

    @Test
    void isSilentForAConditionOutOfScope() {
      assertThat(EligibilityRules.conservativeCareExhausted(ReferralFixtures.outOfScope(), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class FractureGivenTime {

    @Test
    void findsAFractureOf89DaysTooRecent() {
      var referral = ReferralFixtures.castFracture(TODAY.minusDays(89));

      assertThat(EligibilityRules.fractureGivenTime(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("FRACTURE_TOO_RECENT");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence()).contains("at least 90 days");
              });
    }

    @Test
    void acceptsAFractureOf90Days() {
      assertThat(
              EligibilityRules.fractureGivenTime(
                  ReferralFixtures.castFracture(TODAY.minusDays(90)), TODAY))
          .isEmpty();
    }

    @Test
    void findsAFractureThatWasNeverCastOrImmobilizedNotEligible() {
      var referral =
          ReferralFixtures.nonHealingFracture(
              TODAY.minusDays(200),
              List.of(
                  ongoing(Modality.REST, TODAY.minusDays(200)),
                  ongoing(Modality.PHYSICAL_THERAPY, TODAY.minusDays(150)),
                  ongoing(Modality.ORTHOTICS, TODAY.minusDays(100))),
              Set.of());

      assertThat(EligibilityRules.fractureGivenTime(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("FRACTURE_NOT_IMMOBILIZED");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence()).contains("Casting or immobilization");
              });
    }

    @ParameterizedTest
    @EnumSource(
        value = Modality.class,
        names = {"CASTING", "BRACING_OR_IMMOBILIZATION"})
    void acceptsCastingOrBracingAsImmobilization(Modality immobilization) {
      var referral =
          ReferralFixtures.nonHealingFracture(
              TODAY.minusDays(200),
              List.of(ongoing(immobilization, TODAY.minusDays(199))),
              Set.of());

      assertThat(EligibilityRules.fractureGivenTime(referral, TODAY)).isEmpty();
    }

    @Test
    void findsBothWhenARecentFractureWasNeverImmobilized() {
      var referral = ReferralFixtures.nonHealingFracture(TODAY.minusDays(30), List.of(), Set.of());

      assertThat(EligibilityRules.fractureGivenTime(referral, TODAY))
          .extracting(Finding::code)
          .containsExactlyInAnyOrder("FRACTURE_TOO_RECENT", "FRACTURE_NOT_IMMOBILIZED");
    }

    @Test
    void isSilentForSoftTissue() {
      assertThat(EligibilityRules.fractureGivenTime(ReferralFixtures.achillesWithCare(), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class Contraindications {

    @Test
    void findsAnActiveInfectionNotEligible() {
      var referral = ReferralFixtures.likelyEligibleAchillesWith(HealthFactor.ACTIVE_INFECTION);

      assertThat(EligibilityRules.contraindications(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("ACTIVE_INFECTION");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence()).contains("active infection");
              });
    }

    @Test
    void findsActiveCancerNotEligible() {
      var referral = ReferralFixtures.likelyEligibleAchillesWith(HealthFactor.ACTIVE_CANCER);

      assertThat(EligibilityRules.contraindications(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("ACTIVE_CANCER");
                assertThat(finding.level()).isEqualTo(Recommendation.NOT_ELIGIBLE);
                assertThat(finding.sentence()).contains("Active cancer");
              });
    }

    @Test
    void findsNothingForOtherHealthFactors() {
      var referral =
          ReferralFixtures.likelyEligibleAchillesWith(
              HealthFactor.DIABETES,
              HealthFactor.SMOKING,
              HealthFactor.OSTEOPOROSIS,
              HealthFactor.BLEEDING_DISORDER,
              HealthFactor.ANTICOAGULANT_USE,
              HealthFactor.PREGNANCY);

      assertThat(EligibilityRules.contraindications(referral, TODAY)).isEmpty();
    }
  }

  @Nested
  class BleedingRisks {

    @ParameterizedTest
    @EnumSource(
        value = HealthFactor.class,
        names = {"BLEEDING_DISORDER", "ANTICOAGULANT_USE", "PREGNANCY"})
    void sendsTheCaseToAClinicianAndFlagsTheBoneMarrowHarvest(HealthFactor factor) {
      var referral = ReferralFixtures.likelyEligibleAchillesWith(factor);

      assertThat(EligibilityRules.bleedingRisks(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo(factor.name());
                assertThat(finding.level()).isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
                assertThat(finding.sentence())
                    .contains(
                        factor.name().toLowerCase().replace('_', ' '),
                        "bone marrow harvest",
                        "higher risk");
              });
    }

    @Test
    void findsEachRiskReported() {
      var referral =
          ReferralFixtures.likelyEligibleAchillesWith(
              HealthFactor.BLEEDING_DISORDER,
              HealthFactor.ANTICOAGULANT_USE,
              HealthFactor.PREGNANCY);

      assertThat(EligibilityRules.bleedingRisks(referral, TODAY))
          .extracting(Finding::code)
          .containsExactlyInAnyOrder("BLEEDING_DISORDER", "ANTICOAGULANT_USE", "PREGNANCY");
    }
  }

  @Nested
  class SevereArthritis {

    @Test
    void sendsGrade4ToAClinicianToDiscussFusionOrReplacement() {
      assertThat(EligibilityRules.severeArthritis(ReferralFixtures.osteoarthritisOfGrade(4), TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("SEVERE_OSTEOARTHRITIS");
                assertThat(finding.level()).isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
                assertThat(finding.sentence())
                    .contains("grade 4", "cannot be reversed", "fusion", "replacement");
              });
    }

    @Test
    void findsNothingForGrade3() {
      assertThat(EligibilityRules.severeArthritis(ReferralFixtures.osteoarthritisOfGrade(3), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class Minor {

    @Test
    void sendsAPatientWhoTurns18TomorrowToAClinicianForGuardianConsent() {
      var referral =
          ReferralFixtures.likelyEligibleAchillesBornOn(TODAY.minusYears(18).plusDays(1));

      assertThat(EligibilityRules.minor(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("PATIENT_UNDER_18");
                assertThat(finding.level()).isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
                assertThat(finding.sentence()).contains("under 18", "guardian");
              });
    }

    @Test
    void findsNothingForAPatientWhoTurns18Today() {
      var referral = ReferralFixtures.likelyEligibleAchillesBornOn(TODAY.minusYears(18));

      assertThat(EligibilityRules.minor(referral, TODAY)).isEmpty();
    }
  }

  @Nested
  class OutcomeFactors {

    @ParameterizedTest
    @EnumSource(
        value = HealthFactor.class,
        names = {"DIABETES", "SMOKING", "OSTEOPOROSIS"})
    void notesThatOutcomesVaryForSoftTissue(HealthFactor factor) {
      var referral = ReferralFixtures.likelyEligibleAchillesWith(factor);

      assertThat(EligibilityRules.outcomeFactors(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo(factor.name());
                assertThat(finding.level()).isNull();
                assertThat(finding.sentence())
                    .contains(factor.name().toLowerCase(), "outcomes vary");
              });
    }

    @ParameterizedTest
    @EnumSource(
        value = HealthFactor.class,
        names = {"DIABETES", "SMOKING", "OSTEOPOROSIS"})
    void notesThatForAFractureTheFactorIsAReasonTheTherapyMayHelp(HealthFactor factor) {
      var fracture =
          ReferralFixtures.nonHealingFracture(
              TODAY.minusDays(200),
              List.of(ongoing(Modality.CASTING, TODAY.minusDays(200))),
              Set.of(factor));

      assertThat(EligibilityRules.outcomeFactors(fracture, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo(factor.name());
                assertThat(finding.level()).isNull();
                assertThat(finding.sentence())
                    .contains(factor.name().toLowerCase(), "the therapy may help")
                    .doesNotContain("outcomes vary");
              });
    }

    @Test
    void notesAPatientOf71AsOver70() {
      var referral = ReferralFixtures.likelyEligibleAchillesBornOn(TODAY.minusYears(71));

      assertThat(EligibilityRules.outcomeFactors(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("PATIENT_OVER_70");
                assertThat(finding.level()).isNull();
                assertThat(finding.sentence()).contains("over 70", "outcomes vary");
              });
    }

    @Test
    void findsNothingForAPatientOf70ThoughTheyTurn71Tomorrow() {
      var referral =
          ReferralFixtures.likelyEligibleAchillesBornOn(TODAY.minusYears(71).plusDays(1));

      assertThat(EligibilityRules.outcomeFactors(referral, TODAY)).isEmpty();
    }

    @Test
    void notesAFracturePatientOver70AsAReasonTheTherapyMayHelp() {
      var fracture =
          ReferralFixtures.referral(
              Condition.NON_HEALING_FRACTURE,
              ReferralFixtures.patient(TODAY.minusYears(75)),
              null,
              TODAY.minusDays(200),
              List.of(ongoing(Modality.CASTING, TODAY.minusDays(200))),
              Set.of(),
              false,
              true);

      assertThat(EligibilityRules.outcomeFactors(fracture, TODAY))
          .singleElement()
          .satisfies(
              finding ->
                  assertThat(finding.sentence()).contains("over 70", "the therapy may help"));
    }
  }

  @Nested
  class PriorSurgery {

    @Test
    void notesPriorSurgeryAsInformational() {
      assertThat(
              EligibilityRules.priorSurgery(
                  ReferralFixtures.likelyEligibleAchillesAfterSurgery(), TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("PRIOR_SURGERY");
                assertThat(finding.level()).isNull();
                assertThat(finding.sentence()).contains("Prior surgery", "restored function");
              });
    }

    @Test
    void findsNothingWithoutPriorSurgery() {
      assertThat(EligibilityRules.priorSurgery(ReferralFixtures.likelyEligibleAchilles(), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class SelfPayAcknowledgement {

    @Test
    void notesAMissingAcknowledgementAsInformationalThatApprovalNeeds() {
      var referral =
          ReferralFixtures.achilles(
              ReferralFixtures.likelyEligibleAchilles().conservativeCare(), Set.of(), false);

      assertThat(EligibilityRules.selfPayAcknowledgement(referral, TODAY))
          .singleElement()
          .satisfies(
              finding -> {
                assertThat(finding.code()).isEqualTo("SELF_PAY_NOT_ACKNOWLEDGED");
                assertThat(finding.level()).isNull();
                assertThat(finding.sentence()).contains("investigational", "self-pay", "approval");
              });
    }

    @Test
    void findsNothingOnceAcknowledged() {
      assertThat(
              EligibilityRules.selfPayAcknowledgement(
                  ReferralFixtures.likelyEligibleAchilles(), TODAY))
          .isEmpty();
    }
  }

  @Nested
  class RecommendationIsTheStrongestFinding {

    private static final EligibilityRule NOT_ELIGIBLE =
        (referral, today) ->
            List.of(Finding.notEligible(FindingCode.ACTIVE_CANCER, "Not eligible."));
    private static final EligibilityRule NEEDS_REVIEW =
        (referral, today) ->
            List.of(Finding.needsReview(FindingCode.PREGNANCY, "A clinician should look."));
    private static final EligibilityRule INFORMATIONAL =
        (referral, today) ->
            List.of(Finding.informational(FindingCode.PRIOR_SURGERY, "For information."));
    private static final EligibilityRule SILENT = (referral, today) -> List.of();

    private static Recommendation recommendationOf(EligibilityRule... rules) {
      return new PreScreen(List.of(rules))
          .assess(ReferralFixtures.likelyEligibleAchilles(), TODAY)
          .recommendation();
    }

    @Test
    void ranksNotEligibleOverNeedsClinicianReviewOverLikelyEligible() {
      assertThat(recommendationOf(NEEDS_REVIEW, NOT_ELIGIBLE, NEEDS_REVIEW))
          .isEqualTo(Recommendation.NOT_ELIGIBLE);
      assertThat(recommendationOf(NEEDS_REVIEW, SILENT))
          .isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
      assertThat(recommendationOf(SILENT)).isEqualTo(Recommendation.LIKELY_ELIGIBLE);
      assertThat(recommendationOf()).isEqualTo(Recommendation.LIKELY_ELIGIBLE);
    }

    @Test
    void neverLetsAnInformationalFindingChangeTheRecommendation() {
      assertThat(recommendationOf(INFORMATIONAL, INFORMATIONAL))
          .isEqualTo(Recommendation.LIKELY_ELIGIBLE);
      assertThat(recommendationOf(INFORMATIONAL, NEEDS_REVIEW))
          .isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
      assertThat(recommendationOf(NOT_ELIGIBLE, INFORMATIONAL))
          .isEqualTo(Recommendation.NOT_ELIGIBLE);
    }

    @Test
    void recommendsAnOutOfScopeConditionNotEligibleWithoutACareFinding() {
      PreScreen.Result result = PreScreen.standard().assess(ReferralFixtures.outOfScope(), TODAY);

      assertThat(result.recommendation()).isEqualTo(Recommendation.NOT_ELIGIBLE);
      assertThat(result.findings())
          .extracting(Finding::code)
          .containsExactly("CONDITION_OUT_OF_SCOPE");
    }

    @Test
    void keepsAContraindicationAboveGrade4ArthritisAndAMinor() {
      var referral =
          ReferralFixtures.referral(
              Condition.ANKLE_OSTEOARTHRITIS,
              ReferralFixtures.patient(TODAY.minusYears(16)),
              4,
              null,
              ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
              Set.of(HealthFactor.ACTIVE_CANCER),
              false,
              true);

      PreScreen.Result result = PreScreen.standard().assess(referral, TODAY);

      assertThat(result.recommendation()).isEqualTo(Recommendation.NOT_ELIGIBLE);
      assertThat(result.findings())
          .extracting(Finding::code)
          .containsExactlyInAnyOrder("ACTIVE_CANCER", "SEVERE_OSTEOARTHRITIS", "PATIENT_UNDER_18");
    }

    @Test
    void sendsAReviewFindingToAClinicianWhateverTheInformationalFindings() {
      var referral =
          ReferralFixtures.referral(
              Condition.ACHILLES_TENDON_INJURY,
              ReferralFixtures.patient(TODAY.minusYears(80)),
              null,
              null,
              ReferralFixtures.likelyEligibleAchilles().conservativeCare(),
              Set.of(HealthFactor.SMOKING, HealthFactor.DIABETES, HealthFactor.PREGNANCY),
              true,
              false);

      PreScreen.Result result = PreScreen.standard().assess(referral, TODAY);

      assertThat(result.recommendation()).isEqualTo(Recommendation.NEEDS_CLINICIAN_REVIEW);
      assertThat(result.findings())
          .extracting(Finding::code)
          .containsExactlyInAnyOrder(
              "PREGNANCY",
              "SMOKING",
              "DIABETES",
              "PATIENT_OVER_70",
              "PRIOR_SURGERY",
              "SELF_PAY_NOT_ACKNOWLEDGED");
    }

    @Test
    void recommendsAnExhaustedCaseWithOnlyInformationalFindingsLikelyEligible() {
      var referral =
          ReferralFixtures.referral(
              Condition.ACHILLES_TENDON_INJURY,
              ReferralFixtures.patient(TODAY.minusYears(72)),
              null,
              null,
              List.of(
                  new ConservativeCare(
                      Modality.PHYSICAL_THERAPY,
                      TODAY.minusMonths(3),
                      TODAY.minusMonths(1),
                      CareResult.PARTIAL_IMPROVEMENT),
                  ongoing(Modality.ANTI_INFLAMMATORY_MEDICATION, TODAY.minusMonths(1))),
              Set.of(HealthFactor.OSTEOPOROSIS),
              true,
              false);

      PreScreen.Result result = PreScreen.standard().assess(referral, TODAY);

      assertThat(result.recommendation()).isEqualTo(Recommendation.LIKELY_ELIGIBLE);
      assertThat(result.findings()).extracting(Finding::level).containsOnlyNulls();
      assertThat(result.findings())
          .extracting(Finding::code)
          .containsExactlyInAnyOrder(
              "OSTEOPOROSIS", "PATIENT_OVER_70", "PRIOR_SURGERY", "SELF_PAY_NOT_ACKNOWLEDGED");
    }
  }

  /** Every finding reads as a sentence: capitalized, ending with a full stop, no enum constants. */
  @Test
  void everyFindingIsASentenceAPhysicianCanRead() {
    ReferralDetails everything =
        ReferralFixtures.referral(
            Condition.NON_HEALING_FRACTURE,
            ReferralFixtures.patient(TODAY.minusYears(75)),
            null,
            TODAY.minusDays(10),
            List.of(),
            Set.of(HealthFactor.values()),
            true,
            false);

    List<Finding> findings = PreScreen.standard().assess(everything, TODAY).findings();

    assertThat(findings)
        .hasSizeGreaterThan(10)
        .allSatisfy(
            finding ->
                assertThat(finding.sentence())
                    .matches("[A-Z].*\\.")
                    .doesNotContain("_", "null", "NON_HEALING"));
  }
}

package org.cellpath.browser;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/** The console's forms filled in as a person would, for the browser tests. */
final class ConsoleForms {

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");

  private ConsoleForms() {}

  /**
   * Fills the new-referral form (the physician's own name and NPI come from the sign-in) with a
   * case the pre-screen finds likely eligible and leaves to the reviewer: an Achilles tendon injury
   * with months of failed conservative care, and diabetes, which it notes for the reviewer.
   */
  static void fillALikelyEligibleReferral(
      Browser browser, String given, String family, String birthDate, String mobilePhone) {
    LocalDate today = LocalDate.now(CLINIC);
    browser.type("patient.givenName", given);
    browser.type("patient.familyName", family);
    browser.date("patient.dateOfBirth", birthDate);
    browser.choose("patient.sex", "FEMALE");
    browser.type("patient.mobilePhone", mobilePhone);
    browser.type(
        "patient.email",
        "zephyr.browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.org");
    browser.choose("patient.language", "en");
    browser.choose("patient.preferredChannel", "EMAIL");
    browser.type("physician.practice", "Bayview Orthopedics");
    browser.type("physician.phone", "+14155550999");
    browser.type("physician.email", "lee@bayview.example");
    browser.choose("condition", "ACHILLES_TENDON_INJURY");
    browser.choose("side", "LEFT");
    browser.type("icd10Code", "M76.62");
    browser.date("symptomOnset", today.minusMonths(9).toString());
    browser.choose("conservativeCare0.modality", "PHYSICAL_THERAPY");
    browser.date("conservativeCare0.startDate", today.minusMonths(6).toString());
    browser.date("conservativeCare0.endDate", today.minusMonths(2).toString());
    browser.choose("conservativeCare0.result", "NO_IMPROVEMENT");
    browser.choose("conservativeCare1.modality", "ANTI_INFLAMMATORY_MEDICATION");
    browser.date("conservativeCare1.startDate", today.minusMonths(5).toString());
    browser.choose("conservativeCare1.result", "TEMPORARY_IMPROVEMENT");
    browser.check("healthFactors", "DIABETES");
    browser.choose("preferredCellSource", "BONE_MARROW");
    browser.choose("expectedCoverage", "NONE_EXPECTED");
    browser.check("selfPayAcknowledged", "true");
  }
}

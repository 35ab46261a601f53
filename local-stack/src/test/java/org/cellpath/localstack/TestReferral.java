package org.cellpath.localstack;

import java.time.LocalDate;
import java.time.ZoneId;
import org.cellpath.testsupport.TestTokens;

/**
 * The first referral of docs/running.md as the JSON a physician submits (Achilles tendon,
 * conservative care failed, self-pay acknowledged: likely eligible), with the patient's own
 * details. The physician is {@link TestTokens#NPI}.
 */
public final class TestReferral {

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");

  private TestReferral() {}

  /**
   * @param smsConsent whether the patient agreed to SMS (then the booking confirmation also goes by
   *     SMS)
   */
  public static String json(
      String givenName,
      String familyName,
      String mobilePhone,
      String email,
      String language,
      boolean smsConsent) {
    LocalDate today = LocalDate.now(CLINIC);
    return """
        {"patient":{"givenName":"%s","familyName":"%s","dateOfBirth":"1971-03-14","sex":"FEMALE",
                    "mobilePhone":"%s","email":"%s","language":"%s","preferredChannel":"EMAIL",
                    "smsConsent":%s,"timeZone":"America/Los_Angeles"},
         "physician":{"name":"Dr. Sam Lee","npi":"%s","practice":"Bayview Orthopedics",
                      "phone":"+14155550999","email":"lee@bayview.example"},
         "condition":"ACHILLES_TENDON_INJURY","side":"LEFT","icd10Code":"M76.62","symptomOnset":"%s",
         "conservativeCare":[
           {"modality":"PHYSICAL_THERAPY","startDate":"%s","endDate":"%s","result":"NO_IMPROVEMENT"},
           {"modality":"ANTI_INFLAMMATORY_MEDICATION","startDate":"%s","result":"TEMPORARY_IMPROVEMENT"}],
         "healthFactors":[],"priorSurgery":false,"preferredCellSource":"BONE_MARROW",
         "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true}
        """
        .formatted(
            givenName,
            familyName,
            mobilePhone,
            email,
            language,
            smsConsent,
            TestTokens.NPI,
            today.minusMonths(9),
            today.minusMonths(6),
            today.minusMonths(2),
            today.minusMonths(5));
  }
}

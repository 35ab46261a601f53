package org.cellpath.console.physician;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ReferralFormTest {

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");

  private static ReferralForm withCareOnlyInTheThirdRow() {
    ReferralForm form = ReferralForm.blank("key", CLINIC);
    form.getPatient().setGivenName("  Ana ");
    form.getConservativeCare().get(2).setModality("PHYSICAL_THERAPY");
    form.getConservativeCare().get(2).setStartDate("2026-01-10");
    return form;
  }

  @Test
  void leavesOutWhatWasLeftEmptyAndSendsTheRestAsTyped() {
    ReferralForm.Request request = withCareOnlyInTheThirdRow().toRequest();

    @SuppressWarnings("unchecked")
    Map<String, Object> patient = (Map<String, Object>) request.body().get("patient");
    assertThat(patient)
        .containsEntry("givenName", "Ana")
        .doesNotContainKey("familyName")
        .containsEntry("smsConsent", false);
    assertThat(request.body())
        .doesNotContainKeys(
            "condition", "icd10Code", "kellgrenLawrenceGrade", "schedulingPreferences");
    assertThat((List<?>) request.body().get("conservativeCare")).hasSize(1);
    assertThat(request.body())
        .containsEntry("selfPayAcknowledged", false)
        .containsEntry("priorSurgery", false);
  }

  @Test
  void aServiceMessageAboutACareEntryGoesToTheFormRowItCameFrom() {
    ReferralForm.Request request = withCareOnlyInTheThirdRow().toRequest();

    assertThat(request.formField("conservativeCare[0].startDate"))
        .isEqualTo("conservativeCare[2].startDate");
    assertThat(request.formField("conservativeCare[0].chronological"))
        .isEqualTo("conservativeCare[2].endDate");
  }

  @Test
  void ruleLevelMessagesGoToTheFieldAPersonCanFix() {
    ReferralForm.Request request = ReferralForm.blank("key", CLINIC).toRequest();

    assertThat(request.formField("patient.reachable")).isEqualTo("patient.email");
    assertThat(request.formField("patient.timeZoneKnown")).isEqualTo("patient.timeZone");
    assertThat(request.formField("schedulingPreferences.weekdays")).isEqualTo("weekdays");
    assertThat(request.formField("patient.mobilePhone")).isEqualTo("patient.mobilePhone");
  }

  @Test
  void aGradeThatIsNotANumberIsSentAsTypedForTheServiceToRefuse() {
    ReferralForm form = ReferralForm.blank("key", CLINIC);
    form.setKellgrenLawrenceGrade("4");
    assertThat(form.toRequest().body()).containsEntry("kellgrenLawrenceGrade", 4);
    form.setKellgrenLawrenceGrade("four");
    assertThat(form.toRequest().body()).containsEntry("kellgrenLawrenceGrade", "four");
  }

  @Test
  void aReferralFromTheServiceFillsTheFormForAnAmendmentWithAnEmptyRowToAdd() {
    ReferralForm form =
        ReferralForm.of(
            JsonMapper.builder()
                .build()
                .readTree(
                    """
        {"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","smsConsent":true},
         "physician":{"npi":"1234567893"},"condition":"ANKLE_OSTEOARTHRITIS","kellgrenLawrenceGrade":3,
         "conservativeCare":[{"modality":"CASTING","startDate":"2026-01-01","endDate":null}],
         "healthFactors":["SMOKING"],"selfPayAcknowledged":true,
         "schedulingPreferences":{"weekdays":["MONDAY"],"dayParts":["MORNING"]}}
        """));

    assertThat(form.getPatient().fullName()).isEqualTo("Ana Rivera");
    assertThat(form.getPatient().isSmsConsent()).isTrue();
    assertThat(form.getKellgrenLawrenceGrade()).isEqualTo("3");
    assertThat(form.getConservativeCare()).hasSize(2);
    assertThat(form.getConservativeCare().get(0).getEndDate()).isEmpty();
    assertThat(form.getHealthFactors()).containsExactly("SMOKING");
    assertThat(form.getWeekdays()).containsExactly("MONDAY");
    assertThat(form.toRequest().body()).containsEntry("kellgrenLawrenceGrade", 3);
  }
}

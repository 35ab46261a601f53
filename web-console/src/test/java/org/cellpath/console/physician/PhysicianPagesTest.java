package org.cellpath.console.physician;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import org.cellpath.console.StubServices;
import org.cellpath.console.signin.TestSignIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The physician's case and the console's confirmations against stub services: the pre-screen's
 * findings and the appointments on the timeline, withdraw / cancel / completed / no-show asking
 * first, Enter submitting the referral form, the phone field's words and the time zone list.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PhysicianPagesTest {

  static final StubServices STUB = StubServices.start();
  static final String NPI = "1234567893";
  static final String ID = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
  static final String PAIR = "7c1d2e3f-0000-4000-8000-00000000aaaa";
  static final String HARVEST = "7c1d2e3f-0000-4000-8000-00000000bbbb";

  @DynamicPropertySource
  static void services(DynamicPropertyRegistry registry) {
    registry.add("cellpath.console.referral-service-url", STUB::url);
    registry.add("cellpath.console.scheduling-service-url", STUB::url);
    registry.add("cellpath.console.notification-service-url", STUB::url);
    registry.add("cellpath.console.dev-token-url", () -> STUB.url() + "/token");
    registry.add("cellpath.console.jwt.jwk-set-uri", () -> STUB.url() + "/jwks");
    registry.add("cellpath.console.jwt.issuer", () -> StubServices.ISSUER);
    registry.add("cellpath.console.jwt.audience", () -> StubServices.AUDIENCE);
  }

  @Autowired MockMvc mvc;

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @BeforeEach
  void reset() {
    STUB.reset();
  }

  private static MockHttpSession physician() {
    return TestSignIn.session("physician-token", "dr-lee", NPI, "PHYSICIAN");
  }

  private static MockHttpSession scheduler() {
    return TestSignIn.session("scheduler-token", "sched-1", null, "SCHEDULER");
  }

  private void aScheduledReferralWithFindings() {
    STUB.answer(
        "GET",
        "/api/referrals/" + ID,
        200,
        """
        {"id":"%s","status":"SCHEDULED","submittedAt":"2026-11-20T17:00:00Z",
         "details":{"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","sex":"FEMALE",
           "language":"en","smsConsent":false},"physician":{"name":"Dr. Sam Lee","npi":"1234567893","practice":"Bayview",
           "email":"lee@bayview.example"},"condition":"ACHILLES_TENDON_INJURY","side":"LEFT","conservativeCare":[],
           "healthFactors":["DIABETES"],"priorSurgery":false,"preferredCellSource":"BONE_MARROW",
           "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true},
         "findings":[{"code":"CONDITION_OUT_OF_SCOPE","level":"NOT_ELIGIBLE",
                      "sentence":"The condition is outside what the clinic treats with stem cell therapy."},
                     {"code":"DIABETES","level":null,"sentence":"The patient reports diabetes; outcomes vary."}],
         "timeline":[{"status":"SUBMITTED","at":"2026-11-20T17:00:00Z","note":null},
           {"status":"SCHEDULED","at":"2026-11-23T17:00:05Z","note":"Procedure booked",
            "detail":{"happening":"BOOKED","confirmedBy":null,"appointments":[
              {"kind":"HARVEST","startsAt":"2026-12-14T17:00:00Z","endsAt":"2026-12-14T18:00:00Z",
               "timeZone":"America/New_York","siteName":"Bayview Clinic","siteAddress":"1 Harbor Way",
               "roomName":"Procedure room 2","clinicianName":"Dr. Ana Ruiz"}]}},
           {"status":"SCHEDULED","at":"2026-11-24T17:00:00Z","note":"Patient confirmed attendance",
            "detail":{"happening":"CONFIRMED","confirmedBy":"SMS_REPLY","appointments":[]}}]}
        """
            .formatted(ID));
  }

  @Test
  void aReturnedReferralShowsItsStatusAndTheReasonInBothLanguagesAndCannotBeWithdrawn()
      throws Exception {
    STUB.answer(
        "GET",
        "/api/referrals/" + ID,
        200,
        """
        {"id":"%s","status":"RETURNED","submittedAt":"2026-11-20T17:00:00Z",
         "details":{"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","sex":"FEMALE",
           "language":"en","smsConsent":false},"physician":{"name":"Dr. Sam Lee","npi":"1234567893","practice":"Bayview",
           "email":"lee@bayview.example"},"condition":"ACHILLES_TENDON_INJURY","side":"LEFT","conservativeCare":[],
           "healthFactors":[],"priorSurgery":false,"preferredCellSource":"BONE_MARROW",
           "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true},
         "findings":[],
         "timeline":[{"status":"SUBMITTED","at":"2026-11-20T17:00:00Z","note":null},
           {"status":"NO_SHOW","at":"2026-12-14T18:00:00Z","note":"Patient did not attend",
            "detail":{"happening":"NO_SHOW","confirmedBy":null,"appointments":[]}},
           {"status":"RETURNED","at":"2026-12-15T17:00:00Z",
            "note":"Returned to you: the clinic could not reach the patient",
            "detail":{"happening":"RETURNED","confirmedBy":null,"appointments":[],
                      "returnReason":"PATIENT_UNREACHABLE"}}]}
        """
            .formatted(ID));

    Document english = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    Document spanish =
        page("/physician/referrals/" + ID + "?lang=es", physician(), Locale.forLanguageTag("es"));

    assertThat(english.getElementById("referral-status").text()).isEqualTo("Returned to you");
    assertThat(english.selectFirst("#timeline li[data-happening=RETURNED]").text())
        .contains("Returned to you: the clinic could not reach the patient");
    assertThat(english.getElementById("referral-returned").text())
        .contains("You may submit a new referral");
    assertThat(english.getElementById("withdraw-heading")).isNull();
    assertThat(spanish.getElementById("referral-status").text()).isEqualTo("Devuelta a usted");
    assertThat(spanish.selectFirst("#timeline li[data-happening=RETURNED]").text())
        .contains("Devuelta a usted: la clínica no pudo contactar con el paciente");
    assertThat(spanish.getElementById("referral-returned").text())
        .contains("Puede enviar una nueva derivación");
  }

  private Document page(String path, MockHttpSession session, Locale locale) throws Exception {
    return Jsoup.parse(
        mvc.perform(get(path).session(session).locale(locale).header("Accept-Language", locale))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  @Test
  void aReferralTheServiceDoesNotKnowShowsTheNotFoundPageWithItsLanguageSwitch() throws Exception {
    String unknown = "0b7e2f3a-5a44-4c1e-9b1a-00000000dead";
    STUB.answer(
        "GET",
        "/api/referrals/" + unknown,
        404,
        "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}");

    Document page =
        Jsoup.parse(
            mvc.perform(get("/physician/referrals/" + unknown).session(physician()))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(page.select("nav.lang a[hreflang=es]").attr("href")).contains("lang=es");
    assertThat(page.selectFirst("h1")).isNotNull();
  }

  @Test
  void thePhysiciansReferralShowsTheFindingsAsSentencesInBothLanguages() throws Exception {
    aScheduledReferralWithFindings();

    Document english = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    assertThat(english.select("#findings li[data-code]").eachAttr("data-code"))
        .containsExactly("CONDITION_OUT_OF_SCOPE", "DIABETES");
    assertThat(english.select("#findings li[data-code=CONDITION_OUT_OF_SCOPE]").text())
        .contains("Not eligible")
        .contains("The condition is outside what the clinic treats with stem cell therapy.");

    Document spanish =
        page("/physician/referrals/" + ID + "?lang=es", physician(), Locale.forLanguageTag("es"));
    assertThat(spanish.select("#findings li[data-code=CONDITION_OUT_OF_SCOPE]").text())
        .contains("La afección está fuera de lo que la clínica trata");
  }

  @Test
  void theTimelineNamesTheAppointmentsDateTimeInTheSitesZoneAndPlaceAndTheConfirmation()
      throws Exception {
    aScheduledReferralWithFindings();

    Document english = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    Element harvest = english.selectFirst("#timeline li[data-happening=BOOKED] li.appointment");
    // 17:00 UTC is noon in New York (the site's zone), whatever the clinic's zone is.
    assertThat(harvest.selectFirst(".when").text())
        .contains("Monday, December 14, 2026")
        .contains("12:00");
    assertThat(harvest.selectFirst(".where").text())
        .isEqualTo("Bayview Clinic, 1 Harbor Way, Procedure room 2");
    assertThat(harvest.text()).contains("Harvest", "Dr. Ana Ruiz");
    assertThat(english.selectFirst("#timeline li[data-happening=CONFIRMED]").text())
        .contains("Patient confirmed attendance", "by SMS reply");

    Document spanish =
        page("/physician/referrals/" + ID + "?lang=es", physician(), Locale.forLanguageTag("es"));
    Element cosecha = spanish.selectFirst("#timeline li[data-happening=BOOKED] li.appointment");
    assertThat(cosecha.selectFirst(".when").text())
        .contains("lunes 14 de diciembre de 2026, 12:00");
    assertThat(spanish.selectFirst("#timeline li[data-happening=CONFIRMED]").text())
        .contains("El paciente confirmó su asistencia", "respondiendo por SMS");
  }

  @Test
  void withdrawingAsksFirstAndOnlyTheConfirmedRequestReachesTheService() throws Exception {
    aScheduledReferralWithFindings();
    Document page = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    Element question = page.getElementById("withdraw-confirm");
    assertThat(question.tagName()).isEqualTo("details");
    assertThat(question.hasAttr("open")).isFalse();
    assertThat(question.select("form input[name=confirmed]").val()).isEqualTo("yes");

    mvc.perform(
            post("/physician/referrals/" + ID + "/withdrawal").session(physician()).with(csrf()))
        .andExpect(
            redirectedUrl("/physician/referrals/" + ID + "?confirm=withdraw#withdraw-heading"));
    assertThat(STUB.seen()).noneMatch(seen -> seen.path().endsWith("/withdrawal"));
    assertThat(
            page("/physician/referrals/" + ID + "?confirm=withdraw", physician(), Locale.ENGLISH)
                .getElementById("withdraw-confirm")
                .hasAttr("open"))
        .isTrue();

    STUB.answer(
        "POST",
        "/api/referrals/" + ID + "/withdrawal",
        200,
        "{\"id\":\"" + ID + "\",\"status\":\"WITHDRAWN\"}");
    mvc.perform(
            post("/physician/referrals/" + ID + "/withdrawal")
                .param("confirmed", "yes")
                .session(physician())
                .with(csrf()))
        .andExpect(redirectedUrl("/physician/referrals/" + ID));
    assertThat(STUB.seen()).anyMatch(seen -> seen.path().endsWith("/withdrawal"));
  }

  @Test
  void enterInAFieldSubmitsTheFormNotAddARow() throws Exception {
    Document form = page("/physician/referrals/new", physician(), Locale.ENGLISH);

    Element firstSubmit =
        form.select("#referral-form button:not([type=button]), #referral-form input[type=submit]")
            .first();
    assertThat(firstSubmit.id()).isEqualTo("default-submit");
    assertThat(firstSubmit.hasAttr("name")).as("it sends no addCareRow").isFalse();
    assertThat(firstSubmit.hasAttr("formaction")).isFalse();
  }

  @Test
  void thePhoneFieldSaysInPlainWordsWhatItTakesAndTheTimeZoneIsAListUsZonesFirst()
      throws Exception {
    Document form = page("/physician/referrals/new", physician(), Locale.ENGLISH);

    assertThat(form.getElementById("hint-patient-mobilePhone").text())
        .isEqualTo("A US mobile number, like (415) 555-0188.");
    assertThat(form.text()).doesNotContain("E.164");
    Element zone = form.getElementById("patient.timeZone");
    assertThat(zone.tagName()).isEqualTo("select");
    assertThat(zone.select("option").eachAttr("value"))
        .startsWith("", "America/New_York", "America/Chicago", "America/Denver")
        .contains("Europe/Madrid", "Asia/Tokyo")
        .doesNotHaveDuplicates();
    assertThat(zone.selectFirst("option[selected]").val()).isEqualTo("America/Los_Angeles");
  }

  @Test
  void aUsNumberTypedTheWaysPeopleTypeItReachesTheServiceInE164AndARefusalIsPlainWords()
      throws Exception {
    STUB.answer(
        "POST",
        "/api/referrals",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "detail":"Invalid field(s): patient.mobilePhone",
         "errors":[{"field":"patient.mobilePhone","message":"must be an E.164 phone number such as +14155550123"}]}
        """);
    for (String typed :
        new String[] {
          "(415) 555-0188", "415-555-0188", "415.555.0188", "+1 415 555 0188", "4155550188"
        }) {
      STUB.reset();
      STUB.answer(
          "POST", "/api/referrals", 201, "{\"id\":\"" + ID + "\",\"status\":\"SUBMITTED\"}");
      mvc.perform(
          post("/physician/referrals")
              .session(physician())
              .with(csrf())
              .param("patient.mobilePhone", typed)
              .param("physician.npi", NPI)
              .param("idempotencyKey", "3f2b3c1e-1111-4222-8333-944445555666"));
      assertThat(STUB.seen().get(STUB.seen().size() - 1).body())
          .as(typed)
          .contains("\"+14155550188\"");
    }

    STUB.reset();
    STUB.answer(
        "POST",
        "/api/referrals",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "detail":"Invalid field(s): patient.mobilePhone",
         "errors":[{"field":"patient.mobilePhone","message":"must be an E.164 phone number such as +14155550123"}]}
        """);
    Document refused =
        Jsoup.parse(
            mvc.perform(
                    post("/physician/referrals")
                        .session(physician())
                        .with(csrf())
                        .param("patient.mobilePhone", "555-0100")
                        .param("physician.npi", NPI)
                        .param("idempotencyKey", "3f2b3c1e-1111-4222-8333-944445555666"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(refused.getElementById("error-patient-mobilePhone").text())
        .contains("must be a US mobile number, like (415) 555-0188")
        .doesNotContain("E.164");
    assertThat(refused.getElementById("patient.mobilePhone").val()).isEqualTo("555-0100");
  }

  private void aBookedPair() {
    STUB.answer(
        "GET",
        "/api/appointment-pairs/" + PAIR,
        200,
        """
        {"id":"%s","referralId":"%s","status":"BOOKED","sequence":0,"bookedAt":"2026-11-23T17:00:00Z",
         "appointments":[{"id":"%s","kind":"HARVEST","status":"BOOKED","slotId":"%s",
           "startsAt":"2026-12-14T17:00:00Z","endsAt":"2026-12-14T18:00:00Z","timeZone":"America/Los_Angeles",
           "date":"2026-12-14","startTime":"09:00","endTime":"10:00",
           "clinician":{"id":"%s","name":"Dr. Ana Ruiz"},"site":{"id":"%s","name":"Bayview","address":"1 Harbor Way"},
           "room":{"id":"%s","name":"Room 2"}}]}
        """
            .formatted(PAIR, ID, HARVEST, HARVEST, HARVEST, HARVEST, HARVEST));
    STUB.answer(
        "GET",
        "/api/scheduling-cases/" + ID,
        200,
        """
        {"referralId":"%s","cellSource":"BONE_MARROW","status":"BOOKED"}
        """
            .formatted(ID));
    STUB.answer("GET", "/api/clinicians", 200, "[]");
    STUB.answer("GET", "/api/sites", 200, "[]");
    STUB.answer("GET", "/api/slots", 200, "[]");
    STUB.answer("POST", "/api/cases/contacts", 200, "[]");
  }

  @Test
  void cancelCompletedAndNoShowAskFirstAndARefusalIsASentenceNextToTheAction() throws Exception {
    aBookedPair();
    Document page = page("/scheduler/pairs/" + PAIR, scheduler(), Locale.ENGLISH);
    for (String question : new String[] {"cancel", "complete-" + HARVEST, "no-show-" + HARVEST}) {
      Element details = page.getElementById(question);
      assertThat(details.tagName()).as(question).isEqualTo("details");
      assertThat(details.select("input[name=confirmed]").val()).as(question).isEqualTo("yes");
    }

    mvc.perform(
            post("/scheduler/appointments/" + HARVEST + "/completion")
                .param("pairId", PAIR)
                .session(scheduler())
                .with(csrf()))
        .andExpect(
            redirectedUrl(
                "/scheduler/pairs/"
                    + PAIR
                    + "?confirm=complete-"
                    + HARVEST
                    + "#complete-"
                    + HARVEST));
    mvc.perform(
            post("/scheduler/appointments/" + HARVEST + "/no-show")
                .param("pairId", PAIR)
                .session(scheduler())
                .with(csrf()))
        .andExpect(
            redirectedUrl(
                "/scheduler/pairs/"
                    + PAIR
                    + "?confirm=no-show-"
                    + HARVEST
                    + "#no-show-"
                    + HARVEST));
    mvc.perform(
            post("/scheduler/pairs/" + PAIR + "/cancellation")
                .param("reason", "Clinician ill")
                .session(scheduler())
                .with(csrf()))
        .andExpect(redirectedUrl("/scheduler/pairs/" + PAIR + "?confirm=cancel#cancel"));
    // The pair page reads the patient's contact with a POST (names stay out of URLs); no action
    // was sent.
    assertThat(STUB.seen())
        .noneMatch(
            seen -> seen.method().equals("POST") && !seen.path().equals("/api/cases/contacts"));

    STUB.answer(
        "POST",
        "/api/appointments/" + HARVEST + "/completion",
        409,
        """
        {"type":"https://cellpath.org/problems/illegal-transition","title":"Illegal transition","status":409,
         "detail":"Appointment %s starts at 2026-12-14T17:00:00Z; its completion cannot be recorded before it starts"}
        """
            .formatted(HARVEST));
    Document refused =
        Jsoup.parse(
            mvc.perform(
                    post("/scheduler/appointments/" + HARVEST + "/completion")
                        .param("pairId", PAIR)
                        .param("confirmed", "yes")
                        .session(scheduler())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    Element row = refused.selectFirst("#appointments tr[data-kind=HARVEST]");
    assertThat(row.selectFirst(".refusal").text())
        .isEqualTo(
            "This appointment has not started yet: its outcome can be recorded once it has begun.");
    assertThat(refused.text()).doesNotContain(HARVEST + " starts at");
  }

  private static final String OUTCOMES =
      """
      {"referralId":"%s",
       "subscales":[
         {"instrument":"PAIN_NRS","subscale":"NRS_PAIN","label":"pain","best":0,"worst":10,"meaningfulDifference":2},
         {"instrument":"FAOS","subscale":"FAOS_PAIN","label":"Pain","best":100,"worst":0,"meaningfulDifference":10},
         {"instrument":"FAOS","subscale":"FAOS_SYMPTOMS","label":"Symptoms","best":100,"worst":0,"meaningfulDifference":10}],
       "timePoints":[
         {"timePoint":"BASELINE","state":"COMPLETED","dueAt":"2026-11-24T17:00:00Z","closesAt":"2026-12-08T17:00:00Z",
          "completedAt":"2026-11-25T17:00:00Z","scores":[
            {"subscale":"NRS_PAIN","score":7,"answered":1,"change":null},
            {"subscale":"FAOS_PAIN","score":66.67,"answered":9,"change":null},
            {"subscale":"FAOS_SYMPTOMS","score":null,"answered":0,"change":null}]},
         {"timePoint":"WEEK_6","state":"COMPLETED","dueAt":"2027-01-25T18:00:00Z","closesAt":"2027-02-08T18:00:00Z",
          "completedAt":"2027-01-26T18:00:00Z","scores":[
            {"subscale":"NRS_PAIN","score":3,"answered":1,
             "change":{"improvement":4,"reachesMeaningfulDifference":true,"meaningfulWorsening":false}},
            {"subscale":"FAOS_PAIN","score":100,"answered":9,
             "change":{"improvement":33.33,"reachesMeaningfulDifference":true,"meaningfulWorsening":false}},
            {"subscale":"FAOS_SYMPTOMS","score":null,"answered":0,"change":null}]},
         {"timePoint":"WEEK_12","state":"MISSED","dueAt":"2027-03-08T18:00:00Z","closesAt":"2027-03-22T18:00:00Z",
          "completedAt":null,"scores":[]},
         {"timePoint":"WEEK_24","state":"COMPLETED","dueAt":"2027-05-31T17:00:00Z","closesAt":"2027-06-14T17:00:00Z",
          "completedAt":"2027-06-01T17:00:00Z","scores":[
            {"subscale":"NRS_PAIN","score":9,"answered":1,
             "change":{"improvement":-2,"reachesMeaningfulDifference":false,"meaningfulWorsening":true}},
            {"subscale":"FAOS_PAIN","score":75,"answered":9,
             "change":{"improvement":8.33,"reachesMeaningfulDifference":false,"meaningfulWorsening":false}},
            {"subscale":"FAOS_SYMPTOMS","score":null,"answered":0,"change":null}]}],
       "reports":[{"kind":"INTERIM","readyAt":"2027-01-26T18:00:00Z"},{"kind":"FINAL","readyAt":"2027-06-01T17:00:00Z"}]}
      """;

  @Test
  void theOutcomesSectionDrawsTheScoresOverTimeWithGapsAndTheTableCarriesTheSameNumbers()
      throws Exception {
    aScheduledReferralWithFindings();
    STUB.answer("GET", "/api/referrals/" + ID + "/outcomes", 200, OUTCOMES.formatted(ID));

    Document english = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);

    assertThat(STUB.seen())
        .anySatisfy(
            seen -> {
              assertThat(seen.path()).isEqualTo("/api/referrals/" + ID + "/outcomes");
              assertThat(seen.authorization()).isEqualTo("Bearer physician-token");
            });
    assertThat(english.select("#outcome-reports li").eachAttr("data-report"))
        .containsExactly("INTERIM", "FINAL");
    assertThat(english.selectFirst("#outcome-reports li[data-report=INTERIM]").text())
        .startsWith("Interim report (6 weeks) ready");
    assertThat(english.getElementById("outcomes-basis").text())
        .contains("patient-reported, not a clinical assessment");

    Element scores = english.getElementById("outcomes-chart-scores");
    assertThat(scores.attr("role")).isEqualTo("img");
    assertThat(scores.attr("aria-labelledby"))
        .isEqualTo("outcomes-chart-scores-title outcomes-chart-scores-desc");
    assertThat(scores.selectFirst("title").text()).isEqualTo("FAOS subscales over time (0-100)");
    assertThat(scores.selectFirst("desc").text())
        .contains("The table below gives the same numbers");
    Element faosPain = scores.selectFirst("g.series[data-subscale=FAOS_PAIN]");
    assertThat(faosPain.select("circle").eachAttr("data-time-point"))
        .as("a point at each time point answered")
        .containsExactly("BASELINE", "WEEK_6", "WEEK_24");
    assertThat(faosPain.select("polyline").eachAttr("points"))
        .as("the missed 12 weeks is a gap: baseline to 6 weeks is one line, 24 weeks stands alone")
        .containsExactly("34.0,64.7 107.0,10.0");
    assertThat(faosPain.select("circle").get(2).selectFirst("title").text())
        .isEqualTo("FAOS Pain, 24 weeks: 75");
    assertThat(scores.select("g.series").eachAttr("data-subscale"))
        .as("Symptoms never scored: no line, no point, never 0")
        .containsExactly("FAOS_PAIN");
    assertThat(english.select("#outcomes-chart-scores-figure .legend li").eachText())
        .containsExactly("FAOS Pain");
    Element pain = english.getElementById("outcomes-chart-pain");
    assertThat(pain.select("g.series[data-subscale=NRS_PAIN] circle")).hasSize(3);
    assertThat(pain.select("g.series[data-subscale=NRS_PAIN] circle").first().attr("cy"))
        .as("7 of 10 on a 0-10 axis from 104 to 10")
        .isEqualTo("38.2");

    Element table = english.getElementById("outcomes-table");
    assertThat(table.select("thead th[data-time-point=WEEK_12]").text())
        .contains("12 weeks")
        .contains("not answered");
    Element week6 = table.selectFirst("tr[data-subscale=FAOS_PAIN] td[data-time-point=WEEK_6]");
    assertThat(week6.text())
        .contains("100")
        .contains("33.33 points better than baseline")
        .contains("reaches the meaningful difference (10 points)");
    assertThat(week6.hasClass("meaningful")).isTrue();
    assertThat(table.selectFirst("tr[data-subscale=FAOS_PAIN] td[data-time-point=WEEK_24]").text())
        .contains("75")
        .contains("8.33 points better than baseline")
        .contains("less than the meaningful difference (10 points)");
    assertThat(table.selectFirst("tr[data-subscale=NRS_PAIN] td[data-time-point=WEEK_24]").text())
        .contains("2 points worse than baseline")
        .contains("worse by at least the meaningful difference (2 points)");
    assertThat(
            table
                .selectFirst("tr[data-subscale=FAOS_SYMPTOMS] td[data-time-point=BASELINE]")
                .text())
        .as("answered, but too many blanks: no score, never 0, and the cell says why")
        .isEqualTo("— not scored: too many items left blank");
    assertThat(table.selectFirst("tr[data-subscale=FAOS_PAIN] td[data-time-point=WEEK_12]").text())
        .isEqualTo("— not answered");

    Document spanish =
        page("/physician/referrals/" + ID + "?lang=es", physician(), Locale.forLanguageTag("es"));
    assertThat(spanish.getElementById("outcomes-heading").text()).isEqualTo("Resultados");
    assertThat(spanish.getElementById("outcomes-basis").text())
        .contains("las informa el paciente; no son una evaluación clínica");
    assertThat(
            spanish
                .selectFirst(
                    "#outcomes-table tr[data-subscale=FAOS_PAIN] td[data-time-point=WEEK_6]")
                .text())
        .contains("alcanza la diferencia significativa (10 puntos)");
  }

  @Test
  void theReferralStaysReadableWhenItsOutcomesCannotBeReadAndShowsNoneBeforeAny() throws Exception {
    aScheduledReferralWithFindings();

    Document none = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    assertThat(none.getElementById("outcomes")).as("the service has none: 404").isNull();

    STUB.answer(
        "GET",
        "/api/referrals/" + ID + "/outcomes",
        503,
        "{\"type\":\"about:blank\",\"title\":\"Unavailable\",\"status\":503}");
    Document failing = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    assertThat(failing.getElementById("outcomes-unavailable").text())
        .contains("could not be loaded");
    assertThat(failing.getElementById("timeline")).isNotNull();

    STUB.answer(
        "GET",
        "/api/referrals/" + ID + "/outcomes",
        200,
        """
        {"referralId":"%s","subscales":[],"reports":[],"timePoints":[
          {"timePoint":"BASELINE","state":"OPEN","dueAt":"2026-11-24T17:00:00Z","closesAt":"2026-12-08T17:00:00Z",
           "completedAt":null,"scores":[]},
          {"timePoint":"WEEK_6","state":null,"dueAt":null,"closesAt":null,"completedAt":null,"scores":[]},
          {"timePoint":"WEEK_12","state":null,"dueAt":null,"closesAt":null,"completedAt":null,"scores":[]},
          {"timePoint":"WEEK_24","state":null,"dueAt":null,"closesAt":null,"completedAt":null,"scores":[]}]}
        """
            .formatted(ID));
    Document waiting = page("/physician/referrals/" + ID, physician(), Locale.ENGLISH);
    assertThat(waiting.getElementById("outcome-reports-none").text())
        .contains("the interim report is ready when the patient answers the 6-week questionnaire");
    assertThat(waiting.getElementById("outcomes-none").text())
        .isEqualTo("The patient has not answered a questionnaire yet.");
    assertThat(waiting.select("#outcomes svg, #outcomes-table")).isEmpty();
  }
}

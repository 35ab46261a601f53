package org.cellpath.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
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
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console's own logic against stub services (the browser tests in local-stack run it against
 * the real ones): which role sees which page, the token relayed, problem details placed next to the
 * fields, language, sign-in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleWebTest {

  static final StubServices STUB = StubServices.start();
  static final String NPI = "1234567893";

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

  private MockHttpSession physician() {
    return TestSignIn.session("physician-token", "dr-lee", NPI, "PHYSICIAN");
  }

  @Test
  void someoneNotSignedInIsSentToTheSignInPage() throws Exception {
    mvc.perform(get("/physician/referrals"))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/signin"));
  }

  @Test
  void eachRoleSeesOnlyItsOwnPages() throws Exception {
    MockHttpSession reviewer = TestSignIn.session("reviewer-token", "reviewer-1", null, "REVIEWER");
    mvc.perform(get("/physician/referrals/new").session(reviewer))
        .andExpect(status().isForbidden())
        .andExpect(forwardedUrl("/forbidden"));
    assertThat(
            mvc.perform(get("/forbidden").session(reviewer))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("Not your page");
    mvc.perform(get("/scheduler/calendar").session(physician())).andExpect(status().isForbidden());
    mvc.perform(get("/staff/deliveries").session(physician())).andExpect(status().isForbidden());
    mvc.perform(get("/reviewer/reviews").session(TestSignIn.session("t", "s", null, "SCHEDULER")))
        .andExpect(status().isForbidden());
    assertThat(STUB.seen()).as("no service is called for a refused page").isEmpty();
  }

  @Test
  void staffReadTheSmsInboxWithNameNumberTextAndConsentAndSeeARefusedAnswerAsASentence()
      throws Exception {
    String reply =
        """
        {"id":"6f1c2d3e-0000-4000-8000-000000000001","receivedAt":"2026-12-01T17:00:00Z",
         "patientName":"Ana Rivera","phone":"+14245550123","text":"Can I bring my daughter?",
         "referralId":"6f1c2d3e-0000-4000-8000-0000000000aa","pairId":null,"status":"OPEN",
         "handledBy":null,"handledAt":null,"answer":null,
         "consent":[{"kind":"OPT_IN","channel":"REFERRAL","wording":"The patient agrees to receive SMS",
                     "occurredAt":"2026-11-20T17:00:00Z"},
                    {"kind":"OPT_OUT","channel":"SMS","wording":"STOP","occurredAt":"2026-12-01T17:05:00Z"}]}
        """;
    STUB.answer(
        "GET",
        "/api/sms/replies",
        200,
        "{\"replies\":[" + reply + "],\"page\":0,\"size\":20,\"total\":1}");
    MockHttpSession scheduler = TestSignIn.session("t", "s", null, "SCHEDULER");

    String page =
        mvc.perform(get("/staff/sms-replies").session(scheduler))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page)
        .contains("Ana Rivera")
        .contains("+14245550123")
        .contains("Can I bring my daughter?")
        .contains("Agreed to SMS")
        .contains("Opted out")
        .contains("Mark handled")
        .contains("0 / 320 characters");

    STUB.answer(
        "POST",
        "/api/sms/replies/6f1c2d3e-0000-4000-8000-000000000001/answer",
        409,
        """
        {"type":"https://cellpath.org/problems/conflict","title":"Conflict","status":409,
         "detail":"The patient opted out of SMS (STOP): call them instead, or wait for their START."}
        """);
    String refused =
        mvc.perform(
                post("/staff/sms-replies/6f1c2d3e-0000-4000-8000-000000000001/answer")
                    .session(scheduler)
                    .with(csrf())
                    .header("HX-Request", "true")
                    .param("text", "Parking is free."))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(refused)
        .contains("The patient opted out of SMS (STOP)")
        .contains("Parking is free.")
        .doesNotContain("<html");
    assertThat(STUB.seen())
        .filteredOn(seen -> seen.path().endsWith("/answer"))
        .singleElement()
        .satisfies(
            seen -> {
              assertThat(seen.body()).contains("Parking is free.");
              assertThat(seen.path() + seen.query()).doesNotContain("Parking");
            });
    mvc.perform(get("/staff/sms-replies").session(physician())).andExpect(status().isForbidden());
  }

  @Test
  void theStartPageSendsEachPersonToTheirRolesFirstPage() throws Exception {
    mvc.perform(get("/").session(physician())).andExpect(redirectedUrl("/physician/referrals"));
    mvc.perform(get("/").session(TestSignIn.session("t", "s", null, "SCHEDULER")))
        .andExpect(redirectedUrl("/scheduler/calendar"));
    mvc.perform(get("/").session(TestSignIn.session("t", "s", null, "ADMIN")))
        .andExpect(redirectedUrl("/staff/deliveries"));
  }

  @Test
  void theServicesFieldMessagesAppearNextToTheirFieldsAndTheInputIsKept() throws Exception {
    STUB.answer(
        "POST",
        "/api/referrals",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "detail":"Invalid field(s): conservativeCare[0].startDate, patient.mobilePhone, patient.reachable",
         "errors":[{"field":"conservativeCare[0].startDate","message":"must be a date in the past or in the present"},
                   {"field":"patient.mobilePhone","message":"must be an E.164 phone number such as +14155550123"},
                   {"field":"patient.reachable","message":"needs a mobile phone or an email"}]}
        """);
    MvcResult result =
        mvc.perform(
                post("/physician/referrals")
                    .session(physician())
                    .with(csrf())
                    .param("patient.givenName", "Ana")
                    .param("patient.mobilePhone", "555")
                    .param("physician.npi", NPI)
                    // The form's second row holds the only care entered: the service calls it
                    // conservativeCare[0].
                    .param("conservativeCare[0].modality", "")
                    .param("conservativeCare[1].modality", "PHYSICAL_THERAPY")
                    .param("conservativeCare[1].startDate", "2099-01-01")
                    .param("idempotencyKey", "3f2b3c1e-1111-4222-8333-944445555666"))
            .andExpect(status().isOk())
            .andReturn();
    Document page = Jsoup.parse(result.getResponse().getContentAsString());

    Element phone = page.getElementById("patient.mobilePhone");
    assertThat(phone.val()).isEqualTo("555");
    assertThat(phone.attr("aria-invalid")).isEqualTo("true");
    Element phoneError = page.getElementById("error-patient-mobilePhone");
    assertThat(phone.attr("aria-describedby")).contains(phoneError.id());
    assertThat(phoneError.text()).contains("must be a US mobile number, like (415) 555-0188");
    assertThat(phone.parent()).isSameAs(phoneError.parent());

    Element careStart = page.getElementById("conservativeCare1.startDate");
    assertThat(careStart.attr("aria-describedby")).contains("error-conservativeCare-1-startDate");
    assertThat(page.getElementById("error-conservativeCare-1-startDate").text())
        .contains("must be a date in the past or in the present");
    assertThat(page.getElementById("error-patient-email").text())
        .contains("needs a mobile phone or an email");
    assertThat(page.getElementById("patient.givenName").val()).isEqualTo("Ana");
    assertThat(page.select("#error-summary li")).hasSize(3);

    StubServices.Seen call = STUB.seen().get(0);
    assertThat(call.authorization()).isEqualTo("Bearer physician-token");
    assertThat(call.body()).contains("\"mobilePhone\":\"555\"").doesNotContain("\"familyName\"");
    assertThat(STUB.seen())
        .extracting(StubServices.Seen::query)
        .allSatisfy(query -> assertThat(String.valueOf(query)).doesNotContain("Ana", "555"));
  }

  @Test
  void aSubmittedReferralLeadsToItsPageWithTheTimeline() throws Exception {
    String id = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
    STUB.answer("POST", "/api/referrals", 201, "{\"id\":\"" + id + "\",\"status\":\"SUBMITTED\"}");
    mvc.perform(
            post("/physician/referrals")
                .session(physician())
                .with(csrf())
                .param("patient.givenName", "Ana")
                .param("idempotencyKey", "3f2b3c1e-1111-4222-8333-944445555666"))
        .andExpect(redirectedUrl("/physician/referrals/" + id));
    assertThat(STUB.seen().get(0).body()).contains("\"givenName\":\"Ana\"");

    STUB.answer(
        "GET",
        "/api/referrals/" + id,
        200,
        """
        {"id":"%s","status":"UNDER_REVIEW","submittedAt":"2026-11-20T17:00:00Z",
         "details":{"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","sex":"FEMALE",
           "language":"en","smsConsent":false},"physician":{"name":"Dr. Sam Lee","npi":"1234567893","practice":"Bayview",
           "email":"lee@bayview.example"},"condition":"ACHILLES_TENDON_INJURY","side":"LEFT","conservativeCare":[],
           "healthFactors":["DIABETES"],"priorSurgery":false,"preferredCellSource":"BONE_MARROW",
           "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true},
         "timeline":[{"status":"SUBMITTED","at":"2026-11-20T17:00:00Z","note":null},
                     {"status":"UNDER_REVIEW","at":"2026-11-20T17:00:02Z","note":null}]}
        """
            .formatted(id));
    Document page =
        Jsoup.parse(
            mvc.perform(get("/physician/referrals/" + id).session(physician()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(page.select("#timeline li").eachAttr("data-status"))
        .containsExactly("SUBMITTED", "UNDER_REVIEW");
    assertThat(page.getElementById("referral-status").text()).isEqualTo("Under review");
    assertThat(page.text()).contains("Ana Rivera", "Achilles tendon injury", "Diabetes");
  }

  @Test
  void thePhysiciansListNamesEachPatientAsTheLinkToTheirReferral() throws Exception {
    String id = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
    String unnamed = "9d1c2b3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
    STUB.answer(
        "GET",
        "/api/referrals",
        200,
        """
        {"items":[{"id":"%s","status":"UNDER_REVIEW","condition":"ACHILLES_TENDON_INJURY","side":"LEFT",
                   "submittedAt":"2026-11-20T17:00:00Z","updatedAt":"2026-11-20T17:00:02Z","patientName":"Ana Rivera"},
                  {"id":"%s","status":"SUBMITTED","condition":"ANKLE_OSTEOARTHRITIS","side":"RIGHT",
                   "submittedAt":"2026-11-19T17:00:00Z","updatedAt":"2026-11-19T17:00:00Z"}],
         "page":0,"size":20,"total":2}
        """
            .formatted(id, unnamed));

    Document page =
        Jsoup.parse(
            mvc.perform(get("/physician/referrals").session(physician()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(page.select("#referrals thead th").first().text()).isEqualTo("Patient");
    Element named = page.selectFirst("#referrals tr[data-referral-id=" + id + "] > :first-child");
    assertThat(named.tagName()).isEqualTo("th");
    assertThat(named.attr("scope")).isEqualTo("row");
    assertThat(named.select("a").text()).isEqualTo("Ana Rivera");
    assertThat(named.select("a").attr("href")).isEqualTo("/physician/referrals/" + id);
    // A referral-service that gives no name yet: the link stays, named by the referral's short id.
    assertThat(page.select("#referrals tr[data-referral-id=" + unnamed + "] > th a").text())
        .isEqualTo("Referral 9d1c2b3a");
    assertThat(page.select("#referrals a[href^=/physician/referrals/]")).hasSize(2);
    assertThat(STUB.seen())
        .extracting(StubServices.Seen::query)
        .allSatisfy(query -> assertThat(String.valueOf(query)).doesNotContain("Ana", "Rivera"));
  }

  @Test
  void theSpanishReviewQueueNamesEachPatientAsTheLinkToTheReviewAndTranslatesTheFindings()
      throws Exception {
    String review = "5f0e8a2c-1b3d-4e5f-8a9b-0c1d2e3f4a5b";
    String referral = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
    STUB.answer(
        "GET",
        "/api/reviews",
        200,
        """
        [{"id":"%s","referralId":"%s","state":"OPEN","recommendation":"NOT_ELIGIBLE",
          "findings":[{"code":"CONSERVATIVE_CARE_NOT_EXHAUSTED","level":"NOT_ELIGIBLE","sentence":"Conservative care..."},
                      {"code":"DIABETES","level":null,"sentence":"The patient reports diabetes; outcomes vary."}],
          "openedAt":"2026-11-20T17:00:02Z","decidedAt":null,"patientName":"Ana Rivera"}]
        """
            .formatted(review, referral));

    Document page =
        Jsoup.parse(
            mvc.perform(
                    get("/reviewer/reviews")
                        .header("Accept-Language", "es")
                        .session(TestSignIn.session("t", "reviewer-1", null, "REVIEWER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(page.select("#queue thead th").first().text()).isEqualTo("Paciente");
    Element row = page.selectFirst("#queue tr[data-referral-id=" + referral + "]");
    assertThat(row.child(0).tagName()).isEqualTo("th");
    assertThat(row.child(0).select("a").text()).isEqualTo("Ana Rivera");
    assertThat(row.child(0).select("a").attr("href")).isEqualTo("/reviewer/reviews/" + review);
    assertThat(row.select("span[data-code]").eachText())
        .containsExactly("Tratamiento conservador no agotado;", "Diabetes");
  }

  @Test
  void theSpanishTimelineTranslatesTheServicesOwnNotesAndKeepsTheReviewersWords() throws Exception {
    String id = "0b7e2f3a-5a44-4c1e-9b1a-0d6c1e2f3a4b";
    STUB.answer(
        "GET",
        "/api/referrals/" + id,
        200,
        """
        {"id":"%s","status":"SCHEDULED","submittedAt":"2026-11-20T17:00:00Z",
         "details":{"patient":{"givenName":"Ana","familyName":"Rivera","dateOfBirth":"1971-03-14","sex":"FEMALE",
           "language":"es","smsConsent":false},"physician":{"name":"Dr. Sam Lee","npi":"1234567893","practice":"Bayview",
           "email":"lee@bayview.example"},
           "condition":"ACHILLES_TENDON_INJURY","side":"LEFT","conservativeCare":[],"healthFactors":[],
           "priorSurgery":false,"preferredCellSource":"BONE_MARROW","expectedCoverage":"NONE_EXPECTED",
           "selfPayAcknowledged":true},
         "timeline":[{"status":"SUBMITTED","at":"2026-11-20T17:00:00Z","note":null},
                     {"status":"UNDER_REVIEW","at":"2026-11-20T17:00:02Z","note":"Pre-screen: NEEDS_CLINICIAN_REVIEW"},
                     {"status":"INFO_REQUESTED","at":"2026-11-21T17:00:00Z","note":"The MRI report of the last 6 months"},
                     {"status":"INFO_REQUESTED","at":"2026-11-22T17:00:00Z","note":"Amended by the referring physician"},
                     {"status":"APPROVED","at":"2026-11-23T17:00:00Z","note":"Approved for BONE_MARROW"},
                     {"status":"SCHEDULED","at":"2026-11-23T17:00:05Z","note":"Procedure booked"}]}
        """
            .formatted(id));

    Document page =
        Jsoup.parse(
            mvc.perform(
                    get("/physician/referrals/" + id)
                        .session(physician())
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

    assertThat(page.select("#timeline .note").eachText())
        .containsExactly(
            "Preselección: Requiere revisión clínica",
            "The MRI report of the last 6 months",
            "Modificada por el médico remitente",
            "Fuente celular: Médula ósea (cadera)",
            "Procedimiento reservado");
  }

  @Test
  void theReferralFormHasOneLabelledControlPerFieldOfTheReferral() throws Exception {
    Document page =
        Jsoup.parse(
            mvc.perform(get("/physician/referrals/new").session(physician()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());

    // 1 SMS consent, 8 health factors, prior surgery, self-pay, 7 weekdays, 2 times of day: no
    // stray controls.
    assertThat(page.select("input[type=checkbox]")).hasSize(20);
    for (Element control : page.select("input:not([type=hidden]), select, textarea")) {
      assertThat(page.select("label[for='" + control.id() + "']")).as(control.id()).hasSize(1);
      assertThat(page.select("[id='" + control.id() + "']")).as(control.id()).hasSize(1);
    }
    for (String field :
        List.of(
            "patient.givenName",
            "patient.familyName",
            "patient.dateOfBirth",
            "patient.sex",
            "patient.mobilePhone",
            "patient.email",
            "patient.language",
            "patient.preferredChannel",
            "patient.timeZone",
            "physician.name",
            "physician.npi",
            "physician.practice",
            "physician.phone",
            "physician.email",
            "condition",
            "side",
            "icd10Code",
            "symptomOnset",
            "kellgrenLawrenceGrade",
            "fractureDate",
            "conservativeCare0.modality",
            "conservativeCare0.startDate",
            "conservativeCare0.endDate",
            "conservativeCare0.result",
            "lastCorticosteroidInjection",
            "priorSurgeryNote",
            "preferredCellSource",
            "expectedCoverage")) {
      assertThat(page.getElementById(field)).as(field).isNotNull();
    }
    assertThat(page.getElementById("physician.npi").val()).isEqualTo(NPI);
    assertThat(page.select("a.skip-link[href='#main']")).hasSize(1);
  }

  @Test
  void anExpiredTokenEndsTheSessionAndAsksToSignInAgain() throws Exception {
    STUB.answer("GET", "/api/referrals", 401, "{\"status\":401,\"title\":\"Unauthorized\"}");
    MockHttpSession session = physician();
    mvc.perform(get("/physician/referrals").session(session))
        .andExpect(redirectedUrl("/signin?expired"));
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void pagesAreInSpanishForASpanishBrowserAndTheSwitcherChangesTheLanguage() throws Exception {
    STUB.answer("GET", "/api/reviews", 200, "[]");
    MockHttpSession reviewer = TestSignIn.session("t", "reviewer-1", null, "REVIEWER");
    String spanish =
        mvc.perform(
                get("/reviewer/reviews")
                    .session(reviewer)
                    .header("Accept-Language", "es-MX,es;q=0.9"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(Jsoup.parse(spanish).select("h1").text()).isEqualTo("Revisiones abiertas");
    assertThat(Jsoup.parse(spanish).select("html").attr("lang")).isEqualTo("es");
    String english =
        mvc.perform(
                get("/reviewer/reviews")
                    .session(reviewer)
                    .param("lang", "en")
                    .header("Accept-Language", "es"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(Jsoup.parse(english).select("h1").text()).isEqualTo("Open reviews");
    String french =
        mvc.perform(get("/reviewer/reviews").session(reviewer).header("Accept-Language", "fr"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(Jsoup.parse(french).select("html").attr("lang")).isEqualTo("en");
  }

  @Test
  void theSpanishPageTranslatesTheServicesWellKnownFieldMessages() throws Exception {
    STUB.answer(
        "POST",
        "/api/referrals",
        400,
        """
        {"status":400,"title":"Invalid request","errors":[{"field":"patient.givenName","message":"must not be blank"}]}
        """);
    String page =
        mvc.perform(
                post("/physician/referrals")
                    .session(physician())
                    .with(csrf())
                    .header("Accept-Language", "es"))
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(Jsoup.parse(page).getElementById("error-patient-givenName").text())
        .contains("no puede estar vacío");
  }

  @Test
  void theDevelopmentSignInKeepsTheIssuersTokenInTheSessionOnly() throws Exception {
    MvcResult signedIn =
        mvc.perform(
                post("/signin")
                    .with(csrf())
                    .param("role", "PHYSICIAN")
                    .param("name", "Dr. Sam Lee")
                    .param("npi", NPI))
            .andExpect(redirectedUrl("/physician/referrals"))
            .andReturn();
    assertThat(STUB.seen()).anySatisfy(call -> assertThat(call.path()).isEqualTo("/token"));
    MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);

    STUB.answer("GET", "/api/referrals", 200, "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");
    String page =
        mvc.perform(get("/physician/referrals").session(session))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    StubServices.Seen call =
        STUB.seen().stream()
            .filter(seen -> seen.path().equals("/api/referrals"))
            .findFirst()
            .orElseThrow();
    assertThat(call.authorization()).startsWith("Bearer ey");
    assertThat(page).contains("Dr. Sam Lee").doesNotContain(call.authorization().substring(7));
  }

  @Test
  void signingOutEndsTheSessionAndShowsTheSignInPage() throws Exception {
    MockHttpSession session = physician();
    mvc.perform(post("/signout").with(csrf()).session(session))
        .andExpect(redirectedUrl("/signin?signedOut"));
    assertThat(session.isInvalid()).isTrue();
  }

  @Test
  void aPhysicianSignInWithoutAValidNpiIsRefusedOnThePage() throws Exception {
    String page =
        mvc.perform(post("/signin").with(csrf()).param("role", "PHYSICIAN").param("npi", "12"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(Jsoup.parse(page).getElementById("error-npi").text()).contains("10-digit NPI");
    assertThat(STUB.seen()).isEmpty();
  }

  @Test
  void aDurationThatIsNoWholeNumberIsSentAsTypedAndTheServicesWrongTypeMessageAppearsNextToIt()
      throws Exception {
    STUB.answer(
        "POST",
        "/api/slots",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "detail":"Invalid field(s): durationMinutes",
         "errors":[{"field":"durationMinutes","message":"has the wrong type or format"}]}
        """);
    STUB.answer("GET", "/api/clinicians", 200, "[]");
    STUB.answer("GET", "/api/sites", 200, "[]");
    String html =
        mvc.perform(
                post("/scheduler/slots")
                    .with(csrf())
                    .session(TestSignIn.session("t", "s", null, "SCHEDULER"))
                    .header("Accept-Language", "es")
                    .param("kind", "HARVEST")
                    .param("date", "2026-12-07")
                    .param("startTime", "09:00")
                    .param("durationMinutes", "45.5"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    Document page = Jsoup.parse(html);

    Element duration = page.getElementById("one.durationMinutes");
    assertThat(duration.val()).isEqualTo("45.5");
    assertThat(duration.attr("aria-invalid")).isEqualTo("true");
    assertThat(duration.attr("aria-describedby")).contains("error-one-durationMinutes");
    assertThat(page.getElementById("error-one-durationMinutes").text())
        .isEqualTo("tiene un tipo o formato incorrecto");
    assertThat(STUB.seen())
        .filteredOn(call -> call.path().equals("/api/slots"))
        .singleElement()
        .extracting(StubServices.Seen::body)
        .asString()
        .contains("\"durationMinutes\":\"45.5\"");
  }

  @Test
  void aBlockedSlotComesBackAsAFragmentForHtmx() throws Exception {
    String slot = "5a0d3a47-2f3e-4a55-9d5d-6c1f0f8e7a11";
    String clinician = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    STUB.answer(
        "POST",
        "/api/slots/" + slot + "/block",
        200,
        """
        {"id":"%s","clinicianId":"%s","roomId":"%s","siteId":"%s","kind":"HARVEST","date":"2026-12-07",
         "startTime":"09:00","endTime":"09:45","timeZone":"America/Los_Angeles","startsAt":"2026-12-07T17:00:00Z",
         "endsAt":"2026-12-07T17:45:00Z","durationMinutes":45,"status":"BLOCKED","referralId":null,"pairId":null}
        """
            .formatted(slot, clinician, clinician, clinician));
    STUB.answer(
        "GET",
        "/api/clinicians",
        200,
        "[{\"id\":\"" + clinician + "\",\"name\":\"Dr. Maya Patel\"}]");
    STUB.answer("GET", "/api/sites", 200, "[]");
    String fragment =
        mvc.perform(
                post("/scheduler/slots/" + slot + "/block")
                    .with(csrf())
                    .session(TestSignIn.session("t", "s", null, "SCHEDULER"))
                    .header("HX-Request", "true")
                    .param("week", "2026-12-07")
                    .param("show", "clinician:" + clinician))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    Element li = Jsoup.parseBodyFragment(fragment).selectFirst("li.slot");
    assertThat(li.attr("data-status")).isEqualTo("BLOCKED");
    assertThat(li.select("button").text()).isEqualTo("Free");
    assertThat(fragment).doesNotContain("<html");
    assertThat(List.of(fragment)).noneMatch(text -> text.contains("<header"));
  }
}

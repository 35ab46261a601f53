package org.cellpath.console.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.common.KeyValue;
import org.cellpath.console.StubServices;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The patient's link pages against a stub scheduling-service: the page in the patient's language
 * with the preparation, the switch, the headers that keep the address (it holds the token) out of
 * caches, Referers and search engines, confirm and cancel (with its "are you sure?" step) through
 * the API with the token in the {@code Patient-Link} header and no bearer token, CSRF on the forms,
 * and the kind pages for a link that opens nothing, in both languages, never logging the token.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PatientPagesWebTest {

  static final StubServices STUB = StubServices.start();
  static final String TOKEN =
      "AQxZtoken-for_tests0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab";
  static final String API = "/api/self-service/appointments";
  static final String OFFER = "/api/self-service/offer";

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
  @Autowired ServerRequestObservationConvention spans;

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @BeforeEach
  void reset() {
    STUB.reset();
  }

  static String page(String language, String status, boolean confirmed, boolean changeable) {
    return """
        {"status":"%s","confirmed":%s,"sequence":0,
         "appointments":[
          {"kind":"HARVEST","status":"%s","startsAt":"2026-03-10T16:00:00Z","endsAt":"2026-03-10T16:45:00Z",
           "timeZone":"America/Los_Angeles","clinicianName":"Dr Okafor","siteName":"Harbor Clinic",
           "siteAddress":"1 Pier St, Los Angeles, CA","roomName":"Procedure room"},
          {"kind":"INJECTION","status":"%s","startsAt":"2026-03-10T17:15:00Z","endsAt":"2026-03-10T17:45:00Z",
           "timeZone":"America/Los_Angeles","clinicianName":"Dr Okafor","siteName":"Harbor Clinic",
           "siteAddress":"1 Pier St, Los Angeles, CA","roomName":"Injection room"}],
         "patient":{"givenName":"Ana","language":"%s"},
         "canConfirm":%s,"canReschedule":%s,"canCancel":%s}
        """
        .formatted(status, confirmed, status, status, language, changeable, changeable, changeable);
  }

  private MockHttpServletResponse open(String path, String... acceptLanguage) throws Exception {
    var request = get(path);
    if (acceptLanguage.length > 0) {
      request.header("Accept-Language", acceptLanguage[0]);
    }
    return mvc.perform(request).andReturn().getResponse();
  }

  @Test
  void thePageShowsTheAppointmentsAndPreparationInThePatientsLanguageBehindSafeHeaders()
      throws Exception {
    STUB.answer("GET", API, 200, page("es", "BOOKED", false, true));

    MockHttpServletResponse response = open("/p/" + TOKEN, "en-US");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).contains("no-store");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("X-Robots-Tag")).contains("noindex");
    Document html = Jsoup.parse(response.getContentAsString());
    assertThat(html.select("html").attr("lang")).as("the patient's language").isEqualTo("es");
    assertThat(html.select("h1").text()).isEqualTo("Hola, Ana");
    assertThat(html.select(".appointment h3").eachText())
        .containsExactly("Cita de extracción", "Cita de inyección");
    assertThat(html.select(".appointment .when").first().text())
        .isEqualTo("Martes 10 de marzo de 2026 9:00 – 9:45");
    assertThat(html.select(".preparation .nsaids").text())
        .isEqualTo(
            "Deje de tomar analgésicos antiinflamatorios (AINE, como ibuprofeno o naproxeno) 7 días"
                + " antes de su cita, a partir del martes 3 de marzo de 2026.");
    assertThat(html.select(".patient-call a.phone").attr("href")).isEqualTo("tel:+15550100100");
    assertThat(html.select("form[action*=/confirm] input[name=_csrf]")).hasSize(1);
    assertThat(STUB.seen())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.patientLink()).isEqualTo(TOKEN);
              assertThat(call.authorization()).isNull();
              assertThat(call.path()).isEqualTo(API).doesNotContain(TOKEN);
            });

    Document english = Jsoup.parse(open("/p/" + TOKEN + "?lang=en", "es").getContentAsString());
    assertThat(english.select("html").attr("lang")).isEqualTo("en");
    assertThat(english.select("h1").text()).isEqualTo("Hello, Ana");
    assertThat(english.select(".appointment .when").first().text())
        .isEqualTo("Tuesday, March 10, 2026 9:00 AM – 9:45 AM");
    assertThat(english.select(".preparation .nsaids").text())
        .isEqualTo(
            "Stop anti-inflammatory pain relievers (NSAIDs such as ibuprofen or naproxen) 7 days"
                + " before your appointment, starting Tuesday, March 3, 2026.");
    assertThat(english.select("a[hreflang=es]").attr("href")).isEqualTo("/p/" + TOKEN + "?lang=es");
  }

  @Test
  void confirmingNeedsTheFormsCsrfTokenAndComesBackWithANotice() throws Exception {
    STUB.answer("POST", API + "/confirmation", 200, page("en", "BOOKED", true, true));
    STUB.answer("GET", API, 200, page("en", "BOOKED", true, true));

    assertThat(mvc.perform(post("/p/" + TOKEN + "/confirm")).andReturn().getResponse().getStatus())
        .isEqualTo(403);
    assertThat(STUB.seen()).isEmpty();

    var result =
        mvc.perform(post("/p/" + TOKEN + "/confirm").param("lang", "en").with(csrf())).andReturn();
    assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/p/" + TOKEN + "?lang=en");
    assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
    assertThat(STUB.seen())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.method()).isEqualTo("POST");
              assertThat(call.path()).isEqualTo(API + "/confirmation");
              assertThat(call.patientLink()).isEqualTo(TOKEN);
            });

    Document after =
        Jsoup.parse(
            mvc.perform(get("/p/" + TOKEN).flashAttr("notice", "confirmed"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(after.select(".notice").text())
        .isEqualTo("Thank you. We have noted that you will come.");
    assertThat(after.select(".state").text())
        .isEqualTo("Thank you: you confirmed that you will come.");
    assertThat(after.select("form[action*=/confirm]")).isEmpty();
  }

  @Test
  void cancellingAsksAreYouSureBeforeItCancelsWithTheReason() throws Exception {
    STUB.answer("GET", API, 200, page("en", "BOOKED", false, true));
    STUB.answer("POST", API + "/cancellation", 200, page("en", "CANCELLED", false, false));

    Document form = Jsoup.parse(open("/p/" + TOKEN + "/cancel").getContentAsString());
    assertThat(form.select("input[name=reason]").eachAttr("value"))
        .containsExactly(
            "SCHEDULE_CONFLICT", "FEELING_BETTER", "TRAVEL_OR_TRANSPORT", "COST", "OTHER");

    Document sure =
        Jsoup.parse(
            mvc.perform(
                    post("/p/" + TOKEN + "/cancel")
                        .param("reason", "COST")
                        .param("note", "Too far")
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(sure.select("h1").text()).isEqualTo("Are you sure?");
    assertThat(sure.select("input[name=sure]").attr("value")).isEqualTo("yes");
    assertThat(STUB.seen()).noneMatch(call -> call.method().equals("POST"));

    var done =
        mvc.perform(
                post("/p/" + TOKEN + "/cancel")
                    .param("reason", "COST")
                    .param("note", "Too far")
                    .param("sure", "yes")
                    .with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(done.getRedirectedUrl()).isEqualTo("/p/" + TOKEN);
    assertThat(STUB.seen())
        .filteredOn(call -> call.method().equals("POST"))
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.path()).isEqualTo(API + "/cancellation");
              assertThat(call.body()).contains("\"reason\":\"COST\"").contains("Too far");
              assertThat(call.patientLink()).isEqualTo(TOKEN);
            });
  }

  static String offer(String language, String state, boolean canAnswer) {
    return """
        {"state":"%s","holdUntil":"2026-03-02T22:30:00Z",
         "appointments":[
          {"kind":"HARVEST","status":"BOOKED","startsAt":"2026-03-10T16:00:00Z","endsAt":"2026-03-10T16:45:00Z",
           "timeZone":"America/Los_Angeles","clinicianName":"Dr Okafor","siteName":"Harbor Clinic",
           "siteAddress":"1 Pier St, Los Angeles, CA","roomName":"Procedure room"},
          {"kind":"INJECTION","status":"BOOKED","startsAt":"2026-03-10T17:15:00Z","endsAt":"2026-03-10T17:45:00Z",
           "timeZone":"America/Los_Angeles","clinicianName":"Dr Okafor","siteName":"Harbor Clinic",
           "siteAddress":"1 Pier St, Los Angeles, CA","roomName":"Injection room"}],
         "patient":{"givenName":"Ana","language":"%s"},"canAnswer":%s,"at":"2026-03-02T20:00:00Z"}
        """
        .formatted(state, language, canAnswer);
  }

  @Test
  void anOffersLinkOpensTheOfferWithItsHoldAndAcceptOrDeclineAfterAreYouSure() throws Exception {
    STUB.answer("GET", OFFER, 200, offer("es", "OPEN", true));
    STUB.answer("POST", OFFER + "/acceptance", 200, offer("es", "ACCEPTED", false));
    STUB.answer("POST", OFFER + "/decline", 200, offer("es", "DECLINED", false));

    MockHttpServletResponse response = open("/p/" + TOKEN, "en-US");
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader("Cache-Control")).contains("no-store");
    Document html = Jsoup.parse(response.getContentAsString());
    assertThat(html.select("html").attr("lang")).isEqualTo("es");
    assertThat(html.select("h1").text()).isEqualTo("Hola, Ana");
    assertThat(html.select(".hold").text())
        .isEqualTo(
            "Reservadas para usted hasta el lunes 2 de marzo de 2026, 14:30. Después pasarán a la"
                + " siguiente persona de la lista de espera.");
    assertThat(html.select(".appointment .when").first().text())
        .isEqualTo("Martes 10 de marzo de 2026 9:00 – 9:45");
    assertThat(html.select("form[action*=/offer/accept] input[name=_csrf]")).hasSize(1);
    assertThat(html.select("form[action*=/offer/decline] button").text()).isEqualTo("Rechazar");
    assertThat(STUB.seen())
        .extracting(StubServices.Seen::path)
        .as("the appointments first, then the offer; never the token in a path")
        .containsExactly(API, OFFER);

    Document sure =
        Jsoup.parse(
            mvc.perform(post("/p/" + TOKEN + "/offer/decline").with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(sure.select("h1").text()).isEqualTo("¿Está seguro?");
    assertThat(sure.select("input[name=sure]").attr("value")).isEqualTo("yes");
    assertThat(STUB.seen()).noneMatch(call -> call.method().equals("POST"));

    var declined =
        mvc.perform(post("/p/" + TOKEN + "/offer/decline").param("sure", "yes").with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(declined.getRedirectedUrl()).isEqualTo("/p/" + TOKEN);
    var accepted =
        mvc.perform(post("/p/" + TOKEN + "/offer/accept").param("lang", "en").with(csrf()))
            .andReturn()
            .getResponse();
    assertThat(accepted.getRedirectedUrl()).isEqualTo("/p/" + TOKEN + "?lang=en");
    assertThat(
            mvc.perform(post("/p/" + TOKEN + "/offer/accept"))
                .andReturn()
                .getResponse()
                .getStatus())
        .as("no CSRF token")
        .isEqualTo(403);
    assertThat(STUB.seen())
        .filteredOn(call -> call.method().equals("POST"))
        .extracting(StubServices.Seen::path)
        .containsExactly(OFFER + "/decline", OFFER + "/acceptance");
    assertThat(STUB.seen())
        .allSatisfy(
            call -> {
              assertThat(call.patientLink()).isEqualTo(TOKEN);
              assertThat(call.authorization()).isNull();
            });
  }

  @Test
  void anEndedOfferSaysThePatientKeepsTheirPlaceWithTheClinicsPhone() throws Exception {
    STUB.answer("GET", OFFER, 200, offer("en", "EXPIRED", false));

    Document html = Jsoup.parse(open("/p/" + TOKEN).getContentAsString());

    assertThat(html.select("h2.ended").text()).isEqualTo("This offer has ended");
    assertThat(html.select("main").text()).contains("You keep your place on the waiting list");
    assertThat(html.select("main a.phone").text()).contains("+1 555 010 0100");
    assertThat(html.select("a.phone")).as("one way to call, not two").hasSize(1);
    assertThat(html.select("form")).isEmpty();
    assertThat(html.select(".appointment")).isEmpty();

    STUB.answer("GET", OFFER, 200, offer("es", "DECLINED", false));
    Document declined = Jsoup.parse(open("/p/" + TOKEN).getContentAsString());
    assertThat(declined.select(".state").text())
        .isEqualTo("Le escribiremos de nuevo cuando se liberen otras citas para usted.");
    assertThat(declined.select(".appointment"))
        .as("declined times are not shown as offered")
        .isEmpty();

    STUB.answer("GET", OFFER, 200, offer("en", "ACCEPTED", false));
    Document accepted =
        Jsoup.parse(
            mvc.perform(get("/p/" + TOKEN).flashAttr("notice", "offerAccepted"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    assertThat(accepted.select(".notice").text())
        .isEqualTo("Thank you. Your appointments are booked.");
    assertThat(accepted.select(".state").text())
        .isEqualTo("These appointments are booked for you.");
    assertThat(accepted.select("form")).isEmpty();
  }

  @Test
  void aLinkThatOpensNothingGetsAKindPageWithThePhoneInTheBrowsersLanguage(CapturedOutput output)
      throws Exception {
    STUB.answer(
        "GET",
        API,
        404,
        "{\"status\":404,\"type\":\"https://cellpath.org/problems/link-invalid\",\"title\":\"Link not valid\"}");
    MockHttpServletResponse invalid = open("/p/" + TOKEN, "en");
    assertThat(invalid.getStatus()).isEqualTo(404);
    assertThat(invalid.getHeader("Cache-Control")).contains("no-store");
    Document english = Jsoup.parse(invalid.getContentAsString());
    assertThat(english.select("h1").text()).isEqualTo("This link does not work");
    assertThat(english.select("a.phone").text()).contains("+1 555 010 0100");
    Document spanish = Jsoup.parse(open("/p/" + TOKEN, "es-MX").getContentAsString());
    assertThat(spanish.select("h1").text()).isEqualTo("Este enlace no funciona");

    STUB.answer(
        "GET",
        API,
        410,
        "{\"status\":410,\"type\":\"https://cellpath.org/problems/link-expired\",\"title\":\"Link expired\"}");
    MockHttpServletResponse expired = open("/p/" + TOKEN + "?lang=es");
    assertThat(expired.getStatus()).isEqualTo(410);
    assertThat(Jsoup.parse(expired.getContentAsString()).select("h1").text())
        .isEqualTo("Este enlace venció");
    assertThat(Jsoup.parse(open("/p/" + TOKEN, "en").getContentAsString()).select("h1").text())
        .isEqualTo("This link has expired");

    STUB.reset();
    MockHttpServletResponse malformed = open("/p/tooShort", "en");
    assertThat(malformed.getStatus()).isEqualTo(404);
    assertThat(STUB.seen()).as("a malformed link is never sent on").isEmpty();

    STUB.answer("GET", API, 500, "{\"status\":500}");
    MockHttpServletResponse failed = open("/p/" + TOKEN, "en");
    assertThat(failed.getStatus()).isEqualTo(502);
    assertThat(Jsoup.parse(failed.getContentAsString()).select("h1").text())
        .isEqualTo("We cannot show your appointments right now");
    assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 30));

    var span =
        new ServerRequestObservationContext(
            new MockHttpServletRequest("GET", "/p/" + TOKEN), new MockHttpServletResponse());
    assertThat(spans.getHighCardinalityKeyValues(span).stream().map(KeyValue::getValue))
        .as("the request span's address")
        .contains("/p/{token}")
        .noneMatch(value -> value.contains(TOKEN));
  }

  /**
   * The questionnaire's pages, {@code /q/<token>}, against a stub referral-service: one part per
   * page, each Next saving exactly that page's answers, the link resuming where nothing is answered
   * yet, the last page and the thank-you, the closed page, in both languages, behind the same
   * headers, never logging the token. In this class to share its Spring context.
   */
  @Nested
  class TheQuestionnaire {

    static final String SURVEY = SurveyFixtures.SURVEY;

    @Test
    void theLinkOpensTheFirstPartWithItsItemsBehindSafeHeadersAndNeverNamesWhatIsNotOffered()
        throws Exception {
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("en"));

      MockHttpServletResponse response = open("/q/" + TOKEN, "es");

      assertThat(response.getStatus()).isEqualTo(200);
      assertThat(response.getHeader("Cache-Control")).contains("no-store");
      assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.getHeader("X-Robots-Tag")).contains("noindex");
      Document html = Jsoup.parse(response.getContentAsString());
      assertThat(html.select("html").attr("lang")).as("the patient's language").isEqualTo("en");
      assertThat(html.select(".progress-line span").text()).isEqualTo("Part 1 of 3");
      assertThat(html.select("h1").text()).isEqualTo("Pain in the last week");
      assertThat(html.select(".intro").first().text()).startsWith("Hello, Ana.");
      assertThat(html.select("fieldset.question legend").eachText())
          .containsExactly("Your worst pain in the last week");
      assertThat(html.select("fieldset.scale input[type=radio]").eachAttr("value"))
          .as("the NRS as 0-10 buttons")
          .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      assertThat(html.select("fieldset.scale input").eachAttr("name"))
          .containsOnly("PAIN_NRS.PAIN");
      assertThat(html.select(".ends span").eachText())
          .containsExactly("0 = No pain", "10 = Worst possible pain");
      assertThat(html.select("form").attr("action")).isEqualTo("/q/" + TOKEN + "/part/1?lang=en");
      assertThat(html.select("form input[name=_csrf]")).hasSize(1);
      assertThat(html.select("button[value=back]")).as("no Back on the first part").isEmpty();
      assertThat(html.select(".wording-notice")).as("English questions, English page").isEmpty();
      assertThat(html.text()).doesNotContain("VISA");
      assertThat(html.select("a[hreflang=es]").attr("href"))
          .as("the switch stays on the part shown")
          .isEqualTo("/q/" + TOKEN + "/part/1?lang=es");
      assertThat(STUB.seen())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.path()).isEqualTo(SURVEY);
                assertThat(call.patientLink()).isEqualTo(TOKEN);
                assertThat(call.authorization()).isNull();
              });

      Document faos = Jsoup.parse(open("/q/" + TOKEN + "/part/2").getContentAsString());
      assertThat(faos.select(".progress-line span").text()).isEqualTo("Part 2 of 3");
      assertThat(faos.select("h2").text()).isEqualTo("Symptoms");
      assertThat(faos.select(".instructions").text())
          .as("the instrument's first section carries its instructions")
          .isEqualTo("This survey asks for your view about your foot/ankle.");
      assertThat(faos.select("fieldset.question legend").eachText())
          .containsExactly(
              "Do you have swelling in your foot/ankle?",
              "Do you feel grinding when your foot/ankle moves?");
      assertThat(faos.select("fieldset#FAOS-S1 label.choice").eachText())
          .containsExactly("Never", "Rarely", "Sometimes", "Often", "Always");
      assertThat(faos.select("button[value=back]")).hasSize(1);
      assertThat(open("/q/" + TOKEN + "/part/8").getRedirectedUrl())
          .as("a part the questionnaire does not have")
          .isEqualTo("/q/" + TOKEN);
    }

    @Test
    void nextSendsExactlyThePagesAnswersAndMovesOnBackAndToTheLastPage() throws Exception {
      STUB.answer(
          "PUT", SURVEY + "/answers", 200, SurveyFixtures.open("en", 6, 2, null, null, null));

      assertThat(
              mvc.perform(post("/q/" + TOKEN + "/part/2").param("FAOS.S1", "2"))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .as("no CSRF token")
          .isEqualTo(403);
      assertThat(STUB.seen()).isEmpty();

      var next =
          mvc.perform(
                  post("/q/" + TOKEN + "/part/2")
                      .param("FAOS.S1", "2")
                      .param("FAOS.S2", "")
                      .param("move", "next")
                      .param("lang", "es")
                      .with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(next.getRedirectedUrl()).isEqualTo("/q/" + TOKEN + "/part/3?lang=es");
      assertThat(next.getHeader("Cache-Control")).contains("no-store");
      assertThat(STUB.seen())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.method()).isEqualTo("PUT");
                assertThat(call.path()).isEqualTo(SURVEY + "/answers");
                assertThat(call.body())
                    .as("the page's one chosen answer: S2 left blank clears nothing")
                    .isEqualTo("{\"answers\":{\"FAOS\":{\"S1\":2}}}");
                assertThat(call.patientLink()).isEqualTo(TOKEN);
                assertThat(call.authorization()).isNull();
              });

      STUB.reset();
      STUB.answer("PUT", SURVEY + "/answers", 200, SurveyFixtures.open("en", 6, 2, 1, 3, 4));
      var last =
          mvc.perform(
                  post("/q/" + TOKEN + "/part/3")
                      .param("FAOS.P1", "3")
                      .param("FAOS.P2", "4")
                      .param("move", "next")
                      .with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(last.getRedirectedUrl()).isEqualTo("/q/" + TOKEN + "/review");
      assertThat(STUB.seen())
          .singleElement()
          .extracting(StubServices.Seen::body)
          .isEqualTo("{\"answers\":{\"FAOS\":{\"P1\":3,\"P2\":4}}}");
      var back =
          mvc.perform(
                  post("/q/" + TOKEN + "/part/3")
                      .param("FAOS.P1", "3")
                      .param("move", "back")
                      .with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(back.getRedirectedUrl()).isEqualTo("/q/" + TOKEN + "/part/2");

      STUB.reset();
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("en"));
      var nothingChosen =
          mvc.perform(post("/q/" + TOKEN + "/part/1").param("move", "next").with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(nothingChosen.getRedirectedUrl()).isEqualTo("/q/" + TOKEN + "/part/2");
      assertThat(STUB.seen())
          .as("nothing chosen, nothing saved")
          .noneMatch(call -> call.method().equals("PUT"));
    }

    @Test
    void aScoreThatIsNoOptionIsPointedAtNextToItsItemAndNothingIsSaved() throws Exception {
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("en"));

      Document forged =
          Jsoup.parse(
              mvc.perform(
                      post("/q/" + TOKEN + "/part/2")
                          .param("FAOS.S1", "two")
                          .param("FAOS.S2", "1")
                          .with(csrf()))
                  .andReturn()
                  .getResponse()
                  .getContentAsString());
      assertThat(forged.select("fieldset#FAOS-S1 .field-error").text())
          .isEqualTo("Please choose one of the answers shown.");
      assertThat(forged.select("fieldset#FAOS-S2 .field-error")).isEmpty();
      assertThat(forged.select("fieldset#FAOS-S2 input[checked]").attr("value"))
          .as("the other choice kept")
          .isEqualTo("1");
      assertThat(STUB.seen()).noneMatch(call -> call.method().equals("PUT"));

      STUB.answer(
          "PUT",
          SURVEY + "/answers",
          400,
          "{\"status\":400,\"title\":\"Bad request\",\"errors\":[{\"field\":\"answers.FAOS.S2\","
              + "\"message\":\"is not one of the item's options\"}]}");
      Document refused =
          Jsoup.parse(
              mvc.perform(
                      post("/q/" + TOKEN + "/part/2")
                          .param("FAOS.S1", "0")
                          .param("FAOS.S2", "7")
                          .param("lang", "es")
                          .with(csrf()))
                  .andReturn()
                  .getResponse()
                  .getContentAsString());
      assertThat(refused.select("fieldset#FAOS-S2 .field-error").text())
          .isEqualTo("Elija una de las respuestas que se muestran.");
      assertThat(refused.select("fieldset#FAOS-S2").attr("aria-describedby"))
          .isEqualTo("err-FAOS-S2");
      assertThat(refused.select("fieldset#FAOS-S1 .field-error")).isEmpty();
      assertThat(refused.select(".alert").text()).startsWith("Revise la pregunta marcada");
      assertThat(refused.select(".alert a").attr("href"))
          .as("the alert leads to the question")
          .isEqualTo("#FAOS-S2");
      assertThat(refused.text()).as("the service's words are not shown").doesNotContain("options");
    }

    @Test
    void theSameLinkLaterResumesAtTheFirstPartNothingIsAnsweredInElseAtTheLastPage()
        throws Exception {
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("en", 6, 2, null, null, null));

      Document resumed = Jsoup.parse(open("/q/" + TOKEN).getContentAsString());
      assertThat(resumed.select(".progress-line span").text())
          .as("part 2 is partly answered, so not asked again")
          .isEqualTo("Part 3 of 3");
      assertThat(resumed.select("h2").text()).isEqualTo("Pain");
      assertThat(resumed.select(".intro")).as("the greeting is the first part's").isEmpty();
      assertThat(resumed.select("form").attr("action"))
          .isEqualTo("/q/" + TOKEN + "/part/3?lang=en");

      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("en", 6, 2, null, 3, null));
      Document review = Jsoup.parse(open("/q/" + TOKEN).getContentAsString());
      assertThat(review.select("h1").text()).isEqualTo("Check and send your answers");
      assertThat(review.select(".answered").text()).isEqualTo("You answered 3 of 5 questions.");
      assertThat(review.select(".blank-part h2").eachText())
          .containsExactly("Part 2: Symptoms", "Part 3: Pain");
      assertThat(review.select(".blank-part li").eachText())
          .containsExactly(
              "Do you feel grinding when your foot/ankle moves?", "Straightening foot/ankle fully");
      assertThat(review.select(".blank-part a").eachAttr("href"))
          .containsExactly("/q/" + TOKEN + "/part/2?lang=en", "/q/" + TOKEN + "/part/3?lang=en");
      assertThat(review.select("form[action*=/submission] input[name=_csrf]")).hasSize(1);
    }

    @Test
    void aSpanishPatientReadsSpanishPagesThatSayPlainlyTheQuestionsAreInEnglishForNow()
        throws Exception {
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.open("es"));

      Document html = Jsoup.parse(open("/q/" + TOKEN, "en-US").getContentAsString());

      assertThat(html.select("html").attr("lang")).isEqualTo("es");
      assertThat(html.select("main > *").first().hasClass("wording-notice"))
          .as("said at the start")
          .isTrue();
      assertThat(html.select(".wording-notice").text())
          .startsWith("Por ahora, las preguntas de este cuestionario están en inglés");
      assertThat(html.select(".progress-line span").text()).isEqualTo("Parte 1 de 3");
      assertThat(html.select(".intro").first().text()).startsWith("Hola, Ana.");
      assertThat(html.select("button[value=next]").text()).isEqualTo("Guardar y continuar");
      assertThat(html.select("fieldset.question legend").text())
          .as("the questions in their sourced words")
          .isEqualTo("Your worst pain in the last week");
      assertThat(html.select(".patient-call a.phone").text())
          .isEqualTo("Llame a CellPath Foot & Ankle Clinic: +1 555 010 0100");

      Document english = Jsoup.parse(open("/q/" + TOKEN + "/part/1?lang=en").getContentAsString());
      assertThat(english.select("html").attr("lang")).isEqualTo("en");
      assertThat(english.select(".wording-notice")).isEmpty();
      assertThat(english.select("a[hreflang=es]").attr("href"))
          .isEqualTo("/q/" + TOKEN + "/part/1?lang=es");
    }

    @Test
    void sendingEndsTheQuestionnaireAndTheLinkThenShowsTheThankYou() throws Exception {
      STUB.answer(
          "POST",
          SURVEY + "/submission",
          200,
          SurveyFixtures.survey("es", "COMPLETED", false, 6, 2, 1, 3, 4));

      var sent =
          mvc.perform(post("/q/" + TOKEN + "/submission").param("lang", "es").with(csrf()))
              .andReturn()
              .getResponse();

      assertThat(sent.getRedirectedUrl()).isEqualTo("/q/" + TOKEN + "?lang=es");
      assertThat(STUB.seen())
          .singleElement()
          .satisfies(
              call -> {
                assertThat(call.method()).isEqualTo("POST");
                assertThat(call.path()).isEqualTo(SURVEY + "/submission");
                assertThat(call.patientLink()).isEqualTo(TOKEN);
              });
      STUB.answer(
          "GET", SURVEY, 200, SurveyFixtures.survey("es", "COMPLETED", false, 6, 2, 1, 3, 4));
      Document thanks = Jsoup.parse(open("/q/" + TOKEN + "?lang=es").getContentAsString());
      assertThat(thanks.select("h1").text()).isEqualTo("Gracias, Ana");
      assertThat(thanks.select("form")).isEmpty();
      Document english = Jsoup.parse(open("/q/" + TOKEN + "/part/2?lang=en").getContentAsString());
      assertThat(english.select("h1").text())
          .as("a part of a sent questionnaire")
          .isEqualTo("Thank you, Ana");
    }

    @Test
    void aQuestionnaireClosedMeanwhileShowsItCanNoLongerBeAnsweredWithTheClinicsPhone()
        throws Exception {
      STUB.answer(
          "PUT",
          SURVEY + "/answers",
          409,
          "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"The questionnaire was missed.\"}");
      var conflict =
          mvc.perform(post("/q/" + TOKEN + "/part/1").param("PAIN_NRS.PAIN", "4").with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(conflict.getRedirectedUrl()).isEqualTo("/q/" + TOKEN);
      STUB.answer(
          "POST",
          SURVEY + "/submission",
          409,
          "{\"status\":409,\"title\":\"Conflict\",\"detail\":\"The questionnaire was stopped.\"}");
      assertThat(
              mvc.perform(post("/q/" + TOKEN + "/submission").with(csrf()))
                  .andReturn()
                  .getResponse()
                  .getRedirectedUrl())
          .isEqualTo("/q/" + TOKEN);

      for (String state : new String[] {"MISSED", "STOPPED", "OPEN"}) {
        STUB.answer("GET", SURVEY, 200, SurveyFixtures.survey("en", state, false));
        Document closed = Jsoup.parse(open("/q/" + TOKEN).getContentAsString());
        assertThat(closed.select("h1").text())
            .as(state)
            .isEqualTo("This questionnaire can no longer be answered");
        assertThat(closed.select("main a.phone").attr("href")).isEqualTo("tel:+15550100100");
        assertThat(closed.select("a.phone")).as("one way to call, not two").hasSize(1);
        assertThat(closed.select("form")).isEmpty();
      }
      STUB.answer("GET", SURVEY, 200, SurveyFixtures.survey("es", "MISSED", false));
      Document review = Jsoup.parse(open("/q/" + TOKEN + "/review").getContentAsString());
      assertThat(review.select("h1").text())
          .isEqualTo("Este cuestionario ya no se puede responder");
    }

    @Test
    void aLinkThatOpensNothingGetsAKindPageAndTheTokenReachesNoLogAndNoSpan(CapturedOutput output)
        throws Exception {
      MockHttpServletResponse malformed = open("/q/not-a-token", "en");
      assertThat(malformed.getStatus()).isEqualTo(404);
      assertThat(Jsoup.parse(malformed.getContentAsString()).select("h1").text())
          .isEqualTo("This link does not work");
      assertThat(
              mvc.perform(post("/q/short/part/1").param("PAIN_NRS.PAIN", "4").with(csrf()))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(404);
      assertThat(STUB.seen()).as("a malformed link is never sent on").isEmpty();

      STUB.answer(
          "GET",
          SURVEY,
          404,
          "{\"status\":404,\"type\":\"https://cellpath.org/problems/link-invalid\",\"title\":\"Link not valid\"}");
      MockHttpServletResponse invalid = open("/q/" + TOKEN, "es-MX");
      assertThat(invalid.getStatus()).isEqualTo(404);
      assertThat(invalid.getHeader("Cache-Control")).contains("no-store");
      Document spanish = Jsoup.parse(invalid.getContentAsString());
      assertThat(spanish.select("h1").text()).isEqualTo("Este enlace no funciona");
      assertThat(spanish.select("main p").text()).contains("cuestionario");
      assertThat(spanish.select("a.phone").text()).contains("+1 555 010 0100");

      STUB.answer(
          "GET",
          SURVEY,
          410,
          "{\"status\":410,\"type\":\"https://cellpath.org/problems/link-expired\",\"title\":\"Link expired\"}");
      MockHttpServletResponse expired = open("/q/" + TOKEN + "/part/2", "en");
      assertThat(expired.getStatus()).isEqualTo(410);
      assertThat(Jsoup.parse(expired.getContentAsString()).select("main p").first().text())
          .isEqualTo(
              "The time to answer this questionnaire has passed. If you have questions, please call"
                  + " the clinic.");

      STUB.answer("PUT", SURVEY + "/answers", 500, "{\"status\":500}");
      MockHttpServletResponse failed =
          mvc.perform(
                  post("/q/" + TOKEN + "/part/1")
                      .param("PAIN_NRS.PAIN", "8")
                      .header("Accept-Language", "en")
                      .with(csrf()))
              .andReturn()
              .getResponse();
      assertThat(failed.getStatus()).isEqualTo(502);
      assertThat(Jsoup.parse(failed.getContentAsString()).select("h1").text())
          .isEqualTo("We cannot show your questionnaire right now");
      assertThat(output.getAll())
          .contains("The questionnaire API answered 500")
          .doesNotContain(TOKEN)
          .doesNotContain(TOKEN.substring(0, 30));

      var span =
          new ServerRequestObservationContext(
              new MockHttpServletRequest("GET", "/q/" + TOKEN + "/part/2"),
              new MockHttpServletResponse());
      assertThat(spans.getHighCardinalityKeyValues(span).stream().map(KeyValue::getValue))
          .as("the request span's address")
          .contains("/q/{token}")
          .noneMatch(value -> value.contains(TOKEN));
    }
  }
}

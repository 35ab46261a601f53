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
}

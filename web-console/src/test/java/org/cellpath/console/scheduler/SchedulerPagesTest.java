package org.cellpath.console.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The scheduler's pages that name patients, against stub services: the day grid (a column per
 * clinician, each slot at its time with the patient's name), the calendar opening on today and the
 * last choice, the search posted (the name never in a URL) and the unconfirmed list.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SchedulerPagesTest {

  static final StubServices STUB = StubServices.start();

  static final String AVERY = "11111111-1111-4111-8111-111111111111";
  static final String BROOKS = "22222222-2222-4222-8222-222222222222";
  static final String SITE = "33333333-3333-4333-8333-333333333333";
  static final String ROOM_1 = "44444444-4444-4444-8444-444444444444";
  static final String ROOM_2 = "55555555-5555-4555-8555-555555555555";
  static final String REFERRAL = "9f3c2a1b-6d7e-4f80-9a1b-2c3d4e5f6a7b";
  static final String PAIR = "66666666-6666-4666-8666-666666666666";
  static final String DAY = "2026-12-10";

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

  private MockHttpSession scheduler;

  @AfterAll
  static void stop() {
    STUB.close();
  }

  @BeforeEach
  void clinic() {
    STUB.reset();
    scheduler = TestSignIn.session("scheduler-token", "sam", null, "SCHEDULER");
    STUB.answer(
        "GET",
        "/api/clinicians",
        200,
        """
        [{"id":"%s","name":"Dr Avery"},{"id":"%s","name":"Dr Brooks"}]"""
            .formatted(AVERY, BROOKS));
    STUB.answer(
        "GET",
        "/api/sites",
        200,
        """
        [{"id":"%s","name":"Downtown","address":"1 Main St","timeZone":"America/Los_Angeles"}]"""
            .formatted(SITE));
    STUB.answer(
        "GET",
        "/api/sites/" + SITE + "/rooms",
        200,
        """
        [{"id":"%s","siteId":"%s","name":"Procedure room"},{"id":"%s","siteId":"%s","name":"Injection room"}]"""
            .formatted(ROOM_1, SITE, ROOM_2, SITE));
    STUB.answer(
        "GET",
        "/api/slots",
        200,
        "["
            + slot("a1", AVERY, ROOM_1, "HARVEST", "08:00", "08:45", "FREE", null)
            + ","
            + slot("b1", BROOKS, ROOM_1, "HARVEST", "09:00", "09:45", "BOOKED", REFERRAL)
            + ","
            + slot("b2", BROOKS, ROOM_2, "INJECTION", "11:00", "11:30", "BOOKED", REFERRAL)
            + "]");
    STUB.answer("POST", "/api/cases/contacts", 200, "[" + contact() + "]");
  }

  @Test
  void theDayGridPlacesEachSlotInItsCliniciansColumnAtItsTimeWithThePatientsName()
      throws Exception {
    Document page = page(get("/scheduler/calendar").param("view", "day").param("day", DAY));

    Element grid = page.getElementById("day-grid");
    assertThat(grid.select("thead th[data-column-id]").eachAttr("data-column-id"))
        .containsExactly(AVERY, BROOKS);
    Element harvest = grid.selectFirst("td[data-slot-id=" + id("b1") + "]");
    assertThat(harvest.attr("data-column-id")).isEqualTo(BROOKS);
    assertThat(harvest.attr("rowspan")).isEqualTo("3");
    assertThat(harvest.select(".patient-name").text()).isEqualTo("Ana Rivera");
    assertThat(harvest.select(".patient-contact").text()).contains("+14155550123", "Spanish");
    assertThat(harvest.selectFirst("a.patient-name").attr("href"))
        .isEqualTo("/scheduler/pairs/" + PAIR);
    // The row it starts in is 09:00: the grid starts at 08:00 in quarter hours.
    Element row = harvest.parent();
    assertThat(grid.select("tbody tr").indexOf(row)).isEqualTo(4);
    Element free = grid.selectFirst("td[data-slot-id=" + id("a1") + "]");
    assertThat(free.attr("data-column-id")).isEqualTo(AVERY);
    assertThat(free.select(".patient-name")).isEmpty();
    assertThat(grid.select("tbody tr").first().select("th").text()).isEqualTo("08:00");
    // Every row has one cell per column, counting the cells slots above span into it.
    assertThat(grid.select("tbody tr").get(5).select("td")).hasSize(1);
    assertThat(
            STUB.seen().stream()
                .filter(seen -> seen.path().equals("/api/slots"))
                .map(StubServices.Seen::query))
        .containsExactly("from=" + DAY + "&to=" + DAY);
    assertThat(
            STUB.seen().stream()
                .filter(seen -> seen.path().equals("/api/cases/contacts"))
                .map(StubServices.Seen::body))
        .singleElement()
        .asString()
        .contains(REFERRAL);
  }

  @Test
  void theWeekNamesThePatientOfEachBookedSlot() throws Exception {
    Document page =
        page(get("/scheduler/calendar").param("week", DAY).param("show", "clinician:" + BROOKS));

    Element booked = page.selectFirst("li[data-slot-id=" + id("b1") + "]");
    assertThat(booked.select(".patient-name").text()).isEqualTo("Ana Rivera");
    assertThat(booked.select("a.pair-link")).hasSize(1);
  }

  @Test
  void theCalendarOpensOnTodayInTheLastViewAndColumnsChosen() throws Exception {
    page(get("/scheduler/calendar").param("view", "day").param("day", DAY).param("by", "room"));

    Document reopened = page(get("/scheduler/calendar"));

    String today = LocalDate.now(ZoneId.of("America/Los_Angeles")).toString();
    assertThat(reopened.getElementById("day-shown").attr("data-date")).isEqualTo(today);
    assertThat(reopened.getElementById("by-room").hasAttr("checked")).isTrue();
    assertThat(
            STUB.seen().stream()
                .filter(seen -> seen.path().equals("/api/slots"))
                .map(StubServices.Seen::query))
        .last()
        .isEqualTo("from=" + today + "&to=" + today);

    page(get("/scheduler/calendar").param("view", "week").param("show", "clinician:" + BROOKS));
    Document week = page(get("/scheduler/calendar"));
    assertThat(week.getElementById("week-grid")).isNotNull();
    assertThat(week.selectFirst("#show option[selected]").attr("value"))
        .isEqualTo("clinician:" + BROOKS);
  }

  @Test
  void theSearchSendsTheNameInTheBodyAndListsWhomItFound() throws Exception {
    STUB.answer(
        "POST",
        "/api/cases/search",
        200,
        """
        [{"referralId":"%s","shortId":"9f3c2a1b","patient":%s,"status":"BOOKED","cellSource":"BONE_MARROW",
          "waitlistedAt":null,"pairId":"%s","firstAppointmentAt":"2026-12-10T17:00:00Z"}]"""
            .formatted(REFERRAL, contact(), PAIR));

    Document page = page(post("/scheduler/search").with(csrf()).param("query", "Rivera"));

    Element result = page.selectFirst("#search-results tr[data-referral-id=" + REFERRAL + "]");
    assertThat(result.select(".patient-name a").text()).isEqualTo("Ana Rivera");
    assertThat(result.select(".patient-name a").attr("href")).isEqualTo("/scheduler/pairs/" + PAIR);
    assertThat(result.select("code.short-id").text()).isEqualTo("9f3c2a1b");
    assertThat(page.getElementById("search-form").attr("method")).isEqualTo("post");
    StubServices.Seen call =
        STUB.seen().stream()
            .filter(seen -> seen.path().equals("/api/cases/search"))
            .findFirst()
            .orElseThrow();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.query()).isNull();
    assertThat(call.body()).contains("\"query\":\"Rivera\"");
  }

  @Test
  void aQueryTooShortIsRefusedNextToTheField() throws Exception {
    STUB.answer(
        "POST",
        "/api/cases/search",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "detail":"Invalid field(s): query",
         "errors":[{"field":"query","message":"must be 2 to 100 characters: part of a name or a short id"}]}""");

    Document page = page(post("/scheduler/search").with(csrf()).param("query", "R"));

    assertThat(page.getElementById("query").attr("aria-invalid")).isEqualTo("true");
    assertThat(page.getElementById("error-query").text()).contains("2 to 100 characters");
    assertThat(page.getElementById("search-results")).isNull();
  }

  @Test
  void theUnconfirmedListNamesEachPatientWithPhoneAndTime() throws Exception {
    STUB.answer(
        "GET",
        "/api/pairs/unconfirmed",
        200,
        """
        [{"pairId":"%s","referralId":"%s","shortId":"9f3c2a1b","patient":%s,"sequence":1,"confirmedSequence":0,
          "kind":"HARVEST","startsAt":"2026-12-10T17:00:00Z","timeZone":"America/Los_Angeles","date":"2026-12-10",
          "startTime":"09:00","clinicianName":"Dr Brooks","siteName":"Downtown","roomName":"Procedure room"}]"""
            .formatted(PAIR, REFERRAL, contact()));

    Document page = page(get("/scheduler/unconfirmed"));

    Element row = page.selectFirst("#unconfirmed tr[data-pair-id=" + PAIR + "]");
    assertThat(row.select(".patient-name").text()).isEqualTo("Ana Rivera");
    assertThat(row.select("a[href=tel:+14155550123]")).hasSize(1);
    assertThat(row.text()).contains("09:00", "Dr Brooks", "Spanish", "Moved since confirmed");
    assertThat(
            STUB.seen().stream()
                .filter(seen -> seen.path().equals("/api/pairs/unconfirmed"))
                .map(StubServices.Seen::query))
        .containsExactly("within=48h");
  }

  @Test
  void theWaitlistAndThePairPageNameThePatient() throws Exception {
    String caseJson =
        """
        {"referralId":"%s","cellSource":"BONE_MARROW","status":"WAITLISTED","approvedAt":"2026-12-01T17:00:00Z",
         "waitlistedAt":"2026-12-01T17:00:05Z","searchedFrom":"2026-12-08","searchedUntil":"2027-02-06"}"""
            .formatted(REFERRAL);
    STUB.answer("GET", "/api/waitlist", 200, "[" + caseJson + "]");
    STUB.answer("GET", "/api/scheduling-cases/" + REFERRAL, 200, caseJson);
    STUB.answer(
        "GET",
        "/api/appointment-pairs/" + PAIR,
        200,
        """
        {"id":"%s","referralId":"%s","status":"BOOKED","sequence":0,"bookedAt":"2026-12-01T17:00:00Z",
         "cancelledAt":null,"appointments":[]}"""
            .formatted(PAIR, REFERRAL));

    Document waitlist = page(get("/scheduler/waitlist"));
    Document pair = page(get("/scheduler/pairs/" + PAIR));

    Element row = waitlist.selectFirst("#waitlist tr[data-referral-id=" + REFERRAL + "]");
    assertThat(row.select(".patient-name").text()).isEqualTo("Ana Rivera");
    assertThat(row.text()).contains("+14155550123", "Spanish", REFERRAL);
    assertThat(pair.getElementById("patient-name").text()).isEqualTo("Ana Rivera");
    assertThat(pair.getElementById("patient-phone").select("a").attr("href"))
        .isEqualTo("tel:+14155550123");
    assertThat(pair.getElementById("patient-language").text()).isEqualTo("Spanish");
  }

  @Test
  void aWaitingCaseWithAnOpenOfferSaysOfferedUntilAndTheSettingIsChangedFromTheWaitlist()
      throws Exception {
    STUB.answer(
        "GET",
        "/api/waitlist",
        200,
        """
        [{"referralId":"%s","cellSource":"BONE_MARROW","status":"OFFERED","approvedAt":"2026-12-01T17:00:00Z",
          "waitlistedAt":"2026-12-01T17:00:05Z","searchedFrom":"2026-12-08","searchedUntil":"2027-02-06",
          "offeredUntil":"2026-12-02T01:30:00Z"}]"""
            .formatted(REFERRAL));
    STUB.answer(
        "GET",
        "/api/clinic/waitlist-settings",
        200,
        "{\"mode\":\"OFFERS\",\"offerHold\":\"PT4H\"}");

    Document waitlist = page(get("/scheduler/waitlist"));

    Element row = waitlist.selectFirst("#waitlist tr[data-referral-id=" + REFERRAL + "]");
    assertThat(row.select(".patient-name .offered").text()).startsWith("Offered until ");
    assertThat(row.select(".patient-name").text()).startsWith("Ana Rivera Offered until");
    assertThat(row.select("a[href*=bookings/new]"))
        .as("no booking by hand while offered")
        .isEmpty();
    Element form = waitlist.getElementById("waitlist-settings");
    assertThat(form.select("input[name=mode][checked]").attr("value")).isEqualTo("OFFERS");
    assertThat(form.select("input[name=holdMinutes]").attr("value")).isEqualTo("240");
    assertThat(form.select("input[name=_csrf]")).hasSize(1);

    STUB.answer(
        "PUT",
        "/api/clinic/waitlist-settings",
        200,
        "{\"mode\":\"AUTOMATIC\",\"offerHold\":\"PT1H\"}");
    var saved =
        mvc.perform(
                post("/scheduler/waitlist/settings")
                    .with(csrf())
                    .param("mode", "AUTOMATIC")
                    .param("holdMinutes", "60")
                    .session(scheduler))
            .andReturn()
            .getResponse();
    assertThat(saved.getRedirectedUrl()).isEqualTo("/scheduler/waitlist");
    assertThat(STUB.seen())
        .filteredOn(seen -> seen.method().equals("PUT"))
        .singleElement()
        .satisfies(
            seen ->
                assertThat(seen.body())
                    .contains("\"mode\":\"AUTOMATIC\"")
                    .contains("\"offerHold\":\"PT1H\""));

    STUB.answer(
        "PUT",
        "/api/clinic/waitlist-settings",
        400,
        """
        {"type":"https://cellpath.org/problems/invalid-request","title":"Invalid request","status":400,
         "errors":[{"field":"offerHold","message":"must be whole seconds from PT1M (one minute) to PT72H"}]}""");
    Document refused =
        page(
            post("/scheduler/waitlist/settings")
                .with(csrf())
                .param("mode", "OFFERS")
                .param("holdMinutes", "9999"));
    assertThat(refused.select("#waitlist-settings .alert").text())
        .isEqualTo("Please choose a mode and a hold from 1 to 4320 minutes.");
    assertThat(refused.select("#waitlist-settings input[name=holdMinutes]").attr("value"))
        .isEqualTo("9999");
  }

  @Test
  void anEndedPairOffersBookingAgainAndReturningTheCaseWhichAsksFirst() throws Exception {
    endedPair("BOOKED", "NO_SHOW", "BOOKED");

    Document page = page(get("/scheduler/pairs/" + PAIR));

    assertThat(page.getElementById("book-again").attr("href"))
        .isEqualTo("/scheduler/bookings/new?referralId=" + REFERRAL);
    Element form = page.getElementById("return-form");
    assertThat(form.attr("action")).isEqualTo("/scheduler/cases/" + REFERRAL + "/return");
    assertThat(form.select("#return-reason option[value]:not([value=''])").eachAttr("value"))
        .containsExactly(
            "PATIENT_UNREACHABLE",
            "PATIENT_DECLINED",
            "REPEATED_NO_SHOW",
            "NO_SUITABLE_SLOTS",
            "OTHER");
    Element question = page.getElementById("return");
    assertThat(question.tagName()).isEqualTo("details");
    assertThat(question.hasAttr("open")).isFalse();
    assertThat(question.select("input[name=confirmed]").val()).isEqualTo("yes");
    assertThat(question.select("button[type=submit]")).hasSize(1);
    assertThat(form.select("button[type=submit]"))
        .as("only the question submits the return")
        .hasSize(1);

    var unconfirmed =
        mvc.perform(
                post("/scheduler/cases/" + REFERRAL + "/return")
                    .with(csrf())
                    .session(scheduler)
                    .param("pairId", PAIR)
                    .param("reason", "REPEATED_NO_SHOW"))
            .andReturn()
            .getResponse();
    assertThat(unconfirmed.getRedirectedUrl())
        .isEqualTo("/scheduler/pairs/" + PAIR + "?confirm=return#return");
    assertThat(STUB.seen()).noneMatch(seen -> seen.path().endsWith("/return"));
    Document asked = page(get("/scheduler/pairs/" + PAIR).param("confirm", "return"));
    assertThat(asked.getElementById("return").hasAttr("open")).isTrue();

    STUB.answer(
        "POST",
        "/api/scheduling-cases/" + REFERRAL + "/return",
        200,
        """
        {"referralId":"%s","status":"RETURNED","reason":"REPEATED_NO_SHOW"}"""
            .formatted(REFERRAL));
    var confirmed =
        mvc.perform(
                post("/scheduler/cases/" + REFERRAL + "/return")
                    .with(csrf())
                    .session(scheduler)
                    .param("pairId", PAIR)
                    .param("reason", "REPEATED_NO_SHOW")
                    .param("confirmed", "yes"))
            .andReturn()
            .getResponse();
    assertThat(confirmed.getRedirectedUrl()).isEqualTo("/scheduler/pairs/" + PAIR);
    StubServices.Seen call =
        STUB.seen().stream()
            .filter(seen -> seen.path().equals("/api/scheduling-cases/" + REFERRAL + "/return"))
            .findFirst()
            .orElseThrow();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.body()).contains("\"reason\":\"REPEATED_NO_SHOW\"");
  }

  @Test
  void aCancelledPairOfACaseWaitingForABookingOffersBothAndABookedPairNeither() throws Exception {
    endedPair("CANCELLED", "CANCELLED", "CANCELLED");
    Document cancelled = page(get("/scheduler/pairs/" + PAIR));
    endedPair("BOOKED", "BOOKED", "BOOKED");
    Document booked = page(get("/scheduler/pairs/" + PAIR));

    assertThat(cancelled.getElementById("book-again")).isNotNull();
    assertThat(cancelled.getElementById("return-form")).isNotNull();
    assertThat(booked.getElementById("recovery")).isNull();
    assertThat(booked.getElementById("cancel-form")).isNotNull();
  }

  @Test
  void aRefusedReturnIsASentenceNextToTheAction() throws Exception {
    endedPair("CANCELLED", "CANCELLED", "CANCELLED");
    STUB.answer(
        "POST",
        "/api/scheduling-cases/" + REFERRAL + "/return",
        409,
        """
        {"type":"https://cellpath.org/problems/conflict","title":"Conflict","status":409,
         "detail":"The case was already returned to the referring physician."}""");

    Document page =
        page(
            post("/scheduler/cases/" + REFERRAL + "/return")
                .with(csrf())
                .param("pairId", PAIR)
                .param("reason", "OTHER")
                .param("confirmed", "yes"));

    assertThat(page.getElementById("return-refusal").text())
        .isEqualTo("The case was already returned to the referring physician.");
  }

  /** A pair whose case and harvest stand as given (the injection stays booked). */
  private void endedPair(String caseStatus, String harvestStatus, String pairStatus) {
    STUB.answer(
        "GET",
        "/api/scheduling-cases/" + REFERRAL,
        200,
        """
        {"referralId":"%s","cellSource":"BONE_MARROW","status":"%s","approvedAt":"2026-12-01T17:00:00Z"}"""
            .formatted(REFERRAL, caseStatus));
    STUB.answer(
        "GET",
        "/api/appointment-pairs/" + PAIR,
        200,
        """
        {"id":"%s","referralId":"%s","status":"%s","sequence":1,"bookedAt":"2026-12-01T17:00:00Z",
         "cancelledAt":null,"appointments":[{"id":"%s","kind":"HARVEST","status":"%s","slotId":"%s",
           "startsAt":"2026-12-10T16:00:00Z","endsAt":"2026-12-10T16:45:00Z","timeZone":"America/Los_Angeles",
           "date":"2026-12-10","startTime":"08:00","endTime":"08:45",
           "clinician":{"id":"%s","name":"Dr Avery"},"site":{"id":"%s","name":"Downtown","address":"1 Main St"},
           "room":{"id":"%s","name":"Procedure room"}}]}"""
            .formatted(
                PAIR,
                REFERRAL,
                pairStatus,
                id("c1"),
                harvestStatus,
                id("a1"),
                AVERY,
                SITE,
                ROOM_1));
  }

  private Document page(MockHttpServletRequestBuilder request) throws Exception {
    return Jsoup.parse(
        mvc.perform(request.session(scheduler))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString());
  }

  /** A slot id from a short name, so that tests can find it again. */
  private static String id(String name) {
    return "00000000-0000-4000-8000-0000000000" + name;
  }

  private static String slot(
      String name,
      String clinician,
      String room,
      String kind,
      String start,
      String end,
      String status,
      String referral) {
    return """
        {"id":"%s","clinicianId":"%s","roomId":"%s","siteId":"%s","kind":"%s","date":"%s","startTime":"%s",
         "endTime":"%s","timeZone":"America/Los_Angeles","startsAt":"2026-12-10T16:00:00Z",
         "endsAt":"2026-12-10T16:45:00Z","durationMinutes":45,"status":"%s","referralId":%s,"pairId":%s}"""
        .formatted(
            id(name),
            clinician,
            room,
            SITE,
            kind,
            DAY,
            start,
            end,
            status,
            referral == null ? "null" : "\"" + referral + "\"",
            referral == null ? "null" : "\"" + PAIR + "\"");
  }

  private static String contact() {
    return """
        {"referralId":"%s","shortId":"9f3c2a1b","givenName":"Ana","familyName":"Rivera",
         "mobilePhone":"+14155550123","language":"es"}"""
        .formatted(REFERRAL);
  }
}

package org.cellpath.scheduling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cellpath.scheduling.SchedulingFixtures.earliestDay;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.PhysicianContact;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.contracts.Side;
import org.cellpath.scheduling.MovableClock;
import org.cellpath.scheduling.SchedulerApi;
import org.cellpath.scheduling.SchedulerApi.Reply;
import org.cellpath.scheduling.SchedulingFixtures;
import org.cellpath.scheduling.booking.WaitlistedCases;
import org.cellpath.testsupport.IntegrationTest;
import org.cellpath.testsupport.TestTokens;
import org.cellpath.time.ClinicTimeZone;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The authorization matrix: every endpoint of the scheduling API, called with no token, with each
 * kind of broken token (all of them a scheduler's, who would otherwise be let in), and with a valid
 * token of each role. Broken tokens get 401, roles the endpoint does not name get 403, and the
 * roles it names get the endpoint's own answer. Every refusal is a problem-details body without
 * patient data, is written to the audit trail, and changes nothing.
 *
 * <p>Physicians own referrals, not scheduling records: there is no "another physician's record"
 * here, and a second physician is refused exactly like the first.
 */
@IntegrationTest
@Import(MovableClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulingAuthorizationIT {

  private static final Set<String> SCHEDULER = Set.of("SCHEDULER");
  private static final Set<String> READERS = Set.of("SCHEDULER", "ADMIN");
  private static final Set<String> ADMIN = Set.of("ADMIN");
  private static final Set<String> NOBODY = Set.of();

  /**
   * A corticosteroid injection in the patient's history: a clinical fact scheduling plans with but
   * never shows.
   */
  private static final LocalDate STEROID_INJECTION = LocalDate.now().minusDays(45);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ClinicTimeZone clinic;
  @Autowired ApplicationContext context;

  private final AuditLines audit = new AuditLines();
  private World world;

  @BeforeAll
  void buildTheClinic() {
    SchedulingFixtures.clearBookings(jdbc);
    world =
        new World(
            SchedulerApi.asScheduler(port), new WaitlistedCases(context), earliestDay(clinic));
    audit.start();
  }

  @AfterAll
  void stopListening() {
    audit.stop();
  }

  @AfterEach
  void followTheSystemClock() {
    MovableClock.SHARED.reset();
  }

  /** The caller of one row: a valid token of a role, a broken one, or none. */
  enum Token {
    NONE(null),
    EXPIRED(null),
    WRONG_ISSUER(null),
    WRONG_AUDIENCE(null),
    ALG_NONE(null),
    FORGED_SIGNATURE(null),
    PHYSICIAN("PHYSICIAN"),
    OTHER_PHYSICIAN("PHYSICIAN"),
    REVIEWER("REVIEWER"),
    SCHEDULER("SCHEDULER"),
    ADMIN("ADMIN");

    /** The role of a valid token; null for a missing or broken one. */
    final @Nullable String role;

    Token(@Nullable String role) {
      this.role = role;
    }

    @Nullable String value() {
      return switch (this) {
        case NONE -> null;
        case EXPIRED -> TestTokens.expired("SCHEDULER");
        case WRONG_ISSUER -> TestTokens.wrongIssuer("SCHEDULER");
        case WRONG_AUDIENCE -> TestTokens.wrongAudience("SCHEDULER");
        case ALG_NONE -> TestTokens.unsigned("SCHEDULER");
        case FORGED_SIGNATURE -> TestTokens.forged("SCHEDULER");
        case PHYSICIAN -> TestTokens.physician(TestTokens.NPI);
        case OTHER_PHYSICIAN -> TestTokens.physician(TestTokens.OTHER_NPI);
        case REVIEWER -> TestTokens.reviewer();
        case SCHEDULER -> TestTokens.scheduler();
        case ADMIN -> TestTokens.admin();
      };
    }
  }

  /** One request: its path (with query) and JSON body, or none. */
  record Call(String path, @Nullable Object body) {}

  /**
   * One endpoint.
   *
   * @param roles the roles that may call it
   * @param allowed what an allowed caller gets
   * @param refused the request a refused caller sends: on the shared records, which must not change
   * @param granted the request an allowed caller sends: on fresh records where it changes something
   */
  record Endpoint(
      HttpMethod method,
      String path,
      Set<String> roles,
      int allowed,
      Function<World, Call> refused,
      Function<World, Call> granted) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Endpoint reading(String path, Function<World, Call> call) {
    return new Endpoint(HttpMethod.GET, path, READERS, 200, call, call);
  }

  static Endpoint changing(
      String path, int allowed, Function<World, Call> refused, Function<World, Call> granted) {
    return new Endpoint(HttpMethod.POST, path, SCHEDULER, allowed, refused, granted);
  }

  static List<Endpoint> endpoints() {
    return List.of(
        reading("/api/clinicians", w -> new Call("/api/clinicians", null)),
        reading("/api/clinicians/{id}", w -> new Call("/api/clinicians/" + w.clinician, null)),
        changing(
            "/api/clinicians",
            201,
            w -> new Call("/api/clinicians", Map.of("name", "Dr Matrix")),
            w -> new Call("/api/clinicians", Map.of("name", "Dr Matrix"))),
        reading("/api/sites", w -> new Call("/api/sites", null)),
        reading("/api/sites/{id}", w -> new Call("/api/sites/" + w.site, null)),
        changing("/api/sites", 201, World::newSite, World::newSite),
        reading("/api/sites/{id}/rooms", w -> new Call("/api/sites/" + w.site + "/rooms", null)),
        changing("/api/sites/{id}/rooms", 201, World::newRoom, World::newRoom),
        reading(
            "/api/slots",
            w ->
                new Call(
                    "/api/slots?from=" + w.earliest.minusDays(7) + "&to=" + w.earliest.plusDays(80),
                    null)),
        reading("/api/slots/{id}", w -> new Call("/api/slots/" + w.freeSlot, null)),
        changing("/api/slots", 201, World::newSlot, World::newSlot),
        changing("/api/slots/template", 201, World::newTemplate, World::newTemplate),
        changing(
            "/api/slots/{id}/block",
            200,
            w -> new Call("/api/slots/" + w.freeSlot + "/block", null),
            w -> new Call("/api/slots/" + w.slotOnNewDay() + "/block", null)),
        changing(
            "/api/slots/{id}/free",
            200,
            w -> new Call("/api/slots/" + w.blockedSlot + "/free", null),
            w -> new Call("/api/slots/" + w.blockedSlotOnNewDay() + "/free", null)),
        changing(
            "/api/appointment-pairs",
            201,
            World::bookingOfTheWaitlistedCase,
            World::bookingOfANewCase),
        changing(
            "/api/appointment-pairs/{id}/cancellation",
            200,
            w ->
                new Call(
                    "/api/appointment-pairs/" + w.pair.id() + "/cancellation",
                    Map.of("reason", "matrix")),
            w ->
                new Call(
                    "/api/appointment-pairs/" + w.newPair().id() + "/cancellation",
                    Map.of("reason", "m"))),
        changing(
            "/api/appointment-pairs/{id}/reschedule",
            200,
            w -> w.reschedule(w.pair),
            w -> w.reschedule(w.newPair())),
        changing(
            "/api/appointments/{id}/completion",
            200,
            w -> new Call("/api/appointments/" + w.pair.harvest() + "/completion", null),
            w ->
                new Call(
                    "/api/appointments/" + w.newPairUnderWay().harvest() + "/completion", null)),
        changing(
            "/api/appointments/{id}/no-show",
            200,
            w -> new Call("/api/appointments/" + w.pair.injection() + "/no-show", null),
            w ->
                new Call(
                    "/api/appointments/" + w.newPairUnderWay().injection() + "/no-show", null)),
        reading(
            "/api/appointment-pairs?referralId=",
            w -> new Call("/api/appointment-pairs?referralId=" + w.pair.referralId(), null)),
        reading(
            "/api/appointment-pairs/{id}",
            w -> new Call("/api/appointment-pairs/" + w.pair.id(), null)),
        reading(
            "/api/scheduling-cases/{referralId}",
            w -> new Call("/api/scheduling-cases/" + w.pair.referralId(), null)),
        reading("/api/waitlist", w -> new Call("/api/waitlist", null)),
        // A path no rule names is refused to every role (deny-all), even where a controller might
        // answer.
        new Endpoint(
            HttpMethod.DELETE,
            "/api/slots/{id} (no rule)",
            NOBODY,
            0,
            w -> new Call("/api/slots/" + w.freeSlot, null),
            w -> new Call("/api/slots/" + w.freeSlot, null)),
        // Metrics are the administrator's (service-support's shared rule).
        new Endpoint(
            HttpMethod.GET,
            "/actuator/metrics",
            ADMIN,
            200,
            w -> new Call("/actuator/metrics", null),
            w -> new Call("/actuator/metrics", null)));
  }

  static Stream<Arguments> matrix() {
    return endpoints().stream()
        .flatMap(endpoint -> Stream.of(Token.values()).map(token -> Arguments.of(endpoint, token)));
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("matrix")
  void everyEndpointAnswersEveryCallerAsItsRulesSay(Endpoint endpoint, Token token) {
    boolean allowed = token.role != null && endpoint.roles().contains(token.role);
    int expected = token.role == null ? 401 : allowed ? endpoint.allowed() : 403;
    Call call = (allowed ? endpoint.granted() : endpoint.refused()).apply(world);
    Map<String, Object> before = allowed ? Map.of() : snapshot();
    audit.clear();

    Reply reply =
        new SchedulerApi(port, token.value()).send(endpoint.method(), call.path(), call.body());

    assertThat(reply.status())
        .as("%s %s with %s: %s", endpoint.method(), call.path(), token, reply.bodyText())
        .isEqualTo(expected);
    assertThat(reply.bodyText())
        .as("patient data in the answer")
        .doesNotContain(World.PATIENT_DATA);
    if (allowed) {
      return;
    }
    assertThat(reply.headers().getContentType())
        .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith, "problem details");
    assertThat(reply.body().get("status").asInt()).isEqualTo(expected);
    assertThat(reply.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    String path =
        call.path().contains("?")
            ? call.path().substring(0, call.path().indexOf('?'))
            : call.path();
    assertThat(audit.entries())
        .as("audit entries")
        .anySatisfy(
            entry -> {
              assertThat(entry.get("audit.action")).isEqualTo(endpoint.method() + " " + path);
              assertThat(entry.get("audit.outcome"))
                  .isEqualTo(expected == 401 ? "UNAUTHENTICATED" : "DENIED");
              assertThat(entry.get("audit.subject"))
                  .isEqualTo(
                      expected == 401
                          ? "anonymous"
                          : token == Token.OTHER_PHYSICIAN
                              ? "physician-" + TestTokens.OTHER_NPI
                              : token == Token.PHYSICIAN
                                  ? "physician-" + TestTokens.NPI
                                  : token.role.toLowerCase() + "-1");
            });
    assertThat(snapshot()).as("stored data after a refused request").isEqualTo(before);
  }

  /** The shared records, and how many records of each kind and state the database holds. */
  private Map<String, Object> snapshot() {
    Map<String, Object> state = new LinkedHashMap<>(world.sharedRecords());
    for (String table : List.of("clinician", "site", "room", "scheduling_case")) {
      state.put(table, jdbc.sql("select count(*) from " + table).query(Long.class).single());
    }
    state.put(
        "slots",
        jdbc.sql("select blocked, count(*) from slot group by blocked order by blocked")
            .query((row, i) -> row.getBoolean(1) + "=" + row.getLong(2))
            .list());
    state.put(
        "pairs",
        jdbc.sql("select status, count(*) from appointment_pair group by status order by status")
            .query((row, i) -> row.getString(1) + "=" + row.getLong(2))
            .list());
    state.put(
        "appointments",
        jdbc.sql("select status, count(*) from appointment group by status order by status")
            .query((row, i) -> row.getString(1) + "=" + row.getLong(2))
            .list());
    return state;
  }

  @Test
  void casesAndTheWaitlistShowPlanningFactsButNoClinicalOrContactData() {
    Set<String> caseFields =
        Set.of(
            "referralId",
            "cellSource",
            "status",
            "approvedAt",
            "waitlistedAt",
            "searchedFrom",
            "searchedUntil",
            // Until when an open waitlist offer holds its pair: a planning fact, like waitlistedAt.
            "offeredUntil");
    SchedulerApi api = SchedulerApi.asScheduler(port);

    Reply booked = api.get("/api/scheduling-cases/" + world.pair.referralId());
    Reply waiting = api.get("/api/scheduling-cases/" + world.waitlisted);
    Reply waitlist = api.get("/api/waitlist");

    assertThat(booked.body().propertyNames()).containsExactlyInAnyOrderElementsOf(caseFields);
    assertThat(booked.body().get("cellSource").asString()).isEqualTo("BONE_MARROW");
    assertThat(waiting.body().propertyNames()).containsExactlyInAnyOrderElementsOf(caseFields);
    assertThat(waitlist.body())
        .isNotEmpty()
        .allSatisfy(
            entry ->
                assertThat(entry.propertyNames()).containsExactlyInAnyOrderElementsOf(caseFields));
    for (Reply reply :
        List.of(booked, waiting, waitlist, api.get("/api/appointment-pairs/" + world.pair.id()))) {
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.bodyText())
          .doesNotContain(World.PATIENT_DATA)
          .doesNotContain(STEROID_INJECTION.toString(), "RIGHT");
    }
  }

  /** The records the matrix works on; those shared by refused requests must never change. */
  static final class World {

    /**
     * What must never be in an answer: the test patient's contact details and their physician's.
     */
    static final String[] PATIENT_DATA = {
      SchedulingFixtures.PATIENT_GIVEN_NAME,
      SchedulingFixtures.PATIENT_FAMILY_NAME,
      SchedulingFixtures.PATIENT_EMAIL,
      SchedulingFixtures.PATIENT_PHONE,
      "Dr Referrer",
      "referrer@example.org"
    };

    /**
     * A booked pair: ids of the pair, its referral and its two appointments, and when the injection
     * starts.
     */
    record Pair(
        UUID id, UUID referralId, UUID harvest, UUID injection, Instant injectionStartsAt) {}

    private final SchedulerApi api;
    private final WaitlistedCases cases;
    final LocalDate earliest;
    private final AtomicInteger days = new AtomicInteger();
    final UUID clinician;
    final UUID site;
    final UUID harvestRoom;
    final UUID injectionRoom;
    final UUID freeSlot;
    final UUID blockedSlot;
    final UUID waitlisted;
    final Pair pair;

    World(SchedulerApi api, WaitlistedCases cases, LocalDate earliest) {
      this.api = api;
      this.cases = cases;
      this.earliest = earliest;
      clinician = api.clinician("Dr Matrix");
      site = api.site("Matrix " + UUID.randomUUID(), "America/Los_Angeles");
      harvestRoom = api.room(site, "Procedure room");
      injectionRoom = api.room(site, "Injection room");
      freeSlot = slotOnNewDay();
      blockedSlot = blockedSlotOnNewDay();
      waitlisted = cases.waitlisted(approval());
      pair = newPair();
    }

    /**
     * A day no other record of the matrix uses, past the automatic search's horizon (60 days from
     * the earliest day), so that the waitlist never takes its slots: only a scheduler books them.
     */
    LocalDate newDay() {
      return earliest.plusDays(62 + days.getAndIncrement());
    }

    UUID slotOnNewDay() {
      return api.slot(clinician, injectionRoom, "INJECTION", newDay(), "10:00", 30);
    }

    UUID blockedSlotOnNewDay() {
      UUID slot = slotOnNewDay();
      assertThat(api.postEmpty("/api/slots/" + slot + "/block").status()).isEqualTo(200);
      return slot;
    }

    Call newSite() {
      return new Call(
          "/api/sites",
          Map.of(
              "name",
              "Matrix " + UUID.randomUUID(),
              "address",
              "2 Matrix Road",
              "timeZone",
              "America/Los_Angeles"));
    }

    Call newRoom() {
      return new Call("/api/sites/" + site + "/rooms", Map.of("name", "Room " + UUID.randomUUID()));
    }

    Call newSlot() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("clinicianId", clinician.toString());
      body.put("roomId", injectionRoom.toString());
      body.put("kind", "INJECTION");
      body.put("date", newDay().toString());
      body.put("startTime", "11:00");
      body.put("durationMinutes", 30);
      return new Call("/api/slots", body);
    }

    Call newTemplate() {
      LocalDate day = newDay();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("clinicianId", clinician.toString());
      body.put("roomId", injectionRoom.toString());
      body.put("kind", "INJECTION");
      body.put("weekdays", List.of(day.getDayOfWeek().toString()));
      body.put("startTime", "13:00");
      body.put("endTime", "14:00");
      body.put("durationMinutes", 30);
      body.put("from", day.toString());
      body.put("to", day.toString());
      return new Call("/api/slots/template", body);
    }

    /** Books the shared waitlisted case: a refused caller must leave it waiting. */
    Call bookingOfTheWaitlistedCase() {
      return booking(waitlisted);
    }

    Call bookingOfANewCase() {
      return booking(cases.waitlisted(approval()));
    }

    private Call booking(UUID referralId) {
      LocalDate day = newDay();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("referralId", referralId.toString());
      body.put(
          "harvestSlotId",
          api.slot(clinician, harvestRoom, "HARVEST", day, "08:00", 45).toString());
      body.put(
          "injectionSlotId",
          api.slot(clinician, injectionRoom, "INJECTION", day, "09:15", 30).toString());
      return new Call("/api/appointment-pairs", body);
    }

    /** Moves the pair to slots on a new day. */
    Call reschedule(Pair moved) {
      LocalDate day = newDay();
      return new Call(
          "/api/appointment-pairs/" + moved.id() + "/reschedule",
          Map.of(
              "harvestSlotId",
                  api.slot(clinician, harvestRoom, "HARVEST", day, "08:00", 45).toString(),
              "injectionSlotId",
                  api.slot(clinician, injectionRoom, "INJECTION", day, "09:15", 30).toString()));
    }

    /** A waitlisted case booked by hand by the scheduler. */
    Pair newPair() {
      Call booking = bookingOfANewCase();
      Reply reply = api.post(booking.path(), booking.body());
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
      JsonNode body = reply.body();
      return new Pair(
          UUID.fromString(body.get("id").asString()),
          UUID.fromString(body.get("referralId").asString()),
          UUID.fromString(body.get("appointments").get(0).get("id").asString()),
          UUID.fromString(body.get("appointments").get(1).get("id").asString()),
          Instant.parse(body.get("appointments").get(1).get("startsAt").asString()));
    }

    /**
     * A new pair, with the service's clock moved to the start of its injection (until the test
     * ends), so that what became of both appointments can be recorded.
     */
    Pair newPairUnderWay() {
      Pair pair = newPair();
      MovableClock.SHARED.set(pair.injectionStartsAt());
      return pair;
    }

    /** The shared records as a scheduler reads them. */
    Map<String, Object> sharedRecords() {
      Map<String, Object> state = new LinkedHashMap<>();
      state.put("pair", api.get("/api/appointment-pairs/" + pair.id()).body());
      state.put("free slot", api.slot(freeSlot));
      state.put("blocked slot", api.slot(blockedSlot));
      state.put(
          "waitlisted case", api.get("/api/scheduling-cases/" + waitlisted).body().get("status"));
      return state;
    }

    private static ReferralApproved approval() {
      return new ReferralApproved(
          UUID.randomUUID(),
          UUID.randomUUID(),
          Instant.now(),
          CellSource.BONE_MARROW,
          Side.RIGHT,
          STEROID_INJECTION,
          SchedulingPreferences.any(),
          SchedulingFixtures.patient(),
          new PhysicianContact(
              "Dr Referrer", "Foot Clinic", "referrer@example.org", "+14155550111"));
    }
  }

  /** The audit trail's log lines (logger {@code cellpath.audit}), as their key-value pairs. */
  private static final class AuditLines extends AppenderBase<ILoggingEvent> {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      events.add(event);
    }

    @Override
    public void start() {
      super.start();
      ((Logger) LoggerFactory.getLogger("cellpath.audit")).addAppender(this);
    }

    @Override
    public void stop() {
      ((Logger) LoggerFactory.getLogger("cellpath.audit")).detachAppender(this);
      super.stop();
    }

    void clear() {
      events.clear();
    }

    List<Map<String, String>> entries() {
      List<Map<String, String>> entries = new ArrayList<>();
      for (ILoggingEvent event : events) {
        Map<String, String> entry = new LinkedHashMap<>();
        List<KeyValuePair> pairs =
            event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        pairs.forEach(pair -> entry.put(pair.key, String.valueOf(pair.value)));
        entries.add(entry);
      }
      return entries;
    }
  }
}

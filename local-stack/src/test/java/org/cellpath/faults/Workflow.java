package org.cellpath.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cellpath.faults.ActionLog.Act;
import org.cellpath.localstack.CellPathService;
import org.cellpath.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything people do to a case after the physician submits it, through CellPath's public APIs
 * with each role's token: the reviewer decides, the physician amends and withdraws, the scheduler
 * books by hand, moves, cancels and records attendance, the patient replies STOP. Each action is
 * recorded in the {@link ActionLog} with what the API answered: 2xx (done), another status
 * (refused: it must change nothing), or -1 when the connection broke and the tests cannot know (the
 * reconciliation accepts either outcome then, and only a consistent one).
 */
final class Workflow {

  static final int UNKNOWN = -1;
  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FaultSystem system;
  private final ActionLog log;
  private final Cases cases;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Workflow(FaultSystem system, ActionLog log, Cases cases) {
    this.system = system;
    this.log = log;
    this.cases = cases;
  }

  // ---------------------------------------------------------------- reviewer

  /** The open review of a referral, if the review consumer has opened it. */
  Optional<String> openReview(String referralId) throws Exception {
    JsonNode queue = get(CellPathService.REFERRAL, "/api/reviews?limit=500", TestTokens.reviewer());
    for (JsonNode review : queue) {
      if (referralId.equals(review.path("referralId").asString())) {
        return Optional.of(review.path("id").asString());
      }
    }
    return Optional.empty();
  }

  ActionLog.Action approve(String referralId, String reviewId) {
    return act(
        Act.APPROVED,
        referralId,
        CellPathService.REFERRAL,
        "/api/reviews/" + reviewId + "/approval",
        TestTokens.reviewer(),
        "{\"cellSource\":\"BONE_MARROW\",\"injectionSite\":\"Left Achilles insertion\"}",
        Map.of("review", reviewId));
  }

  ActionLog.Action decline(String referralId, String reviewId) {
    return act(
        Act.DECLINED,
        referralId,
        CellPathService.REFERRAL,
        "/api/reviews/" + reviewId + "/decline",
        TestTokens.reviewer(),
        "{\"reason\":\"Anticoagulation cannot be paused for the harvest.\"}",
        Map.of("review", reviewId));
  }

  ActionLog.Action requestInformation(String referralId, String reviewId) {
    return act(
        Act.INFO_REQUESTED,
        referralId,
        CellPathService.REFERRAL,
        "/api/reviews/" + reviewId + "/information-request",
        TestTokens.reviewer(),
        "{\"items\":[\"Who manages the anticoagulation, and can it be paused for 48 hours?\"]}",
        Map.of("review", reviewId));
  }

  // ---------------------------------------------------------------- physician

  /**
   * The physician answers an information request: the same referral, the practice named as amended.
   */
  ActionLog.Action amend(String referralId, String practice) {
    Cases.Case made = cases.of(referralId).orElseThrow();
    return act(
        Act.AMENDED,
        referralId,
        CellPathService.REFERRAL,
        "/api/referrals/" + referralId,
        TestTokens.physician(made.npi()),
        made.json(practice),
        Map.of("practice", practice),
        "PUT");
  }

  ActionLog.Action withdraw(String referralId) {
    Cases.Case made = cases.of(referralId).orElseThrow();
    return act(
        Act.WITHDRAWN,
        referralId,
        CellPathService.REFERRAL,
        "/api/referrals/" + referralId + "/withdrawal",
        TestTokens.physician(made.npi()),
        "{}",
        Map.of());
  }

  // ---------------------------------------------------------------- scheduler

  /** The referral's pairs as scheduling shows them to a scheduler. */
  List<JsonNode> pairs(String referralId) throws Exception {
    List<JsonNode> pairs = new ArrayList<>();
    get(
            CellPathService.SCHEDULING,
            "/api/appointment-pairs?referralId=" + referralId,
            TestTokens.scheduler())
        .forEach(pairs::add);
    return pairs;
  }

  Optional<JsonNode> livePair(String referralId) throws Exception {
    return pairs(referralId).stream()
        .filter(pair -> !"CANCELLED".equals(pair.path("status").asString()))
        .findFirst();
  }

  /**
   * Moves the referral's live pair onto other free slots of its clinician (the first pair of slots
   * that fits).
   */
  Optional<ActionLog.Action> reschedule(String referralId) throws Exception {
    Optional<JsonNode> pair = livePair(referralId);
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    String pairId = pair.get().path("id").asString();
    for (SlotPair target :
        freeBoneMarrowPairs(
            pair.get().path("appointments").get(0).path("clinician").path("id").asString(), 3)) {
      ActionLog.Action moved =
          act(
              Act.RESCHEDULED,
              referralId,
              CellPathService.SCHEDULING,
              "/api/appointment-pairs/" + pairId + "/reschedule",
              TestTokens.scheduler(),
              target.json(),
              Map.of("pair", pairId));
      if (moved.status() != 409) {
        return Optional.of(moved);
      }
    }
    return Optional.empty();
  }

  Optional<ActionLog.Action> cancel(String referralId) throws Exception {
    Optional<JsonNode> pair = livePair(referralId);
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    String pairId = pair.get().path("id").asString();
    return Optional.of(
        act(
            Act.CANCELLED,
            referralId,
            CellPathService.SCHEDULING,
            "/api/appointment-pairs/" + pairId + "/cancellation",
            TestTokens.scheduler(),
            "{\"reason\":\"The clinician is away that day.\"}",
            Map.of("pair", pairId)));
  }

  /**
   * A scheduler books free slots by hand for a case whose pair was cancelled (or that waits on the
   * waitlist).
   */
  Optional<ActionLog.Action> bookByHand(String referralId, String clinicianId) throws Exception {
    for (SlotPair target : freeBoneMarrowPairs(clinicianId, 3)) {
      ActionLog.Action booked =
          act(
              Act.BOOKED_BY_HAND,
              referralId,
              CellPathService.SCHEDULING,
              "/api/appointment-pairs",
              TestTokens.scheduler(),
              "{\"referralId\":\"" + referralId + "\"," + target.json().substring(1),
              Map.of());
      if (booked.status() != 409) {
        return Optional.of(booked);
      }
    }
    return Optional.empty();
  }

  /**
   * Records the appointment of this kind in the referral's live pair completed (or not attended).
   */
  Optional<ActionLog.Action> attendance(String referralId, String kind, boolean completed)
      throws Exception {
    Optional<JsonNode> pair = livePair(referralId);
    if (pair.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode appointment : pair.get().path("appointments")) {
      if (kind.equals(appointment.path("kind").asString())) {
        String id = appointment.path("id").asString();
        return Optional.of(
            act(
                completed ? Act.COMPLETED : Act.NO_SHOW,
                referralId,
                CellPathService.SCHEDULING,
                "/api/appointments/" + id + (completed ? "/completion" : "/no-show"),
                TestTokens.scheduler(),
                completed ? "{}" : "",
                Map.of(
                    "appointment",
                    id,
                    "kind",
                    kind,
                    "pair",
                    pair.get().path("id").asString(),
                    "startsAt",
                    appointment.path("startsAt").asString())));
      }
    }
    return Optional.empty();
  }

  /**
   * A 60-minute harvest and a 30-minute injection 90 minutes after it ends, for a fat-tissue case,
   * on a weekday.
   */
  ActionLog.Action addAdiposeSlots(
      String clinicianId, String harvestRoom, String injectionRoom, LocalDate day) {
    ActionLog.Action harvest =
        act(
            Act.SLOTS_ADDED,
            null,
            CellPathService.SCHEDULING,
            "/api/slots",
            TestTokens.scheduler(),
            """
            {"clinicianId":"%s","roomId":"%s","kind":"HARVEST","date":"%s","startTime":"17:45","durationMinutes":60}
            """
                .formatted(clinicianId, harvestRoom, day),
            Map.of("kind", "HARVEST", "date", day.toString()));
    act(
        Act.SLOTS_ADDED,
        null,
        CellPathService.SCHEDULING,
        "/api/slots",
        TestTokens.scheduler(),
        """
        {"clinicianId":"%s","roomId":"%s","kind":"INJECTION","date":"%s","startTime":"20:15","durationMinutes":30}
        """
            .formatted(clinicianId, injectionRoom, day),
        Map.of("kind", "INJECTION", "date", day.toString()));
    return harvest;
  }

  /**
   * A 60-minute harvest and an injection that fits it, created blocked (no booking may take them
   * yet), for the race between freeing them, a booking by hand and a withdrawal.
   *
   * @return the harvest slot's id, then the injection's
   */
  List<String> blockedAdiposeSlots(ClinicSeed.Clinician clinician, LocalDate day) throws Exception {
    List<String> ids = new ArrayList<>();
    for (String[] slot :
        List.of(
            new String[] {clinician.harvestRoom(), "HARVEST", "17:45", "60"},
            new String[] {clinician.injectionRoom(), "INJECTION", "20:15", "30"})) {
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(system.url(CellPathService.SCHEDULING).resolve("/api/slots"))
                  .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          """
              {"clinicianId":"%s","roomId":"%s","kind":"%s","date":"%s","startTime":"%s","durationMinutes":%s}
              """
                              .formatted(clinician.id(), slot[0], slot[1], day, slot[2], slot[3])))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201 && created.statusCode() != 200) {
        return List.of();
      }
      String id = JSON.readTree(created.body()).path("id").asString();
      http.send(
          HttpRequest.newBuilder(
                  system.url(CellPathService.SCHEDULING).resolve("/api/slots/" + id + "/block"))
              .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
      ids.add(id);
    }
    return ids;
  }

  /** A scheduler frees blocked slots (the waitlist worker wakes for them). */
  void free(List<String> slotIds) {
    for (String id : slotIds) {
      act(
          Act.SLOTS_ADDED,
          null,
          CellPathService.SCHEDULING,
          "/api/slots/" + id + "/free",
          TestTokens.scheduler(),
          "",
          Map.of("slot", id, "freed", "true"));
    }
  }

  /** A scheduler books these slots (harvest, injection) by hand for the case. */
  ActionLog.Action bookByHand(String referralId, List<String> slotIds) {
    return act(
        Act.BOOKED_BY_HAND,
        referralId,
        CellPathService.SCHEDULING,
        "/api/appointment-pairs",
        TestTokens.scheduler(),
        "{\"referralId\":\""
            + referralId
            + "\","
            + new SlotPair(slotIds.get(0), slotIds.get(1)).json().substring(1),
        Map.of());
  }

  // ---------------------------------------------------------------- patient

  /** The patient replies STOP to an SMS, through the SMS provider's signed webhook. */
  ActionLog.Action stop(String phone) {
    int status;
    try {
      status = system.smsReply(phone, "STOP");
    } catch (IOException e) {
      status = UNKNOWN;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return log.record(Act.STOP, null, system.now(), status, Map.of("phone", phone));
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Two free slots of a clinician that a bone-marrow pair fits: harvest, then the injection 30 min
   * to 3 h after.
   */
  private List<SlotPair> freeBoneMarrowPairs(String clinicianId, int wanted) throws Exception {
    // Far from the earliest days, which automatic booking fills first.
    LocalDate from = system.now().atZone(CLINIC).toLocalDate().plusDays(25);
    LocalDate to = LocalDate.now(CLINIC).plusDays(59);
    if (from.isAfter(to)) {
      return List.of();
    }
    List<JsonNode> free = new ArrayList<>();
    get(
            CellPathService.SCHEDULING,
            "/api/slots?from=" + from + "&to=" + to + "&clinicianId=" + clinicianId,
            TestTokens.scheduler())
        .forEach(
            slot -> {
              if ("FREE".equals(slot.path("status").asString())) {
                free.add(slot);
              }
            });
    List<SlotPair> found = new ArrayList<>();
    List<JsonNode> harvests =
        free.stream()
            .filter(s -> "HARVEST".equals(s.path("kind").asString()))
            .sorted(Comparator.comparing((JsonNode s) -> s.path("startsAt").asString()).reversed())
            .toList();
    for (JsonNode harvest : harvests) {
      Instant harvestEnd = Instant.parse(harvest.path("endsAt").asString());
      Optional<JsonNode> injection =
          free.stream()
              .filter(
                  s ->
                      "INJECTION".equals(s.path("kind").asString())
                          && s.path("date").asString().equals(harvest.path("date").asString()))
              .filter(
                  s -> {
                    Duration gap =
                        Duration.between(harvestEnd, Instant.parse(s.path("startsAt").asString()));
                    return gap.compareTo(Duration.ofMinutes(30)) >= 0
                        && gap.compareTo(Duration.ofHours(3)) <= 0;
                  })
              .findFirst();
      if (injection.isPresent()) {
        found.add(
            new SlotPair(harvest.path("id").asString(), injection.get().path("id").asString()));
        free.remove(injection.get());
        if (found.size() == wanted) {
          break;
        }
      }
    }
    return found;
  }

  private record SlotPair(String harvest, String injection) {
    String json() {
      return "{\"harvestSlotId\":\"" + harvest + "\",\"injectionSlotId\":\"" + injection + "\"}";
    }
  }

  private ActionLog.Action act(
      Act act,
      String referralId,
      CellPathService service,
      String path,
      String token,
      String body,
      Map<String, String> details) {
    return act(act, referralId, service, path, token, body, details, "POST");
  }

  private ActionLog.Action act(
      Act act,
      String referralId,
      CellPathService service,
      String path,
      String token,
      String body,
      Map<String, String> details,
      String method) {
    Instant at = system.now();
    int status;
    Map<String, String> recorded = new LinkedHashMap<>(details);
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(system.url(service).resolve(path))
              .timeout(Duration.ofSeconds(8))
              .header("Authorization", TestTokens.bearer(token));
      if (body.isEmpty()) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      status = response.statusCode();
      if (status >= 200 && status < 300 && response.body().startsWith("{")) {
        JsonNode answer = JSON.readTree(response.body());
        if (answer.has("sequence")) {
          recorded.put("sequence", answer.path("sequence").asString());
        }
        if (answer.has("id") && (act == Act.BOOKED_BY_HAND)) {
          recorded.put("pair", answer.path("id").asString());
        }
      } else if (status >= 300) {
        recorded.put(
            "problem",
            response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
      }
    } catch (IOException | IllegalStateException e) {
      status = UNKNOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return log.record(act, referralId, at, status, recorded);
  }

  private JsonNode get(CellPathService service, String path, String token) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(system.url(service).resolve(path))
                .timeout(Duration.ofSeconds(8))
                .header("Authorization", TestTokens.bearer(token))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + path + " -> " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }
}

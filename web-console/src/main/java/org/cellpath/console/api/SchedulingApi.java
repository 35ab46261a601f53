package org.cellpath.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** scheduling-service: clinic data, slots, appointment pairs and the waitlist (docs/api.md). */
public class SchedulingApi {

  /** The most contacts scheduling-service reads in one request. */
  static final int MAX_CONTACTS = 500;

  private final RestClient http;

  SchedulingApi(RestClient http) {
    this.http = http;
  }

  public record Clinician(UUID id, String name) {}

  public record Site(UUID id, String name, String address, String timeZone) {}

  public record Room(UUID id, UUID siteId, String name) {}

  /**
   * @param referralId and {@code pairId}: who holds a booked slot; null otherwise
   */
  public record Slot(
      UUID id,
      UUID clinicianId,
      UUID roomId,
      UUID siteId,
      String kind,
      LocalDate date,
      LocalTime startTime,
      LocalTime endTime,
      String timeZone,
      Instant startsAt,
      Instant endsAt,
      long durationMinutes,
      String status,
      UUID referralId,
      UUID pairId) {}

  public record TemplateResult(int created, int skipped, List<UUID> slotIds) {}

  public record Ref(UUID id, String name) {}

  public record SiteRef(UUID id, String name, String address) {}

  public record Appointment(
      UUID id,
      String kind,
      String status,
      UUID slotId,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      LocalDate date,
      LocalTime startTime,
      LocalTime endTime,
      Ref clinician,
      SiteRef site,
      Ref room) {}

  public record Pair(
      UUID id,
      UUID referralId,
      String status,
      int sequence,
      Instant bookedAt,
      Instant cancelledAt,
      List<Appointment> appointments) {

    public Appointment harvest() {
      return appointments.stream().filter(a -> "HARVEST".equals(a.kind())).findFirst().orElse(null);
    }

    public Appointment injection() {
      return appointments.stream()
          .filter(a -> "INJECTION".equals(a.kind()))
          .findFirst()
          .orElse(null);
    }
  }

  public record Case(
      UUID referralId,
      String cellSource,
      String status,
      Instant approvedAt,
      Instant waitlistedAt,
      LocalDate searchedFrom,
      LocalDate searchedUntil,
      Instant offeredUntil) {

    /** A case without an open offer. */
    public Case(
        UUID referralId,
        String cellSource,
        String status,
        Instant approvedAt,
        Instant waitlistedAt,
        LocalDate searchedFrom,
        LocalDate searchedUntil) {
      this(
          referralId,
          cellSource,
          status,
          approvedAt,
          waitlistedAt,
          searchedFrom,
          searchedUntil,
          null);
    }

    /** A donated product has no harvest: a single injection appointment. */
    public boolean donated() {
      return "AMNIOTIC".equals(cellSource) || "UMBILICAL_CORD".equals(cellSource);
    }
  }

  /**
   * Whom a case is for: what a scheduler needs to call them, nothing clinical (ADR 34).
   *
   * @param shortId the first 8 hex digits of the referral id, as the review queue shows it
   * @param mobilePhone null when the patient gave none
   */
  public record Contact(
      UUID referralId,
      String shortId,
      String givenName,
      String familyName,
      String mobilePhone,
      String language) {

    public String name() {
      return givenName + " " + familyName;
    }
  }

  /**
   * A case a search found.
   *
   * @param pairId its booked pair; null unless booked
   */
  public record FoundCase(
      UUID referralId,
      String shortId,
      Contact patient,
      String status,
      String cellSource,
      Instant waitlistedAt,
      UUID pairId,
      Instant firstAppointmentAt) {}

  /** A booked pair starting soon that the patient has not confirmed as it stands. */
  public record UnconfirmedPair(
      UUID pairId,
      UUID referralId,
      String shortId,
      Contact patient,
      int sequence,
      Integer confirmedSequence,
      String kind,
      Instant startsAt,
      String timeZone,
      LocalDate date,
      LocalTime startTime,
      String clinicianName,
      String siteName,
      String roomName) {}

  public List<Clinician> clinicians() {
    return list(http.get().uri("/api/clinicians").retrieve().body(Clinician[].class));
  }

  public Clinician registerClinician(String name) {
    return post("/api/clinicians", Map.of("name", name), Clinician.class);
  }

  public List<Site> sites() {
    return list(http.get().uri("/api/sites").retrieve().body(Site[].class));
  }

  public Site registerSite(String name, String address, String timeZone) {
    return post(
        "/api/sites", body("name", name, "address", address, "timeZone", timeZone), Site.class);
  }

  public List<Room> rooms(UUID siteId) {
    return list(http.get().uri("/api/sites/{id}/rooms", siteId).retrieve().body(Room[].class));
  }

  public Room registerRoom(UUID siteId, String name) {
    return post("/api/sites/" + siteId + "/rooms", Map.of("name", name), Room.class);
  }

  /**
   * Slots whose day lies between {@code from} and {@code to} (both included), of a clinician or a
   * room or all.
   */
  public List<Slot> slots(LocalDate from, LocalDate to, UUID clinicianId, UUID roomId) {
    return list(
        http.get()
            .uri(
                uri -> {
                  uri.path("/api/slots").queryParam("from", from).queryParam("to", to);
                  if (clinicianId != null) {
                    uri.queryParam("clinicianId", clinicianId);
                  }
                  if (roomId != null) {
                    uri.queryParam("roomId", roomId);
                  }
                  return uri.build();
                })
            .retrieve()
            .body(Slot[].class));
  }

  public Slot slot(UUID id) {
    return http.get().uri("/api/slots/{id}", id).retrieve().body(Slot.class);
  }

  /**
   * {@code POST /api/slots}: the body's values as the scheduler typed them; the service checks
   * them.
   */
  public Slot createSlot(Map<String, Object> slot) {
    return post("/api/slots", slot, Slot.class);
  }

  public TemplateResult createFromTemplate(Map<String, Object> template) {
    return post("/api/slots/template", template, TemplateResult.class);
  }

  public Slot block(UUID slotId) {
    return http.post().uri("/api/slots/{id}/block", slotId).retrieve().body(Slot.class);
  }

  public Slot free(UUID slotId) {
    return http.post().uri("/api/slots/{id}/free", slotId).retrieve().body(Slot.class);
  }

  public List<Pair> pairsOfReferral(UUID referralId) {
    return list(
        http.get()
            .uri(
                uri ->
                    uri.path("/api/appointment-pairs").queryParam("referralId", referralId).build())
            .retrieve()
            .body(Pair[].class));
  }

  public Pair pair(UUID pairId) {
    return http.get().uri("/api/appointment-pairs/{id}", pairId).retrieve().body(Pair.class);
  }

  public Case schedulingCase(UUID referralId) {
    return http.get().uri("/api/scheduling-cases/{id}", referralId).retrieve().body(Case.class);
  }

  /**
   * The clinic's waitlist setting.
   *
   * @param mode AUTOMATIC or OFFERS
   * @param offerHold an ISO-8601 duration ({@code PT4H})
   */
  public record WaitlistSettings(String mode, java.time.Duration offerHold) {}

  public WaitlistSettings waitlistSettings() {
    return http.get().uri("/api/clinic/waitlist-settings").retrieve().body(WaitlistSettings.class);
  }

  public WaitlistSettings changeWaitlistSettings(String mode, String offerHold) {
    return http.put()
        .uri("/api/clinic/waitlist-settings")
        .contentType(MediaType.APPLICATION_JSON)
        .body(body("mode", mode, "offerHold", offerHold))
        .retrieve()
        .body(WaitlistSettings.class);
  }

  public List<Case> waitlist() {
    return list(http.get().uri("/api/waitlist").retrieve().body(Case[].class));
  }

  /** Books the chosen slots by hand; {@code harvestSlotId} null for a donated product. */
  public Pair book(UUID referralId, UUID harvestSlotId, UUID injectionSlotId) {
    return post(
        "/api/appointment-pairs",
        body(
            "referralId",
            referralId,
            "harvestSlotId",
            harvestSlotId,
            "injectionSlotId",
            injectionSlotId),
        Pair.class);
  }

  public Pair reschedule(UUID pairId, UUID harvestSlotId, UUID injectionSlotId) {
    return post(
        "/api/appointment-pairs/" + pairId + "/reschedule",
        body("harvestSlotId", harvestSlotId, "injectionSlotId", injectionSlotId),
        Pair.class);
  }

  public Pair cancel(UUID pairId, String reason) {
    return post(
        "/api/appointment-pairs/" + pairId + "/cancellation", body("reason", reason), Pair.class);
  }

  /** The appointment took place; {@code productLot} only for a donated product's injection. */
  public Pair complete(UUID appointmentId, String productLot) {
    return post(
        "/api/appointments/" + appointmentId + "/completion",
        productLot == null || productLot.isBlank()
            ? Map.of()
            : Map.of("productLot", productLot.strip()),
        Pair.class);
  }

  /**
   * Closes the case and returns it to the referring physician with a reason code
   * (PATIENT_UNREACHABLE, PATIENT_DECLINED, REPEATED_NO_SHOW, NO_SUITABLE_SLOTS, OTHER).
   */
  public void returnCase(UUID referralId, String reason) {
    post("/api/scheduling-cases/" + referralId + "/return", body("reason", reason), Map.class);
  }

  public Pair noShow(UUID appointmentId) {
    return http.post()
        .uri("/api/appointments/{id}/no-show", appointmentId)
        .retrieve()
        .body(Pair.class);
  }

  /**
   * The contacts of these referrals, by referral id (those without a case are left out); none
   * asked, none read.
   */
  public Map<UUID, Contact> contacts(Collection<UUID> referralIds) {
    List<UUID> ids = referralIds.stream().filter(Objects::nonNull).distinct().toList();
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, Contact> contacts = new HashMap<>();
    for (int from = 0; from < ids.size(); from += MAX_CONTACTS) {
      for (Contact contact :
          list(
              post(
                  "/api/cases/contacts",
                  Map.of(
                      "referralIds", ids.subList(from, Math.min(ids.size(), from + MAX_CONTACTS))),
                  Contact[].class))) {
        contacts.put(contact.referralId(), contact);
      }
    }
    return contacts;
  }

  /** Cases by part of a name or by short id; the query travels in the body, never the URL. */
  public List<FoundCase> searchCases(String query) {
    return list(post("/api/cases/search", body("query", query), FoundCase[].class));
  }

  /** Booked pairs starting within the hours given that the patient has not confirmed. */
  public List<UnconfirmedPair> unconfirmedPairs(int withinHours) {
    return list(
        http.get()
            .uri(
                uri ->
                    uri.path("/api/pairs/unconfirmed")
                        .queryParam("within", withinHours + "h")
                        .build())
            .retrieve()
            .body(UnconfirmedPair[].class));
  }

  private <T> T post(String path, Map<String, ?> body, Class<T> type) {
    return http.post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .body(type);
  }

  /**
   * A body that may hold nulls (Map.of refuses them); a null is sent as JSON null, which the
   * services read as absent.
   */
  private static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> body = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      body.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return body;
  }

  private static <T> List<T> list(T[] array) {
    return array == null ? List.of() : List.of(array);
  }
}

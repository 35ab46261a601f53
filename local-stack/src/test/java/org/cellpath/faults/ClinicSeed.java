package org.cellpath.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cellpath.localstack.CellPathService;
import org.cellpath.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The clinic a load books into, created through the scheduling API as a scheduler would: one site,
 * and per clinician a harvest room and an injection room with weekday templates that pair up
 * (45-minute harvests, then 30-minute injections within the bone-marrow window), from the earliest
 * bookable day (approval + 7) to the horizon (60): 8 pairs per clinician per weekday, about 300 per
 * clinician in all. When the tests move the services' clocks forward, {@link #extend} adds the days
 * that came into the horizon.
 */
public final class ClinicSeed {

  /** One clinician with the rooms their slots are in. */
  record Clinician(String id, String harvestRoom, String injectionRoom) {}

  /** What was seeded. */
  record Clinic(String siteId, List<Clinician> clinicians) {}

  private static final ZoneId CLINIC = ZoneId.of("America/Los_Angeles");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ClinicSeed() {}

  public static void seed(FaultSystem system, int clinicians) throws Exception {
    seed(system, clinicians, LocalDate.now(CLINIC));
  }

  /** Seeds the clinic with slots from {@code today} + 7 to {@code today} + 60 (clinic days). */
  static Clinic seed(FaultSystem system, int clinicians, LocalDate today) throws Exception {
    URI scheduling =
        URI.create("http://localhost:" + system.first(CellPathService.SCHEDULING).port());
    String site =
        post(
                scheduling,
                "/api/sites",
                """
        {"name":"CellPath Foot & Ankle Clinic","address":"100 Market St, San Francisco","timeZone":"America/Los_Angeles"}
        """)
            .get("id")
            .asString();
    List<Clinician> seeded = new ArrayList<>();
    for (int c = 0; c < clinicians; c++) {
      String clinician =
          post(scheduling, "/api/clinicians", "{\"name\":\"Dr. Load " + c + "\"}")
              .get("id")
              .asString();
      String harvestRoom =
          post(scheduling, "/api/sites/" + site + "/rooms", "{\"name\":\"Harvest " + c + "\"}")
              .get("id")
              .asString();
      String injectionRoom =
          post(scheduling, "/api/sites/" + site + "/rooms", "{\"name\":\"Injection " + c + "\"}")
              .get("id")
              .asString();
      seeded.add(new Clinician(clinician, harvestRoom, injectionRoom));
    }
    Clinic clinic = new Clinic(site, List.copyOf(seeded));
    extend(system, clinic, today.plusDays(7), today.plusDays(60));
    return clinic;
  }

  /**
   * The weekday templates of every clinician over these days (slots that exist already are
   * skipped).
   */
  static void extend(FaultSystem system, Clinic clinic, LocalDate from, LocalDate to)
      throws Exception {
    URI scheduling = system.url(CellPathService.SCHEDULING);
    for (Clinician c : clinic.clinicians()) {
      template(scheduling, c.id(), c.harvestRoom(), "HARVEST", "07:00", "10:00", 45, from, to);
      template(scheduling, c.id(), c.injectionRoom(), "INJECTION", "10:15", "12:15", 30, from, to);
      template(scheduling, c.id(), c.harvestRoom(), "HARVEST", "12:15", "15:15", 45, from, to);
      template(scheduling, c.id(), c.injectionRoom(), "INJECTION", "15:30", "17:30", 30, from, to);
    }
  }

  private static void template(
      URI scheduling,
      String clinician,
      String room,
      String kind,
      String start,
      String end,
      int minutes,
      LocalDate from,
      LocalDate to)
      throws Exception {
    List<String> weekdays =
        Stream.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)
            .map(day -> "\"" + day + "\"")
            .toList();
    post(
        scheduling,
        "/api/slots/template",
        """
        {"clinicianId":"%s","roomId":"%s","kind":"%s","weekdays":%s,"startTime":"%s","endTime":"%s",
         "durationMinutes":%d,"from":"%s","to":"%s"}"""
            .formatted(clinician, room, kind, weekdays, start, end, minutes, from, to));
  }

  private static JsonNode post(URI base, String path, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestTokens.bearer(TestTokens.scheduler()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }
}

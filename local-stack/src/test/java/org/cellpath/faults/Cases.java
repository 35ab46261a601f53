package org.cellpath.faults;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The referrals the fault tests make up, and who is behind each: a patient with their own email and
 * language, a mobile number that a few patients share (so that the SMS limits per number bite), and
 * a referring physician of their own (an NPI and a practice email per referral, so that the
 * physician's messages are told apart by recipient and the per-caller submission limit never
 * throttles the load into a crawl).
 */
final class Cases {

  /** What the pre-screen will make of a referral, and so what the tests must do with it. */
  enum Path {
    /** Likely eligible, bone marrow: approved automatically and booked into the seeded slots. */
    ELIGIBLE,
    /**
     * Anticoagulant use: the pre-screen asks for a clinician, and the tests review it through the
     * reviewer's API.
     */
    NEEDS_REVIEW,
    /**
     * Likely eligible, fat tissue: approved automatically, but the seeded slots are too short for
     * its harvest.
     */
    ADIPOSE
  }

  /**
   * A patient as the physician describes them. {@code phone} is null for a patient without a mobile
   * number.
   */
  record Patient(
      String givenName,
      String familyName,
      String email,
      String phone,
      boolean smsConsent,
      String language,
      ZoneId zone) {}

  /** One referral the tests made up, before and after it is submitted. */
  record Case(
      String scenario,
      int n,
      String idempotencyKey,
      Patient patient,
      String npi,
      String physicianEmail,
      Path path) {

    String cellSource() {
      return path == Path.ADIPOSE ? "ADIPOSE" : "BONE_MARROW";
    }

    /**
     * The referral as the physician's system submits it (and amends it: {@code amendedNote} in the
     * practice).
     */
    String json(String practice) {
      LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
      String healthFactors = path == Path.NEEDS_REVIEW ? "[\"ANTICOAGULANT_USE\"]" : "[]";
      String phone = patient.phone() == null ? "null" : "\"" + patient.phone() + "\"";
      return """
          {"patient":{"givenName":"%s","familyName":"%s","dateOfBirth":"1968-05-%02d","sex":"FEMALE",
                      "mobilePhone":%s,"email":"%s","language":"%s","preferredChannel":"%s",
                      "smsConsent":%s,"timeZone":"%s"},
           "physician":{"name":"Dr. Fault %d","npi":"%s","practice":"%s",
                        "phone":"+14155550999","email":"%s"},
           "condition":"ACHILLES_TENDON_INJURY","side":"LEFT","icd10Code":"M76.62","symptomOnset":"%s",
           "conservativeCare":[
             {"modality":"PHYSICAL_THERAPY","startDate":"%s","endDate":"%s","result":"NO_IMPROVEMENT"},
             {"modality":"ANTI_INFLAMMATORY_MEDICATION","startDate":"%s","result":"TEMPORARY_IMPROVEMENT"}],
           "healthFactors":%s,"priorSurgery":false,"preferredCellSource":"%s",
           "expectedCoverage":"NONE_EXPECTED","selfPayAcknowledged":true}
          """
          .formatted(
              patient.givenName(),
              patient.familyName(),
              1 + n % 28,
              phone,
              patient.email(),
              patient.language(),
              patient.phone() != null && patient.smsConsent() ? "SMS" : "EMAIL",
              patient.smsConsent(),
              patient.zone().getId(),
              n,
              npi,
              practice,
              physicianEmail,
              today.minusMonths(9),
              today.minusMonths(6),
              today.minusMonths(2),
              today.minusMonths(5),
              healthFactors,
              cellSource());
    }
  }

  private static final AtomicInteger NUMBERS = new AtomicInteger();

  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
  private final Map<String, Case> byReferral = new ConcurrentHashMap<>();
  private final Map<String, String> referralOfKey = new ConcurrentHashMap<>();

  /**
   * Makes up {@code count} referrals for a scenario.
   *
   * @param paths the path of each in turn (cycled), e.g. mostly {@link Path#ELIGIBLE}
   * @param zone the patients' zone: one where it is day now, so that SMS may go (their window is
   *     08:00-21:00)
   * @param sharedPhoneEvery every that-many-th patient shares the number of the patient before them
   *     (0: none share)
   */
  List<Case> make(String scenario, int count, List<Path> paths, ZoneId zone, int sharedPhoneEvery) {
    List<Case> made = new java.util.ArrayList<>();
    String previousPhone = null;
    for (int i = 0; i < count; i++) {
      int n = NUMBERS.incrementAndGet();
      String phone =
          sharedPhoneEvery > 0
                  && i % sharedPhoneEvery == sharedPhoneEvery - 1
                  && previousPhone != null
              ? previousPhone
              : "+1415%07d".formatted(n);
      previousPhone = phone;
      String language = n % 3 == 0 ? "es" : "en";
      Patient patient =
          new Patient(
              "Fault",
              "Patient" + n,
              "patient-" + run + "-" + n + "@faults.example.org",
              phone,
              true,
              language,
              zone);
      made.add(
          new Case(
              scenario,
              n,
              "faults-" + run + "-" + scenario + "-" + n,
              patient,
              npi(n),
              "dr-" + run + "-" + n + "@practice.faults.example",
              paths.get(i % paths.size())));
    }
    return made;
  }

  void acknowledged(Case made, String referralId) {
    byReferral.put(referralId, made);
    referralOfKey.put(made.idempotencyKey(), referralId);
  }

  Optional<Case> of(String referralId) {
    return Optional.ofNullable(byReferral.get(referralId));
  }

  Optional<String> referralOf(Case made) {
    return Optional.ofNullable(referralOfKey.get(made.idempotencyKey()));
  }

  Collection<Case> all() {
    return byReferral.values();
  }

  /**
   * A zone where it is between 10:00 and 20:00 now, so that patients there may get SMS for the next
   * hour or more whatever the wall clock of the machine says; among such zones, the one nearest
   * 14:00.
   */
  static ZoneId daytimeZone(Instant now) {
    return ZoneId.getAvailableZoneIds().stream()
        .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
        .sorted()
        .map(ZoneId::of)
        .filter(
            zone -> {
              LocalTime local = now.atZone(zone).toLocalTime();
              return !local.isBefore(LocalTime.of(10, 0)) && local.isBefore(LocalTime.of(20, 0));
            })
        .min(
            java.util.Comparator.comparingLong(
                zone ->
                    Math.abs(
                        java.time.Duration.between(
                                LocalTime.of(14, 0), now.atZone(zone).toLocalTime())
                            .toMinutes())))
        .orElseThrow();
  }

  /**
   * A zone where it is between 01:00 and 05:00 now: an SMS to a patient there must wait for 08:00.
   */
  static ZoneId nightZone(Instant now) {
    return ZoneId.getAvailableZoneIds().stream()
        .filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
        .sorted()
        .map(ZoneId::of)
        .filter(
            zone -> {
              LocalTime local = now.atZone(zone).toLocalTime();
              return !local.isBefore(LocalTime.of(1, 0)) && local.isBefore(LocalTime.of(5, 0));
            })
        .findFirst()
        .orElseThrow();
  }

  /** A valid NPI (Luhn check digit over the {@code 80840} prefix), different for each {@code n}. */
  static String npi(int n) {
    String base = Integer.toString(100_000_000 + n);
    String prefixed = "80840" + base;
    int sum = 0;
    for (int i = 0; i < prefixed.length(); i++) {
      int digit = prefixed.charAt(prefixed.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return base + (10 - sum % 10) % 10;
  }
}

package org.cellpath.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Minimum necessary (ADR 12): notification-service reads every event on {@code referral-events} and
 * {@code scheduling-events}, those it handles and those it skips. None of them may carry a
 * diagnosis, a condition, an ICD code, a pre-screen finding or recommendation, or a clinician's
 * free-text reasoning.
 *
 * <p>Checked on the records themselves, recursively: no component is named after clinical content,
 * no component is of a clinical type, and every free-text component is one of the reviewed,
 * non-clinical fields below. A new text field fails this test until someone decides it is not
 * clinical and adds it here.
 */
class MinimumNecessaryTest {

  /** Names (or parts of names) of clinical content. */
  private static final List<String> CLINICAL_NAMES =
      List.of(
          "diagnos",
          "condition",
          "icd",
          "finding",
          "recommendation",
          "reason",
          "symptom",
          "healthfactor",
          "conservativecare",
          "injectionsite",
          "items",
          "clinical",
          "comorbid",
          "medication",
          "surgery");

  /** Types that are clinical content whatever their name. */
  private static final Set<Class<?>> CLINICAL_TYPES = Set.of(Recommendation.class);

  /**
   * Every free-text field these events may carry: contact and logistics, reviewed as not clinical.
   */
  private static final Set<String> REVIEWED_TEXT =
      Set.of(
          "PatientContact.givenName",
          "PatientContact.familyName",
          "PatientContact.email",
          "PatientContact.mobilePhone",
          "PatientContact.language",
          "PatientContact.timeZone",
          "PhysicianContact.name",
          "PhysicianContact.practice",
          "PhysicianContact.email",
          "PhysicianContact.phone",
          "Appointment.timeZone",
          "Appointment.clinicianName",
          "Appointment.siteName",
          "Appointment.siteAddress",
          "Appointment.roomName",
          "ReferralStatusChanged.status",
          "ReferralStatusChanged.note",
          "AppointmentCompleted.productLot");

  @Test
  void noEventReadByNotificationServiceCarriesClinicalContent() {
    List<String> violations = new ArrayList<>();
    for (Class<?> event : readByNotificationService()) {
      check(event, violations, new ArrayList<>());
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void theCheckCatchesAClinicalFieldAnUnreviewedTextAndAClinicalType() {
    record Leaky(
        String diagnosis, String comment, Recommendation recommended, List<String> findingCodes) {}
    List<String> violations = new ArrayList<>();

    check(Leaky.class, violations, new ArrayList<>());

    assertThat(violations)
        .hasSize(6)
        .anyMatch(v -> v.contains("Leaky.diagnosis"))
        .anyMatch(v -> v.contains("Leaky.comment"))
        .anyMatch(v -> v.contains("Leaky.recommended"))
        .anyMatch(v -> v.contains("Leaky.findingCodes"));
  }

  private static List<Class<?>> readByNotificationService() {
    List<Class<?>> events =
        Stream.of(ReferralEvent.class, SchedulingEvent.class)
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .toList();
    assertThat(events).as("every event of both topics").hasSizeGreaterThanOrEqualTo(12);
    return events;
  }

  private static void check(Class<?> type, List<String> violations, List<Class<?>> seen) {
    if (!type.isRecord() || seen.contains(type)) {
      return;
    }
    seen.add(type);
    for (RecordComponent component : type.getRecordComponents()) {
      String path = type.getSimpleName() + "." + component.getName();
      String name = component.getName().toLowerCase(Locale.ROOT);
      CLINICAL_NAMES.stream()
          .filter(name::contains)
          .findFirst()
          .ifPresent(
              word -> violations.add(path + " is named after clinical content (" + word + ")"));
      for (Class<?> used : typesOf(component.getGenericType())) {
        if (CLINICAL_TYPES.contains(used)) {
          violations.add(path + " is of the clinical type " + used.getSimpleName());
        }
        if (used == String.class && !REVIEWED_TEXT.contains(path)) {
          violations.add(path + " is free text not reviewed as non-clinical");
        }
        check(used, violations, seen);
      }
    }
  }

  /** The class of a component, and the element classes of a collection. */
  private static List<Class<?>> typesOf(Type type) {
    if (type instanceof Class<?> plain) {
      return List.of(plain);
    }
    if (type instanceof ParameterizedType generic
        && generic.getRawType() instanceof Class<?> raw
        && Collection.class.isAssignableFrom(raw)) {
      return Arrays.stream(generic.getActualTypeArguments())
          .flatMap(argument -> typesOf(argument).stream())
          .toList();
    }
    return List.of();
  }
}

package org.cellpath.console.web;

import java.util.List;

/**
 * The codes the services accept, for the pages' selects and check boxes (labels are messages:
 * {@code condition.*}, {@code modality.*}, ...). They mirror the services' enums; a code the
 * console does not list is still shown, as its code, wherever a service returns it.
 */
public final class Choices {

  public static final Choices INSTANCE = new Choices();

  private Choices() {}

  public List<String> conditions() {
    return List.of(
        "ACHILLES_TENDON_INJURY",
        "POSTERIOR_TIBIAL_TENDON_DYSFUNCTION",
        "CHRONIC_LATERAL_ANKLE_INSTABILITY",
        "TENDON_OR_LIGAMENT_TEAR",
        "ANKLE_OSTEOARTHRITIS",
        "NON_HEALING_FRACTURE",
        "OTHER");
  }

  public List<String> sides() {
    return List.of("LEFT", "RIGHT", "BILATERAL");
  }

  public List<String> sexes() {
    return List.of("FEMALE", "MALE", "OTHER", "UNDISCLOSED");
  }

  public List<String> languages() {
    return List.of("en", "es");
  }

  public List<String> channels() {
    return List.of("EMAIL", "SMS");
  }

  public List<String> modalities() {
    return List.of(
        "PHYSICAL_THERAPY",
        "BRACING_OR_IMMOBILIZATION",
        "ANTI_INFLAMMATORY_MEDICATION",
        "CORTICOSTEROID_INJECTION",
        "CASTING",
        "REST",
        "ORTHOTICS");
  }

  public List<String> careResults() {
    return List.of("NO_IMPROVEMENT", "PARTIAL_IMPROVEMENT", "TEMPORARY_IMPROVEMENT", "WORSENED");
  }

  public List<String> healthFactors() {
    return List.of(
        "DIABETES",
        "SMOKING",
        "OSTEOPOROSIS",
        "ACTIVE_INFECTION",
        "ACTIVE_CANCER",
        "BLEEDING_DISORDER",
        "ANTICOAGULANT_USE",
        "PREGNANCY");
  }

  public List<String> cellSources() {
    return List.of("BONE_MARROW", "ADIPOSE", "AMNIOTIC", "UMBILICAL_CORD", "NO_PREFERENCE");
  }

  /** What a reviewer may approve: a cell source to use, so not "no preference". */
  public List<String> approvableCellSources() {
    return List.of("BONE_MARROW", "ADIPOSE", "AMNIOTIC", "UMBILICAL_CORD");
  }

  public List<String> coverages() {
    return List.of("NONE_EXPECTED", "UNKNOWN", "PREAUTHORIZED");
  }

  public List<String> weekdays() {
    return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
  }

  public List<String> dayParts() {
    return List.of("MORNING", "AFTERNOON");
  }

  public List<String> kellgrenLawrenceGrades() {
    return List.of("1", "2", "3", "4");
  }

  public List<String> referralStatuses() {
    return List.of(
        "SUBMITTED",
        "UNDER_REVIEW",
        "INFO_REQUESTED",
        "APPROVED",
        "DECLINED",
        "WAITLISTED",
        "SCHEDULED",
        "RESCHEDULED",
        "COMPLETED",
        "NO_SHOW",
        "CANCELLED",
        "WITHDRAWN",
        "RETURNED");
  }

  public List<String> recommendations() {
    return List.of("LIKELY_ELIGIBLE", "NEEDS_CLINICIAN_REVIEW", "NOT_ELIGIBLE");
  }

  public List<String> appointmentKinds() {
    return List.of("HARVEST", "INJECTION");
  }
}

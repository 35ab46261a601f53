package org.cellpath.referral.surveys;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cellpath.contracts.Appointment;
import org.cellpath.contracts.AppointmentKind;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.SurveyTimePoint;
import org.cellpath.referral.referral.Referral;
import org.cellpath.time.ClinicTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * When each questionnaire is asked (docs/domain.md §9.2, docs/outcomes.md): the baseline at
 * approval, the follow-ups from the injection's day, following what scheduling reports. Each method
 * runs in its caller's transaction (the approval, the scheduling report's inbox transaction, the
 * withdrawal), so the plan changes with what caused it or not at all.
 */
@Service
public class SurveyPlanning {

  private static final Logger log = LoggerFactory.getLogger(SurveyPlanning.class);

  /** The follow-ups and how many days after the injection's day each is asked. */
  static final Map<SurveyTimePoint, Integer> DAYS_AFTER_INJECTION =
      Map.of(SurveyTimePoint.WEEK_6, 42, SurveyTimePoint.WEEK_12, 84, SurveyTimePoint.WEEK_24, 168);

  private final Surveys surveys;
  private final Clock clock;
  private final ZoneId clinicZone;
  private final LocalTime sendAt;

  SurveyPlanning(
      Surveys surveys,
      Clock clock,
      ClinicTimeZone clinic,
      @Value("${cellpath.outcomes.send-at:10:00}") LocalTime sendAt) {
    this.surveys = surveys;
    this.clock = clock;
    this.clinicZone = clinic.timeZone();
    this.sendAt = sendAt;
  }

  /** The referral was approved: its baseline opens at once, and its link goes out. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void approved(Referral referral) {
    Map<SurveyTimePoint, Survey> existing = surveys.lockOfReferral(referral.id());
    if (existing.containsKey(SurveyTimePoint.BASELINE)) {
      return;
    }
    Instant now = clock.instant();
    Survey baseline = Survey.baseline(referral.id(), now);
    List<CellPathEvent> events =
        baseline.step(now, referral.details().patient().contact(clinicZone));
    surveys.add(baseline, events);
    log.info("Referral {}: baseline questionnaire {} opened", referral.id(), baseline.id());
  }

  /**
   * A pair was booked or moved: the baseline closes by its first appointment, and the follow-ups
   * are planned from the injection's day (stopped ones again: a later booking plans them anew).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void booked(UUID referralId, List<Appointment> appointments) {
    Map<SurveyTimePoint, Survey> existing = surveys.lockOfReferral(referralId);
    appointments.stream()
        .map(Appointment::startsAt)
        .min(Comparator.naturalOrder())
        .ifPresent(
            first -> {
              Survey baseline = existing.get(SurveyTimePoint.BASELINE);
              if (baseline != null) {
                baseline.closeBy(first);
                surveys.save(baseline, List.of());
              }
            });
    Optional<Appointment> injection = injection(appointments);
    if (injection.isEmpty()) {
      return;
    }
    plan(referralId, existing, injection.get().startsAt(), false);
  }

  /**
   * The injection was recorded completed: the follow-ups count from the day it took place, and may
   * open from now on.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void injectionCompleted(UUID referralId, Appointment injection) {
    plan(referralId, surveys.lockOfReferral(referralId), injection.startsAt(), true);
  }

  private void plan(
      UUID referralId,
      Map<SurveyTimePoint, Survey> existing,
      Instant injection,
      boolean injectionDone) {
    LocalDate day = LocalDate.ofInstant(injection, clinicZone);
    List<SurveyTimePoint> planned = new ArrayList<>();
    for (SurveyTimePoint point :
        List.of(SurveyTimePoint.WEEK_6, SurveyTimePoint.WEEK_12, SurveyTimePoint.WEEK_24)) {
      Instant due =
          day.plusDays(DAYS_AFTER_INJECTION.get(point))
              .atTime(sendAt)
              .atZone(clinicZone)
              .toInstant();
      Survey survey = existing.get(point);
      if (survey == null) {
        surveys.add(Survey.followUp(referralId, point, due).plannedAfter(injectionDone), List.of());
        planned.add(point);
      } else if (survey.planFor(due, injectionDone)) {
        surveys.save(survey, List.of());
        planned.add(point);
      }
    }
    log.info(
        "Referral {}: questionnaires {} planned from the injection's day", referralId, planned);
  }

  /**
   * The case will not reach the follow-ups (a cancelled pair, a missed injection, a returned case);
   * with {@code baselineToo}, the open baseline stops as well (a withdrawal).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void stop(UUID referralId, boolean baselineToo) {
    List<SurveyTimePoint> stopped = new ArrayList<>();
    for (Survey survey : surveys.lockOfReferral(referralId).values()) {
      if ((baselineToo || survey.timePoint() != SurveyTimePoint.BASELINE) && survey.stop()) {
        surveys.save(survey, List.of());
        stopped.add(survey.timePoint());
      }
    }
    if (!stopped.isEmpty()) {
      log.info("Referral {}: questionnaires {} stopped", referralId, stopped);
    }
  }

  private static Optional<Appointment> injection(List<Appointment> appointments) {
    return appointments.stream().filter(a -> a.kind() == AppointmentKind.INJECTION).findFirst();
  }
}

package org.cellpath.referral.referral;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.EligibilityReviewOpened;
import org.cellpath.contracts.Recommendation;
import org.cellpath.contracts.ReferralAmended;
import org.cellpath.contracts.ReferralApproved;
import org.cellpath.contracts.ReferralDeclined;
import org.cellpath.contracts.ReferralInfoRequested;
import org.cellpath.contracts.ReferralStatusChanged;
import org.cellpath.contracts.ReferralSubmitted;
import org.cellpath.contracts.ReferralWithdrawn;
import org.cellpath.domain.StateConflictException;
import org.jspecify.annotations.Nullable;

/**
 * A referral: what was submitted, and where the case stands. Every change of its status is one of
 * its named transitions, checked against the status table ({@link Transition}); each dates the
 * change on the timeline and raises the events it causes, which {@link Referrals#save} stores with
 * the change (through the outbox) or not at all. The store saves with optimistic locking on {@code
 * version}.
 */
public final class Referral {

  private final UUID id;
  private ReferralDetails details;
  private final Instant submittedAt;
  private final int version;
  private ReferralStatus status;

  /** When scheduling made its newest report on the case; null before the first. */
  private @Nullable Instant latestSchedulingReport;

  private boolean changed;
  private boolean detailsChanged;
  private final List<NewEntry> newEntries = new ArrayList<>();
  private final List<CellPathEvent> events = new ArrayList<>();

  Referral(
      UUID id,
      ReferralStatus status,
      ReferralDetails details,
      Instant submittedAt,
      int version,
      @Nullable Instant latestSchedulingReport) {
    this.id = id;
    this.status = status;
    this.details = details;
    this.submittedAt = submittedAt;
    this.version = version;
    this.latestSchedulingReport = latestSchedulingReport;
  }

  /**
   * A new referral, announced with the patient's contact (time zone defaulting to the clinic's).
   */
  public static Referral submit(UUID id, ReferralDetails details, Instant now, ZoneId clinicZone) {
    Referral referral = new Referral(id, ReferralStatus.SUBMITTED, details, now, 0, null);
    referral.newEntries.add(new NewEntry(ReferralStatus.SUBMITTED, now, null, false, null));
    referral.events.add(
        new ReferralSubmitted(
            UUID.randomUUID(),
            id,
            now,
            details.patient().contact(clinicZone),
            details.physician().contact()));
    return referral;
  }

  /**
   * The pre-screen ran and the review is open. Other services learn only that it opened: the
   * recommendation stays here, on the timeline (minimum necessary).
   */
  public void openReview(UUID reviewId, Recommendation recommendation, Instant at) {
    move(Transition.OPEN_REVIEW, at, "Pre-screen: " + recommendation);
    events.add(new EligibilityReviewOpened(UUID.randomUUID(), id, at, reviewId));
  }

  /**
   * Approved for scheduling with the cell source to use.
   *
   * @throws StateConflictException when the patient's self-pay acknowledgement is not recorded, or
   *     the referral is not under review
   */
  public void approve(UUID reviewId, CellSource cellSource, Instant at, ZoneId clinicZone) {
    if (!details.selfPayAcknowledged()) {
      throw new StateConflictException(
          "Review "
              + reviewId
              + " cannot be approved: the patient's acknowledgement that "
              + "the therapy is investigational and usually self-pay is not recorded");
    }
    move(Transition.APPROVE, at, "Approved for " + cellSource);
    events.add(
        new ReferralApproved(
            UUID.randomUUID(),
            id,
            at,
            cellSource,
            details.side(),
            details.lastCorticosteroidInjection(),
            details.preferences(),
            details.patient().contact(clinicZone),
            details.physician().contact()));
  }

  /**
   * Declined; the reason, written for the physician, is on the timeline, while the event tells
   * other services only that the case was declined (minimum necessary).
   */
  public void decline(String reason, Instant at, ZoneId clinicZone) {
    move(Transition.DECLINE, at, reason);
    events.add(
        new ReferralDeclined(
            UUID.randomUUID(),
            id,
            at,
            details.patient().contact(clinicZone),
            details.physician().contact()));
  }

  /** The physician is asked for more; what is asked is on the timeline, not in the event. */
  public void requestInformation(List<String> items, Instant at) {
    move(Transition.REQUEST_INFORMATION, at, String.join("; ", items));
    events.add(new ReferralInfoRequested(UUID.randomUUID(), id, at, details.physician().contact()));
  }

  /**
   * Replaces what was submitted with the physician's amendment, which answers an information
   * request, and puts the referral under review again at once. One answer per request: a second
   * amendment is refused, whether or not the review has reopened yet, so that the review that
   * reopens reads the details the physician was told were taken. The amendment is dated under the
   * request it answers (where the web console finds its note); the review's reopening is dated when
   * its pre-screen runs.
   *
   * @throws IllegalTransitionException unless the referral waits for information
   */
  public void amend(ReferralDetails amended, Instant at) {
    require(Transition.AMEND);
    details = amended;
    detailsChanged = true;
    status = Transition.AMEND.target();
    changed = true;
    newEntries.add(
        new NewEntry(
            ReferralStatus.INFO_REQUESTED, at, "Amended by the referring physician", false, null));
    events.add(new ReferralAmended(UUID.randomUUID(), id, at));
  }

  /**
   * Withdrawn by the referring physician; scheduling cancels any appointments when it reads the
   * event.
   */
  public void withdraw(Instant at) {
    move(Transition.WITHDRAW, at, "Withdrawn by the referring physician");
    events.add(new ReferralWithdrawn(UUID.randomUUID(), id, at));
  }

  /** What became of a scheduling report. */
  public enum ReportOutcome {
    /** The newest report: it sets the status and the physician is told. */
    FOLLOWED,
    /** An older report arrived late: dated on the timeline only. */
    LATE,
    /** A decision or withdrawal by people stands: dated on the timeline only. */
    NOT_FOLLOWED
  }

  /**
   * Records what scheduling reports on the case. A report is dated on the timeline at the time
   * scheduling made it, and only the newest report sets the status, so the timeline and the status
   * are the same whatever order reports arrive in. The physician is told of each newest report that
   * the status table lets the case follow.
   */
  public ReportOutcome recordSchedulingReport(Transition report, Instant at, String note) {
    return recordSchedulingReport(report, at, note, null);
  }

  /**
   * Records what scheduling reports on the case, with what happened and the appointments it
   * concerns, for the physician's timeline.
   *
   * @see #recordSchedulingReport(Transition, Instant, String)
   */
  public ReportOutcome recordSchedulingReport(
      Transition report, Instant at, String note, @Nullable TimelineDetail detail) {
    if (!report.isSchedulingReport()) {
      throw new IllegalArgumentException(report + " is no scheduling report");
    }
    boolean newest = latestSchedulingReport == null || !at.isBefore(latestSchedulingReport);
    newEntries.add(new NewEntry(report.target(), at, note, true, detail));
    if (!newest) {
      return ReportOutcome.LATE;
    }
    latestSchedulingReport = at;
    if (!report.leadsFrom(status)) {
      return ReportOutcome.NOT_FOLLOWED;
    }
    if (status != report.target()) {
      status = report.target();
      changed = true;
    }
    events.add(
        new ReferralStatusChanged(
            UUID.randomUUID(),
            id,
            at,
            report.target().name(),
            note,
            details.physician().contact()));
    return ReportOutcome.FOLLOWED;
  }

  /**
   * Dates on the timeline something scheduling reports that changes no status (the patient
   * confirmed attendance; a harvest took place): it is written under the status the case has, and
   * it neither counts as scheduling's newest report nor tells the physician by email, since the
   * status table has nothing to follow.
   */
  public void recordSchedulingNote(Instant at, String note, TimelineDetail detail) {
    newEntries.add(new NewEntry(status, at, note, false, detail));
  }

  /** Whether the physician with this NPI referred the case; a null NPI referred nothing. */
  public boolean isReferredBy(@Nullable String physicianNpi) {
    return physicianNpi != null && physicianNpi.equals(details.physician().npi().value());
  }

  public UUID id() {
    return id;
  }

  public ReferralStatus status() {
    return status;
  }

  public ReferralDetails details() {
    return details;
  }

  public Instant submittedAt() {
    return submittedAt;
  }

  /**
   * The events the transitions since loading raised, in order; the store publishes them when it
   * saves.
   */
  public List<CellPathEvent> events() {
    return List.copyOf(events);
  }

  int version() {
    return version;
  }

  boolean statusChanged() {
    return changed;
  }

  boolean detailsChanged() {
    return detailsChanged;
  }

  List<NewEntry> newEntries() {
    return List.copyOf(newEntries);
  }

  void saved() {
    changed = false;
    detailsChanged = false;
    newEntries.clear();
    events.clear();
  }

  private void move(Transition transition, Instant at, @Nullable String note) {
    require(transition);
    status = transition.target();
    changed = true;
    newEntries.add(new NewEntry(status, at, note, false, null));
  }

  private void require(Transition transition) {
    if (!transition.leadsFrom(status)) {
      throw new IllegalTransitionException(id, status, transition);
    }
  }

  /**
   * A timeline entry not saved yet; scheduling's reports are marked, to find the newest of them.
   */
  record NewEntry(
      ReferralStatus status,
      Instant at,
      @Nullable String note,
      boolean reportedByScheduling,
      @Nullable TimelineDetail detail) {}
}

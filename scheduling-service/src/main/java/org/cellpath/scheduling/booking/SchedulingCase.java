package org.cellpath.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CaseReturnedToReferrer;
import org.cellpath.contracts.CaseWaitlisted;
import org.cellpath.contracts.CellPathEvent;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.PatientContact;
import org.cellpath.contracts.ReturnReason;
import org.cellpath.contracts.SchedulingPreferences;
import org.cellpath.scheduling.planning.PairPlanner;
import org.cellpath.scheduling.planning.PlanningRequest;
import org.cellpath.scheduling.slots.TimeWindow;
import org.jspecify.annotations.Nullable;

/**
 * An approved referral as scheduling keeps it: what planning needs (so that a waitlisted case can
 * be planned again later) and whom the booking events are about. Guards its own transitions.
 *
 * @param waitlistedAt when the case joined the waitlist (its place in the queue); null if it never
 *     did
 * @param lastSearch the days searched when it was waitlisted; null if it never was
 */
public record SchedulingCase(
    UUID referralId,
    UUID approvalEventId,
    Instant approvedAt,
    CellSource cellSource,
    @Nullable LocalDate lastCorticosteroidInjection,
    SchedulingPreferences preferences,
    PatientContact patient,
    CaseStatus status,
    @Nullable Instant waitlistedAt,
    @Nullable TimeWindow lastSearch) {

  public SchedulingCase {
    if (!PairPlanner.plannable(cellSource)) {
      throw new IllegalArgumentException("A scheduling case needs an approved cell source");
    }
    preferences = preferences == null ? SchedulingPreferences.any() : preferences;
  }

  static SchedulingCase approved(
      UUID referralId,
      UUID approvalEventId,
      Instant approvedAt,
      CellSource cellSource,
      @Nullable LocalDate lastCorticosteroidInjection,
      SchedulingPreferences preferences,
      PatientContact patient) {
    return new SchedulingCase(
        referralId,
        approvalEventId,
        approvedAt,
        cellSource,
        lastCorticosteroidInjection,
        preferences,
        patient,
        CaseStatus.APPROVED,
        null,
        null);
  }

  PlanningRequest planningRequest() {
    return new PlanningRequest(cellSource, approvedAt, lastCorticosteroidInjection, preferences);
  }

  SchedulingCase booked() {
    require(
        status == CaseStatus.APPROVED
            || status == CaseStatus.WAITLISTED
            || status == CaseStatus.CANCELLED,
        "book");
    return with(CaseStatus.BOOKED, waitlistedAt, lastSearch);
  }

  SchedulingCase waitlisted(TimeWindow searched, Instant now) {
    require(status == CaseStatus.APPROVED, "waitlist");
    return with(CaseStatus.WAITLISTED, now, searched);
  }

  /**
   * A pair was offered to the waitlisted case: it leaves the queue while the offer is open, keeping
   * its place (docs/domain.md §8.3).
   */
  SchedulingCase offered() {
    require(status == CaseStatus.WAITLISTED, "offer a pair to");
    return with(CaseStatus.OFFERED, waitlistedAt, lastSearch);
  }

  /** The patient accepted the offer: the case is booked. */
  SchedulingCase offerAccepted() {
    require(status == CaseStatus.OFFERED, "accept an offer for");
    return with(CaseStatus.BOOKED, waitlistedAt, lastSearch);
  }

  /**
   * The patient declined the offer, or its hold ran out: the case waits again in the place it had.
   */
  SchedulingCase offerEnded() {
    require(status == CaseStatus.OFFERED, "end an offer for");
    return with(CaseStatus.WAITLISTED, waitlistedAt, lastSearch);
  }

  /** What the case's joining the waitlist announces: the days searched in vain. */
  List<CellPathEvent> waitlistedEvents() {
    require(
        status == CaseStatus.WAITLISTED && waitlistedAt != null && lastSearch != null,
        "announce as waitlisted");
    return List.of(
        new CaseWaitlisted(
            UUID.randomUUID(), referralId, waitlistedAt, lastSearch.from(), lastSearch.until()));
  }

  /** A scheduler cancelled the case's pair. */
  SchedulingCase cancelled() {
    require(status == CaseStatus.BOOKED, "cancel");
    return with(CaseStatus.CANCELLED, waitlistedAt, lastSearch);
  }

  /**
   * A scheduler cancelled the case's pair and the clinic puts such cases back on the waitlist
   * ({@code cellpath.scheduling.cancelled-cases-rejoin-waitlist}): it waits from now, behind every
   * case already waiting.
   */
  SchedulingCase rejoinedWaitlist(TimeWindow searched, Instant now) {
    require(status == CaseStatus.CANCELLED, "put back on the waitlist");
    return with(CaseStatus.WAITLISTED, now, searched);
  }

  /** Whether a scheduler may close the case and return it to the referring physician. */
  boolean returnable() {
    return status == CaseStatus.WAITLISTED
        || status == CaseStatus.CANCELLED
        || status == CaseStatus.APPROVED;
  }

  /**
   * A scheduler closes the case and returns it to the referring physician (docs/domain.md §8.5): it
   * leaves the waitlist and is never booked again. The event carries the reason's code only.
   */
  Returned returned(ReturnReason reason, Instant now) {
    require(returnable(), "return");
    return new Returned(
        with(CaseStatus.RETURNED, waitlistedAt, lastSearch),
        List.of(new CaseReturnedToReferrer(UUID.randomUUID(), referralId, now, reason)));
  }

  /** A returned case and what its return announces. */
  record Returned(SchedulingCase schedulingCase, List<CellPathEvent> events) {}

  /** Whether a scheduler may book a pair for it by hand. */
  boolean manuallyBookable() {
    return status == CaseStatus.WAITLISTED || status == CaseStatus.CANCELLED;
  }

  /** Whether the case was returned to the referring physician; a returned case changes no more. */
  boolean isReturned() {
    return status == CaseStatus.RETURNED;
  }

  /** Whether the referral was withdrawn; a withdrawn case changes no more. */
  boolean isWithdrawn() {
    return status == CaseStatus.WITHDRAWN;
  }

  SchedulingCase withdrawn() {
    require(status != CaseStatus.WITHDRAWN, "withdraw");
    return with(CaseStatus.WITHDRAWN, waitlistedAt, lastSearch);
  }

  private SchedulingCase with(
      CaseStatus next, @Nullable Instant waitlisted, @Nullable TimeWindow searched) {
    return new SchedulingCase(
        referralId,
        approvalEventId,
        approvedAt,
        cellSource,
        lastCorticosteroidInjection,
        preferences,
        patient,
        next,
        waitlisted,
        searched);
  }

  private void require(boolean allowed, String transition) {
    if (!allowed) {
      throw new IllegalStateException(
          "Cannot " + transition + " case " + referralId + " in status " + status);
    }
  }
}

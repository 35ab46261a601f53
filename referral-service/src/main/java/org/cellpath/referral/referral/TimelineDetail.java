package org.cellpath.referral.referral;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a timeline entry records beside its status, when scheduling reported it: the happening, the
 * channel a patient confirmed by, and the appointments it concerns, each with its time (and the
 * site's zone, to show it as the site reads it) and place. Nothing about the patient.
 *
 * @param happening what happened ({@link Happening})
 * @param confirmedBy for a confirmation, the channel ({@code PATIENT_LINK}, {@code SMS_REPLY},
 *     {@code STAFF}); null otherwise
 * @param returnReason for a case returned to the physician, the reason's code ({@code
 *     PATIENT_UNREACHABLE}, {@code PATIENT_DECLINED}, {@code REPEATED_NO_SHOW}, {@code
 *     NO_SUITABLE_SLOTS}, {@code OTHER}); null otherwise
 */
public record TimelineDetail(
    Happening happening,
    @Nullable String confirmedBy,
    List<AppointmentOnTimeline> appointments,
    @Nullable String returnReason) {

  public TimelineDetail {
    appointments = appointments == null ? List.of() : List.copyOf(appointments);
  }

  public TimelineDetail(
      Happening happening, @Nullable String confirmedBy, List<AppointmentOnTimeline> appointments) {
    this(happening, confirmedBy, appointments, null);
  }

  /** A case returned to the physician, with the reason's code. */
  public static TimelineDetail returned(String returnReason) {
    return new TimelineDetail(Happening.RETURNED, null, List.of(), returnReason);
  }

  /** Each happening a scheduling report can record on the timeline. */
  public enum Happening {
    BOOKED,
    MOVED,
    CONFIRMED,
    CANCELLED,
    COMPLETED,
    NO_SHOW,
    RETURNED
  }

  /**
   * One appointment as the referring physician needs it: its kind, when (UTC instants and the
   * site's IANA zone) and where, and with whom.
   */
  public record AppointmentOnTimeline(
      String kind,
      Instant startsAt,
      Instant endsAt,
      String timeZone,
      String siteName,
      String siteAddress,
      String roomName,
      String clinicianName) {}
}

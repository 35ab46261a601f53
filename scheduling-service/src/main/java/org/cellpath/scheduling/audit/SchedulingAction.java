package org.cellpath.scheduling.audit;

import org.cellpath.audit.AuditedAction;

/**
 * What a scheduler (or an administrator reading) did, as written in the audit trail's {@code
 * action} column. Every change made through the API, and every read of a case's appointments: which
 * slots a referral holds and when is patient information even without a name, and the contact reads
 * name the patient (ADR 34). Bookings, moves and releases made by the service itself (an approval's
 * booking, the waitlist's) are not here: they are no one's action, and their events say what
 * happened.
 */
public enum SchedulingAction implements AuditedAction {
  CLINICIAN_ADD,
  SITE_ADD,
  ROOM_ADD,
  /** A slot added, on its own or by a weekly template (a row per slot created). */
  SLOT_ADD,
  SLOT_BLOCK,
  /** A blocked slot freed: it is bookable again, and the waitlist may take it. */
  SLOT_FREE,
  /** The calendar: slots with the referrals that hold them. */
  SLOTS_LIST,
  SLOT_READ,
  /** A pair booked by hand, for a waitlisted case or one whose pair was cancelled. */
  PAIR_BOOK,
  PAIR_RESCHEDULE,
  PAIR_CANCEL,
  APPOINTMENT_COMPLETE,
  APPOINTMENT_NO_SHOW,
  /** A case closed and returned to the referring physician, with a reason code. */
  CASE_RETURN,
  /** Every pair of a referral. */
  PAIRS_READ,
  PAIR_READ,
  CASE_READ,
  /** The waitlist, with the referrals waiting. */
  WAITLIST_READ,
  /** Patients' names, phones and languages, a row per referral named. */
  CONTACTS_READ,
  /** A search by name or short id, a row per case found. */
  CASES_SEARCH,
  /** The pairs still unconfirmed shortly before they start, a row per referral listed. */
  UNCONFIRMED_READ,
  /** The clinic's waitlist setting changed: automatic booking or offers, and the offers' hold. */
  WAITLIST_SETTINGS_CHANGE;

  /** Record types, as written in the trail's {@code resource_type} column. */
  public static final String CLINICIAN = "clinician";

  public static final String SITE = "site";
  public static final String ROOM = "room";
  public static final String SLOT = "slot";
  public static final String PAIR = "appointment-pair";
  public static final String APPOINTMENT = "appointment";
  public static final String CASE = "scheduling-case";
  public static final String REFERRAL = "referral";
  public static final String CLINIC_SETTING = "clinic-setting";
}

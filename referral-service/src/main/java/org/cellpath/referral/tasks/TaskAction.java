package org.cellpath.referral.tasks;

/** What the clinician did about a 12-week task. */
public enum TaskAction {
  CONTACTED_PATIENT,
  FOLLOW_UP_VISIT_BOOKED,
  REFERRED_BACK_TO_PHYSICIAN,
  NO_ACTION_NEEDED,
  OTHER
}

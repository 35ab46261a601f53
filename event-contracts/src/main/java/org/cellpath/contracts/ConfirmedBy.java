package org.cellpath.contracts;

/** How a patient's attendance was confirmed. */
public enum ConfirmedBy {
  /** The patient pressed Confirm on the page their link opens. */
  PATIENT_LINK,
  /** The patient answered an SMS with YES or C. */
  SMS_REPLY,
  /** Staff recorded it, after a telephone call for example. */
  STAFF
}

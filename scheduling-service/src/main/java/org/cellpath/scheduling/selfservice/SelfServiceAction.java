package org.cellpath.scheduling.selfservice;

import org.cellpath.audit.AuditedAction;

/**
 * What a patient's link was used for, as written in the audit trail's {@code action} column (with
 * the pair and its referral, never the token or anything about the patient). The subject is {@code
 * anonymous}: the link, not a person's sign-in, is the credential.
 */
public enum SelfServiceAction implements AuditedAction {
  PATIENT_LINK_READ,
  PATIENT_LINK_CONFIRM,
  PATIENT_LINK_OPTIONS,
  PATIENT_LINK_RESCHEDULE,
  PATIENT_LINK_CANCEL,
  PATIENT_LINK_CALENDAR,
  /** A waitlist offer's link: read, accepted, declined (the pair offered, its referral). */
  OFFER_LINK_READ,
  OFFER_LINK_ACCEPT,
  OFFER_LINK_DECLINE;

  /** The record type, as written in the trail's {@code resource_type} column. */
  public static final String PAIR = "appointment-pair";
}

package org.cellpath.contracts;

/**
 * Why scheduling closed a case and returned it to the referring physician (docs/domain.md §8.5). A
 * code, never free text: the event travels to every service and must not carry the patient's
 * circumstances.
 */
public enum ReturnReason {
  /** The clinic could not reach the patient. */
  PATIENT_UNREACHABLE,
  /** The patient no longer wants the procedure. */
  PATIENT_DECLINED,
  /** The patient missed appointments more than once. */
  REPEATED_NO_SHOW,
  /** No slots suit the case (its rules or the patient's preferences). */
  NO_SUITABLE_SLOTS,
  /** Another reason; the physician hears it from the clinic. */
  OTHER
}

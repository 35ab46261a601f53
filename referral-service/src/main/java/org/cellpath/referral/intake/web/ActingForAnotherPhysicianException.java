package org.cellpath.referral.intake.web;

/**
 * A physician asked to act for another physician: submit a referral naming another NPI, or list
 * another physician's referrals. Answered with 403; the message says what was refused, never whose
 * data.
 */
class ActingForAnotherPhysicianException extends RuntimeException {

  ActingForAnotherPhysicianException(String message) {
    super(message);
  }
}

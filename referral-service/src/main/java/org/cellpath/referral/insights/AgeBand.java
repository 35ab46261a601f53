package org.cellpath.referral.insights;

import java.time.LocalDate;
import java.time.Period;

/**
 * The patient's age when the referral was submitted, in three bands. At referral rather than at the
 * procedure: every case has it, including the ones never treated, and it is the age the reviewer
 * sees beside a review (ADR 43).
 */
public enum AgeBand {
  UNDER_40,
  FROM_40_TO_59,
  FROM_60;

  public static AgeBand of(LocalDate dateOfBirth, LocalDate on) {
    int age = Period.between(dateOfBirth, on).getYears();
    return age < 40 ? UNDER_40 : age < 60 ? FROM_40_TO_59 : FROM_60;
  }
}

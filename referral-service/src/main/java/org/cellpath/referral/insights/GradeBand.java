package org.cellpath.referral.insights;

import org.jspecify.annotations.Nullable;

/**
 * The severity grade a referral records: only ankle osteoarthritis has one, its Kellgren-Lawrence
 * grade (1-4), banded as mild to moderate (1-2) and severe (3-4). Other conditions carry no grade,
 * so similar cases are matched on it only where the case under review has one (ADR 43).
 */
public enum GradeBand {
  KL_1_TO_2,
  KL_3_TO_4,
  NOT_GRADED;

  public static GradeBand of(@Nullable Integer kellgrenLawrenceGrade) {
    if (kellgrenLawrenceGrade == null) {
      return NOT_GRADED;
    }
    return kellgrenLawrenceGrade <= 2 ? KL_1_TO_2 : KL_3_TO_4;
  }
}

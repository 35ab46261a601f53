package org.cellpath.referral.outcomes;

/** Why the 12-week rule asks a clinician to look at a case, with a sentence for the task. */
public record TwelveWeekFinding(Code code, Subscale subscale, String sentence) {

  public enum Code {
    /** Pain on the NRS up by 2 points or more since baseline. */
    PAIN_UP,
    /** A subscale improved by less than its meaningful difference, or got worse. */
    BELOW_MEANINGFUL_DIFFERENCE
  }
}

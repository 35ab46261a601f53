package org.cellpath.referral.surveys;

/** Where a questionnaire stands (docs/outcomes.md, "When a questionnaire is asked"). */
public enum SurveyState {
  /** Made, not yet sent: due later, or a follow-up waiting for the injection to be completed. */
  PLANNED,
  /** Sent: the patient may answer until it closes. */
  OPEN,
  /** Submitted and scored. */
  COMPLETED,
  /** Closed unsubmitted. */
  MISSED,
  /** The case will not reach it (withdrawn, pair cancelled, injection missed, case returned). */
  STOPPED
}

package org.cellpath.referral.surveys.web;

import org.cellpath.links.LinkProblems;
import org.cellpath.links.PatientLinkException;
import org.cellpath.referral.surveys.UnknownLinkException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A questionnaire link that opens nothing, as a problem detail: 404 {@code link-invalid} for a
 * forged, altered or unknown link and for one made for another page (one answer for all, no
 * oracle), 410 {@code link-expired} once the survey has closed. Ahead of the shared handlers, for
 * the questionnaire API only.
 */
@RestControllerAdvice(assignableTypes = SurveyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SurveyProblems {

  private static final String EXPIRED =
      "This questionnaire has closed; the clinic can tell you more.";
  private static final String INVALID = "This link does not open any questionnaire.";

  @ExceptionHandler(PatientLinkException.class)
  ResponseEntity<ProblemDetail> link(PatientLinkException refused) {
    return LinkProblems.of(refused, EXPIRED, INVALID);
  }

  @ExceptionHandler(UnknownLinkException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownLinkException refused) {
    return LinkProblems.invalid(INVALID);
  }
}

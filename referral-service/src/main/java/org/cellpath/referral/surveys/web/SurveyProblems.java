package org.cellpath.referral.surveys.web;

import java.net.URI;
import org.cellpath.links.PatientLinkException;
import org.cellpath.referral.surveys.UnknownLinkException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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

  static final URI LINK_INVALID = URI.create("https://cellpath.org/problems/link-invalid");
  static final URI LINK_EXPIRED = URI.create("https://cellpath.org/problems/link-expired");

  @ExceptionHandler(PatientLinkException.class)
  ResponseEntity<ProblemDetail> link(PatientLinkException refused) {
    return refused.reason() == PatientLinkException.Reason.EXPIRED
        ? problem(
            HttpStatus.GONE,
            LINK_EXPIRED,
            "Link expired",
            "This questionnaire has closed; the clinic can tell you more.")
        : invalid();
  }

  @ExceptionHandler(UnknownLinkException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownLinkException refused) {
    return invalid();
  }

  private static ResponseEntity<ProblemDetail> invalid() {
    return problem(
        HttpStatus.NOT_FOUND,
        LINK_INVALID,
        "Link not valid",
        "This link does not open any questionnaire.");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(problem);
  }
}

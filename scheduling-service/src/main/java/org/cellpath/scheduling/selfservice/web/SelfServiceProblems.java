package org.cellpath.scheduling.selfservice.web;

import org.cellpath.links.LinkProblems;
import org.cellpath.links.PatientLinkException;
import org.cellpath.scheduling.selfservice.UnknownLinkException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A link that opens nothing, as a problem detail: 404 {@code link-invalid} for a forged, altered or
 * unknown link and for one made for another page (the same answer, so that no answer tells a
 * genuine link of another purpose from a forged one), 410 {@code link-expired} for an expired one.
 * Ahead of the shared handlers, for the self-service API only.
 */
@RestControllerAdvice(assignableTypes = SelfServiceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SelfServiceProblems {

  private static final String EXPIRED = "This link has expired; the clinic can send a new one.";
  private static final String INVALID = "This link does not open any appointments.";

  @ExceptionHandler(PatientLinkException.class)
  ResponseEntity<ProblemDetail> link(PatientLinkException refused) {
    return LinkProblems.of(refused, EXPIRED, INVALID);
  }

  @ExceptionHandler(UnknownLinkException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownLinkException refused) {
    return LinkProblems.invalid(INVALID);
  }
}

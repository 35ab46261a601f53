package org.cellpath.scheduling.selfservice.web;

import java.net.URI;
import org.cellpath.links.PatientLinkException;
import org.cellpath.scheduling.selfservice.UnknownLinkException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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

  static final URI LINK_INVALID = URI.create("https://cellpath.org/problems/link-invalid");
  static final URI LINK_EXPIRED = URI.create("https://cellpath.org/problems/link-expired");

  @ExceptionHandler(PatientLinkException.class)
  ResponseEntity<ProblemDetail> link(PatientLinkException refused) {
    return refused.reason() == PatientLinkException.Reason.EXPIRED
        ? problem(
            HttpStatus.GONE,
            LINK_EXPIRED,
            "Link expired",
            "This link has expired; the clinic can send a new one.")
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
        "This link does not open any appointments.");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(type);
    body.setTitle(title);
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(body);
  }
}

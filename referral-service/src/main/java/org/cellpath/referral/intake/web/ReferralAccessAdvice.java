package org.cellpath.referral.intake.web;

import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 403 as a problem detail for a physician acting for another; before the shared advice, which would
 * answer 500.
 */
@RestControllerAdvice(assignableTypes = ReferralController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReferralAccessAdvice {

  static final URI FORBIDDEN = URI.create("https://cellpath.org/problems/forbidden");

  @ExceptionHandler(ActingForAnotherPhysicianException.class)
  ResponseEntity<ProblemDetail> actingForAnother(ActingForAnotherPhysicianException ex) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    body.setType(FORBIDDEN);
    body.setTitle("Forbidden");
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"")
        .body(body);
  }
}

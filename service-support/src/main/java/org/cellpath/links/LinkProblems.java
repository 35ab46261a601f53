package org.cellpath.links;

import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A patient link that opens nothing, as the problem detail every patient API answers with: 404
 * {@code link-invalid} for a forged, altered or unknown link and for one made for another page (one
 * answer for all, so that none tells a genuine link of another purpose from a forged one), 410
 * {@code link-expired} for an expired one. Never cached. Each API words the detail for its page.
 */
public final class LinkProblems {

  public static final URI LINK_INVALID = URI.create("https://cellpath.org/problems/link-invalid");
  public static final URI LINK_EXPIRED = URI.create("https://cellpath.org/problems/link-expired");

  private LinkProblems() {}

  /** The answer to a refused link: 410 when it expired, else the one 404. */
  public static ResponseEntity<ProblemDetail> of(
      PatientLinkException refused, String expiredDetail, String invalidDetail) {
    return refused.reason() == PatientLinkException.Reason.EXPIRED
        ? expired(expiredDetail)
        : invalid(invalidDetail);
  }

  public static ResponseEntity<ProblemDetail> expired(String detail) {
    return problem(HttpStatus.GONE, LINK_EXPIRED, "Link expired", detail);
  }

  public static ResponseEntity<ProblemDetail> invalid(String detail) {
    return problem(HttpStatus.NOT_FOUND, LINK_INVALID, "Link not valid", detail);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).body(problem);
  }
}

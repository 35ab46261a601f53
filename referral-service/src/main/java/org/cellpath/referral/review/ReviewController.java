package org.cellpath.referral.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cellpath.contracts.CellSource;
import org.cellpath.contracts.Recommendation;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reviewing clinician's API: the queue of open reviews, one review's findings, and the decision. */
@RestController
@RequestMapping("/api/reviews")
@Validated
class ReviewController {

  private final ReviewingReferral reviewing;

  ReviewController(ReviewingReferral reviewing) {
    this.reviewing = reviewing;
  }

  record ReviewView(UUID id, UUID referralId, ReviewState state, Recommendation recommendation,
      List<Finding> findings, Instant openedAt, Instant decidedAt) {

    static ReviewView of(EligibilityReview review) {
      return new ReviewView(review.id(), review.referralId(), review.state(), review.recommendation(),
          review.findings(), review.openedAt(), review.decidedAt());
    }
  }

  record Approval(@NotNull CellSource cellSource, @NotBlank @Size(max = 200) String injectionSite) {}

  record Decline(@NotBlank @Size(max = 2000) String reason) {}

  record InformationRequest(@NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> items) {}

  /** Open reviews, oldest first. */
  @GetMapping
  List<ReviewView> queue(@RequestParam(required = false) Recommendation recommendation,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    return reviewing.queue(recommendation, limit).stream().map(ReviewView::of).toList();
  }

  @GetMapping("/{id}")
  ReviewView review(@PathVariable UUID id) {
    return ReviewView.of(reviewing.review(id));
  }

  @PostMapping("/{id}/approval")
  ResponseEntity<ReviewView> approve(@PathVariable UUID id, @Valid @RequestBody Approval approval) {
    reviewing.approve(id, approval.cellSource(), approval.injectionSite(), "reviewer");
    return ResponseEntity.ok(ReviewView.of(reviewing.review(id)));
  }

  @PostMapping("/{id}/decline")
  ResponseEntity<ReviewView> decline(@PathVariable UUID id, @Valid @RequestBody Decline decline) {
    reviewing.decline(id, decline.reason());
    return ResponseEntity.ok(ReviewView.of(reviewing.review(id)));
  }

  @PostMapping("/{id}/information-request")
  ResponseEntity<ReviewView> requestInformation(@PathVariable UUID id,
      @Valid @RequestBody InformationRequest request) {
    reviewing.requestInformation(id, request.items());
    return ResponseEntity.ok(ReviewView.of(reviewing.review(id)));
  }
}

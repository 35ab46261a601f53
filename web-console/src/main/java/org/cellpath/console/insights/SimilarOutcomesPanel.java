package org.cellpath.console.insights;

import java.util.UUID;
import org.cellpath.console.api.ApiProblem;
import org.cellpath.console.api.OutcomesApi;
import org.springframework.stereotype.Component;

/**
 * The similar past cases beside a review, fetched by the reviewer's case page's own fragment
 * ({@code insights/similar :: panel}) so that the page's controller needs nothing new. A service
 * that cannot answer leaves the panel saying so; the decision does not depend on it.
 */
@Component("similarOutcomes")
public class SimilarOutcomesPanel {

  private final OutcomesApi outcomes;

  SimilarOutcomesPanel(OutcomesApi outcomes) {
    this.outcomes = outcomes;
  }

  /** The similar cases of the review's case; null when referral-service could not say. */
  public OutcomesApi.Similar forReview(UUID reviewId) {
    try {
      return outcomes.similar(reviewId);
    } catch (ApiProblem | org.springframework.web.client.RestClientException unavailable) {
      return null;
    }
  }
}

package org.cellpath.referral.review;

import java.util.List;
import java.util.Objects;
import org.cellpath.contracts.CellSource;

/**
 * A clinician's decision on a review, one of three, each with what it needs. Stored with the review
 * as a document whose fields are the record's components; {@code decidedBy} is the decider's token
 * subject, which the reviewer read scope looks up.
 */
public sealed interface Decision {

  /**
   * The token subject of who decided ({@code auto-approval} for the pre-screen's automatic
   * approval).
   */
  String decidedBy();

  /** The review's state once decided. */
  ReviewState state();

  record Approve(CellSource cellSource, String injectionSite, String decidedBy)
      implements Decision {

    public Approve {
      Objects.requireNonNull(cellSource, "cellSource");
      Objects.requireNonNull(decidedBy, "decidedBy");
    }

    @Override
    public ReviewState state() {
      return ReviewState.APPROVED;
    }
  }

  /**
   * @param reason written for the referring physician, who reads it on the referral's timeline
   */
  record Decline(String reason, String decidedBy) implements Decision {

    public Decline {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(decidedBy, "decidedBy");
    }

    @Override
    public ReviewState state() {
      return ReviewState.DECLINED;
    }
  }

  /**
   * @param items what the referring physician is asked for, each a sentence
   */
  record RequestInformation(List<String> items, String decidedBy) implements Decision {

    public RequestInformation {
      items = List.copyOf(items);
      Objects.requireNonNull(decidedBy, "decidedBy");
    }

    @Override
    public ReviewState state() {
      return ReviewState.INFO_REQUESTED;
    }
  }
}

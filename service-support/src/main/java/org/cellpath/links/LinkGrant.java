package org.cellpath.links;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a patient link grants: one purpose, on one subject (a pair, an offer, a survey) of one
 * referral, until a moment.
 *
 * @param subjectId the pair, offer or survey the link opens; never shown in the address
 */
public record LinkGrant(LinkPurpose purpose, UUID subjectId, UUID referralId, Instant expiresAt) {

  public LinkGrant {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(subjectId, "subjectId");
    Objects.requireNonNull(referralId, "referralId");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}

package org.cellpath.referral.review;

import org.cellpath.contracts.CellSource;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.review}.
 *
 * @param autoApproveLikelyEligible approve {@code LIKELY_ELIGIBLE} reviews without a clinician (off
 *     by default)
 * @param autoApprovalCellSource the cell source of an automatic approval when the referral has no
 *     preference
 */
@ConfigurationProperties("cellpath.review")
record ReviewSettings(boolean autoApproveLikelyEligible, CellSource autoApprovalCellSource) {

  ReviewSettings {
    autoApprovalCellSource =
        autoApprovalCellSource == null ? CellSource.BONE_MARROW : autoApprovalCellSource;
  }
}

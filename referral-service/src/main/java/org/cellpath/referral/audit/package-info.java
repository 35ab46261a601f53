/**
 * The append-only audit trail of referral-service: every read and change of a referral or a review, and every
 * refused request, in the service's own database.
 */
package org.cellpath.referral.audit;

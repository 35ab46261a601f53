/**
 * What referral-service writes to its audit trail (service-support's {@code org.cellpath.audit}):
 * every read and change of a referral or a review by a person, and every refused request.
 */
@NullMarked
package org.cellpath.referral.audit;

import org.jspecify.annotations.NullMarked;

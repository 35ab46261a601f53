/** The closed loop: scheduling's events move the referral's status, which the physician follows. */
@NullMarked
package org.cellpath.referral.timeline;

import org.jspecify.annotations.NullMarked;

/** The closed loop: scheduling's events move the referral's status, which the physician follows. */
package org.cellpath.referral.timeline;

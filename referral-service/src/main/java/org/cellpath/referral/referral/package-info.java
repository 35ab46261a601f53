/**
 * The referral: what a physician submits, the aggregate that owns its status (named transitions
 * checked against one status table), its dated timeline and its store. Intake, review and timeline
 * change a referral only through it.
 */
@NullMarked
package org.cellpath.referral.referral;

import org.jspecify.annotations.NullMarked;

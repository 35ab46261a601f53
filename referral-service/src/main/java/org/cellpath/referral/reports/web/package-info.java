/**
 * The referring physician's outcomes API: their own referral's scores over time and its reports.
 */
@NullMarked
package org.cellpath.referral.reports.web;

import org.jspecify.annotations.NullMarked;

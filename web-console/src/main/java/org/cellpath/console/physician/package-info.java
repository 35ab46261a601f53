/**
 * The physician's pages: submitting a referral, answering a request for information, following each referral to its
 * outcome, and withdrawing one.
 */
package org.cellpath.console.physician;

/**
 * The physician's pages: submitting a referral, answering a request for information, following each
 * referral to its outcome, and withdrawing one.
 */
@NullMarked
package org.cellpath.console.physician;

import org.jspecify.annotations.NullMarked;

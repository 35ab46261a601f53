/**
 * The reviewing clinician's pages: the review queue, the pre-screen's findings, and the decision.
 */
@NullMarked
package org.cellpath.console.reviewer;

import org.jspecify.annotations.NullMarked;

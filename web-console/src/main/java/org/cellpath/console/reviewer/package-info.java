/** The reviewing clinician's pages: the review queue, the pre-screen's findings, and the decision. */
package org.cellpath.console.reviewer;
